import { expect, test, type Page } from '@playwright/test';
import { flush, reshelfReady, serverStats, totals } from './support/shop';

type R = (...a: unknown[]) => void;
const consent = (page: Page, state: string) => page.evaluate((s) => new Promise((resolve) => (window as unknown as { reshelf: R }).reshelf('consent', s, resolve)), state);
const stored = (page: Page) =>
  page.evaluate(async () => ({
    keys: Object.keys(localStorage).filter((k) => k.startsWith('reshelf')),
    dbs: (await indexedDB.databases()).map((d) => d.name).filter((n) => n === 'reshelf'),
  }));
const domOrder = (page: Page) => page.$$eval('[data-reshelf-widget] [data-reshelf-item]', (els) => els.map((e) => (e as HTMLElement).dataset.reshelfItem!));
const firstInStock = (page: Page) => page.$$eval('[data-reshelf-item]', (els) => els.map((e) => e as HTMLElement).find((e) => e.dataset.reshelfStock !== '0')!.dataset.reshelfItem!);

test('pending consent: nothing stored, nothing sent, merchant order kept; granting starts reshelf with the events of this page', async ({ page, request }) => {
  const signals: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/v1/')) signals.push(r.url()); });
  await page.goto('/?consent=pending');
  const merchant = await domOrder(page);
  expect(await reshelfReady(page)).toMatchObject({ engine: false, consent: 'pending' });
  const id = await firstInStock(page);
  const before = totals(await serverStats(request), id);
  await page.locator(`[data-reshelf-item="${id}"] [data-reshelf-action="cart"]`).click();
  await page.mouse.wheel(0, 800);
  await page.waitForTimeout(1500);
  expect(await stored(page)).toEqual({ keys: [], dbs: [] });
  expect(signals).toEqual([]);
  expect(await domOrder(page)).toEqual(merchant);

  expect(await consent(page, 'granted')).toMatchObject({ engine: true, consent: 'granted' });
  await flush(page);
  expect(totals(await serverStats(request), id).carts - before.carts).toBe(1);
  expect((await stored(page)).dbs).toEqual(['reshelf']);
});

test('withdrawing consent deletes what reshelf stored and stops sending', async ({ page }) => {
  await page.goto('/');
  await reshelfReady(page);
  await page.locator(`[data-reshelf-item="${await firstInStock(page)}"] [data-reshelf-action="cart"]`).click();
  await expect.poll(async () => (await stored(page)).keys.length).toBeGreaterThan(0);
  expect(await consent(page, 'denied')).toMatchObject({ engine: false, consent: 'denied' });
  expect(await stored(page)).toEqual({ keys: [], dbs: [] });
  const signals: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/v1/signals')) signals.push(r.url()); });
  await page.locator('[data-reshelf-item] [data-reshelf-action="cart"]:not([disabled])').nth(1).click();
  await page.waitForTimeout(500);
  expect(await flush(page)).toBeNull();
  expect(signals).toEqual([]);
  expect(await stored(page)).toEqual({ keys: [], dbs: [] });
});

test('IAB TCF: pending until the CMP answers, then follows its purposes', async ({ page }) => {
  await page.addInitScript(() => {
    const listeners: Array<(d: unknown, ok: boolean) => void> = [];
    const w = window as unknown as { __tcfapi: unknown; __answer: (consents: Record<number, boolean>) => void };
    w.__tcfapi = (cmd: string, _v: number, cb: (d: unknown, ok: boolean) => void) => {
      if (cmd === 'addEventListener') {
        listeners.push(cb);
        cb({ gdprApplies: true, eventStatus: 'cmpuishown', listenerId: 1 }, true);
      }
    };
    w.__answer = (consents) => { for (const cb of listeners) cb({ gdprApplies: true, eventStatus: 'useractioncomplete', listenerId: 1, purpose: { consents } }, true); };
  });
  await page.goto('/?consent=tcf');
  expect(await reshelfReady(page)).toMatchObject({ engine: false, consent: 'pending' });
  await page.evaluate(() => (window as unknown as { __answer: (c: Record<number, boolean>) => void }).__answer({ 1: true, 5: true, 6: true }));
  await expect.poll(async () => (await stored(page)).dbs).toEqual(['reshelf']);
  expect(await consent(page, 'granted')).toMatchObject({ engine: true });
  await page.evaluate(() => (window as unknown as { __answer: (c: Record<number, boolean>) => void }).__answer({ 1: true }));
  await expect.poll(async () => stored(page)).toEqual({ keys: [], dbs: [] });
});

test('Global Privacy Control is honoured when the merchant enables it', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true }));
  await page.goto('/?gpc=1');
  expect(await reshelfReady(page)).toMatchObject({ engine: false, consent: 'denied' });
  await page.locator('[data-reshelf-item] [data-reshelf-action="cart"]:not([disabled])').first().click();
  await page.waitForTimeout(500);
  expect(await stored(page)).toEqual({ keys: [], dbs: [] });
  expect(await consent(page, 'granted')).toMatchObject({ engine: false, consent: 'denied' });
});
