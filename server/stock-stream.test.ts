import { describe, expect, it } from 'vitest';
import { CAMPAIGN, testApp } from './test-fixtures';

async function nextEvent(reader: ReadableStreamDefaultReader<Uint8Array>, buf: { text: string }): Promise<{ event: string; data: unknown }> {
  const decoder = new TextDecoder();
  for (;;) {
    const end = buf.text.indexOf('\n\n');
    if (end >= 0) {
      const block = buf.text.slice(0, end);
      buf.text = buf.text.slice(end + 2);
      if (block.startsWith(':')) continue; // keep-alive comment
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown;
      return { event, data };
    }
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended');
    buf.text += decoder.decode(value, { stream: true });
  }
}

describe('GET /v1/campaigns/:id/stock/stream', () => {
  it('sends the current stock, then a fresh snapshot on every change', async () => {
    const { app, store } = await testApp();
    const ctrl = new AbortController();
    const res = await app.request(`/v1/campaigns/${CAMPAIGN.id}/stock/stream`, { signal: ctrl.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const buf = { text: '' };
    const first = await nextEvent(reader, buf);
    expect(first).toMatchObject({ event: 'stock', data: { campaignId: CAMPAIGN.id, stock: { a1: 10, k1: 3 } } });
    await store.setStock(CAMPAIGN.id, { k1: 0 });
    const second = await nextEvent(reader, buf);
    expect(second).toMatchObject({ event: 'stock', data: { stock: { k1: 0, a1: 10 } } });
    ctrl.abort();
    await reader.cancel().catch(() => undefined);
  });

  it('answers 404 for an unknown campaign', async () => {
    const { app } = await testApp();
    expect((await app.request('/v1/campaigns/nope/stock/stream')).status).toBe(404);
  });
});
