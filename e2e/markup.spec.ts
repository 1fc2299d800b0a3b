/**
 * Property-based tests of the markup reader and reordering in real Chromium: fast-check generates
 * widgets (hostile attribute values, missing and repeated ids, wrappers, nested widgets, odd
 * prices) and support/markup-harness.ts checks them against the real DOM. Seeded and bounded, so
 * a failure replays exactly: the message names the seed and the counterexample.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { expect, test } from '@playwright/test';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const RUNS = 200;
const SEEDS = [20261129, 7];

let bundle: string;
test.beforeAll(async () => {
  const out = await build({ entryPoints: [resolve(ROOT, 'e2e/support/markup-harness.ts')], bundle: true, format: 'iife', platform: 'browser', write: false, target: 'es2020' });
  bundle = out.outputFiles[0]!.text;
});

for (const seed of SEEDS) {
  test(`markup reader and reordering hold for ${RUNS} generated widgets (seed ${seed})`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><html lang="en"><meta charset="utf-8"><title>markup properties</title><body></body></html>');
    await page.addScriptTag({ content: bundle });
    const failures = await page.evaluate(([s, n]) => (window as unknown as { markupProperties(seed: number, runs: number): string[] }).markupProperties(s, n), [seed, RUNS] as const);
    expect(failures).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });
}
