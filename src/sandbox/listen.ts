import type { Server } from 'node:http';

/** Listens on 127.0.0.1 (never "localhost": it may resolve to ::1) and resolves to the bound port (0 = any free one). */
export async function listenLoopback(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as { port: number }).port;
}
