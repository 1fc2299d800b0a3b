/** A test HTTP server on a free loopback port: an async handler, a 500 with the error when it throws. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface Loopback {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<Loopback> {
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return { origin: `http://127.0.0.1:${address.port}`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}
