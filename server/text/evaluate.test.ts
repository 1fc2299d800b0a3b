import { describe, expect, it } from 'vitest';
import type { Classification, TextModelSpec } from '../../src/core/text/heads';
import type { TextClassifier } from './classifier';
import { memoClassifier } from './classifier';
import { evaluateText } from './evaluate';
import { formatTextReport } from './format';
import type { SourceRow, SourceTable } from './source';

const row = (text: string, category: SourceRow['category'], sentiment: SourceRow['sentiment'], native = String(category)): SourceRow =>
  ({ text, lang: 'en', category, sentiment, native, group: '', raw: text });
const table = (rows: SourceRow[], empty = 0): SourceTable => ({ rows, empty, layout: { header: null, eol: '\n' } });

/** A fake model without a `travel` label: says phones for "phone", books otherwise; positive for "good". */
function fakeModel(): TextClassifier & { calls: number } {
  const spec: TextModelSpec = {
    heads: [{ name: 'category', labels: ['phones', 'books_media', 'other'], offset: 0 }, { name: 'sentiment', labels: ['negative', 'positive'], offset: 3 }],
    maxLength: 16, width: 5,
  };
  const head = (label: string, labels: readonly string[]) => ({ label, score: 1, probs: Object.fromEntries(labels.map((l) => [l, l === label ? 1 : 0])) });
  const model = {
    name: 'fake', spec, calls: 0,
    async classify(texts: readonly string[]): Promise<Classification[]> {
      model.calls += texts.length;
      return texts.map((t) => ({ category: head(t.includes('phone') ? 'phones' : 'books_media', spec.heads[0]!.labels), sentiment: head(t.includes('good') ? 'positive' : 'negative', spec.heads[1]!.labels) }));
    },
    dispose: async () => undefined,
  };
  return model;
}

const TEST = table([
  row('good phone', 'phones', 'positive'), row('bad phone', 'phones', 'negative'), row('good novel', 'books_media', 'positive'),
  row('phone book', 'books_media', 'negative'), row('nice hotel', 'travel', 'positive', '酒店'), row('mystery', null, 'negative', '未知'),
], 2);
const TRAIN = table([
  ...Array.from({ length: 20 }, (_, i) => row(`phone screen ${i} good`, 'phones', 'positive')),
  ...Array.from({ length: 20 }, (_, i) => row(`novel author ${i} bad`, 'books_media', 'negative')),
  row('hotel room', 'travel', 'positive'), row('no label', null, null, '?'),
]);

describe('evaluateText', () => {
  it('scores the model and the baseline on the same rows, skipping labels the model cannot output', async () => {
    const { report, detail } = await evaluateText({ task: 'category', test: TEST, train: TRAIN, classifier: fakeModel() });
    expect(report.rows.test).toEqual({ used: 4, empty: 2, skipped: { 酒店: 1, 未知: 1 } });
    expect(report.rows.train).toEqual({ used: 41, empty: 0, skipped: { '?': 1 } });
    expect(detail.truth).toEqual(['phones', 'phones', 'books_media', 'books_media']);
    expect(detail.model).toEqual(['phones', 'phones', 'books_media', 'phones']);
    expect(report.model).toMatchObject({ name: 'fake', n: 4, accuracy: 0.75 });
    // phones: P 2/3 R 1 F1 0.8; books: P 1 R 0.5 F1 2/3.
    expect(report.model!.macroF1).toBeCloseTo((0.8 + 2 / 3) / 2, 12);
    expect(report.baseline).toMatchObject({ kind: 'lr', n: 4 });
    expect(report.baseline!.accuracy).toBeGreaterThanOrEqual(0.5);
    const text = formatTextReport(report).join('\n');
    expect(text).toMatch(/model fake: accuracy 75.00%, macro-F1 73.33% \(n 4\)/);
    expect(text).toMatch(/skipped 2 without a usable label \((酒店 1, 未知 1|未知 1, 酒店 1)\); 2 empty texts dropped/);
    expect(text).toMatch(/confusion/);
    // Four rows in four length groups, each side's accuracy per group.
    expect(report.byLength.map((g) => g.n)).toEqual([1, 1, 1, 1]);
    const modelRight = report.byLength.reduce((a, g) => a + g.accuracy.model! * g.n, 0);
    expect(modelRight).toBe(3);
    expect(Object.keys(report.byLength[0]!.accuracy)).toEqual(['model', 'baseline']);
    expect(text).toMatch(/accuracy by text length \(characters; test rows in 4 groups of equal size\)/);
  });
  it('runs the baseline alone, or the model alone, and fails clearly', async () => {
    const alone = await evaluateText({ task: 'sentiment', test: TEST, train: TRAIN, classifier: null, baseline: { kind: 'nb' } });
    expect(alone.report.model).toBeNull();
    expect(alone.report.baseline).toMatchObject({ kind: 'nb', n: 6 });
    expect(Object.keys(alone.report.byLength[0]!.accuracy)).toEqual(['baseline']);
    const modelOnly = await evaluateText({ task: 'sentiment', test: TEST, train: null, classifier: fakeModel() });
    expect(modelOnly.report.baseline).toBeNull();
    expect(modelOnly.report.model!.accuracy).toBeCloseTo(5 / 6, 12); // 'nice hotel' has no "good"
    await expect(evaluateText({ task: 'category', test: table([row('x', null, 'positive', 'p')]), train: null, classifier: null })).rejects.toThrow(/no test rows with a category label/);
    const noHead = { ...fakeModel(), spec: { heads: [{ name: 'sentiment', labels: ['negative', 'positive'], offset: 0 }], maxLength: 8, width: 2 } };
    await expect(evaluateText({ task: 'category', test: TEST, train: null, classifier: noHead })).rejects.toThrow(/has no "category" head/);
  });
  it('memoClassifier runs the model once per distinct text', async () => {
    const inner = fakeModel();
    const memo = memoClassifier(inner);
    await memo.classify(['a', 'b', 'a']);
    await memo.classify(['b', 'c']);
    expect(inner.calls).toBe(3);
  });
});
