/**
 * One dedicated connection that LISTENs on the store's channels (a pooled connection would be
 * handed to other queries). Reconnects with backoff when the connection drops and then calls
 * `onReconnect`, because notifications sent meanwhile are lost.
 */
import pg from 'pg';

export interface PgListenerOptions {
  config: pg.ClientConfig;
  channels: readonly string[];
  onNotify: (channel: string, payload: string) => void;
  onReconnect: () => void;
}

const MIN_DELAY_MS = 250;
const MAX_DELAY_MS = 30_000;

export class PgListener {
  private client: pg.Client | null = null;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay = MIN_DELAY_MS;

  constructor(private readonly options: PgListenerOptions) {}

  /** Connects and LISTENs; rejects when the first attempt fails (bad URL, server down). */
  start(): Promise<void> {
    return this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.options.config);
    client.on('notification', (n) => this.options.onNotify(n.channel, n.payload ?? ''));
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const ch of this.options.channels) await client.query(`LISTEN "${ch}"`);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    console.error(`reshelf: PostgreSQL notification connection lost${error ? ` (${error.message})` : ''}; reconnecting`);
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect().then(
        () => {
          this.delay = MIN_DELAY_MS;
          if (!this.closed) this.options.onReconnect();
        },
        () => {
          this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
          if (!this.closed) this.schedule();
        },
      );
    }, this.delay);
    this.timer.unref?.();
  }
}
