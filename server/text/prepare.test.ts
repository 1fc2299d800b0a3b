import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitOf } from '../../src/core/text/split';
import { tempDir } from '../test-fixtures';
import { formatCounts, prepare, readJsonlSplit } from './prepare';
import { writeFixtures } from './presets/fixtures';
import { findPreset } from './presets/index';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('text prepare', () => {
  it('writes labelled rows per split and every split in its native layout', async () => {
    const data = writeFixtures(join(tmp.dir, 'data'));
    const out = join(tmp.dir, 'out');
    const counts = await prepare({ dataDir: data, outDir: out });
    const rows = { train: readJsonlSplit(out, 'train'), dev: readJsonlSplit(out, 'dev'), test: readJsonlSplit(out, 'test') };
    const all = [...rows.train, ...rows.dev, ...rows.test];

    // Labelled rows only: the empty review and the office product are gone, the unknown 未知 category keeps its sentiment.
    expect(all).toHaveLength(4 + 3 + 4 + 2 + 3 + 2 + 7);
    expect(all.find((r) => r.text === '不知道是什么')).toEqual({ text: '不知道是什么', lang: 'zh', source: 'online-shopping-10-cats', category: null, sentiment: 'positive' });
    expect(all.some((r) => r.text === 'Classmate Notebook')).toBe(false);
    expect(counts.find((c) => c.source === 'amazon-in-products')).toMatchObject({ rows: 3, unlabelled: 1 });
    expect(counts.find((c) => c.source === 'online-shopping-10-cats')).toMatchObject({ rows: 4, empty: 1, lang: 'zh' });

    // The hash rule for every source but clinc150, which keeps its own split.
    for (const [side, list] of Object.entries(rows)) {
      for (const r of list) {
        if (r.source !== 'clinc150') expect(splitOf(r.text), r.text).toBe(side);
      }
    }
    expect(rows.test.filter((r) => r.source === 'clinc150').map((r) => r.text)).toEqual(['my card got declined', 'rent a car for me', 'what is the dow at']);
    expect(rows.dev.filter((r) => r.source === 'clinc150').map((r) => r.category)).toEqual(['other']);

    // Native splits read back with their preset into the same texts as the .jsonl (plus unlabelled rows).
    for (const c of counts) {
      const preset = findPreset(c.source)!;
      for (const side of ['train', 'dev', 'test'] as const) {
        const path = join(out, 'splits', c.source, preset.splitName(side));
        const native = existsSync(path) ? (await preset.read(path, side)).rows : [];
        const labelled = native.filter((r) => r.category !== null || r.sentiment !== null).map((r) => r.text);
        expect(labelled, `${c.source} ${side}`).toEqual(rows[side].filter((r) => r.source === c.source).map((r) => r.text));
      }
    }
    expect(JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'))).toMatchObject({ sources: expect.any(Array) });
    const table = formatCounts(counts);
    expect(table).toHaveLength(counts.length + 2);
    expect(table.at(-1)).toMatch(/^total\s+26 /);
  });
});
