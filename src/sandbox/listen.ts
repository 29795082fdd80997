import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** Listens on 127.0.0.1 (never "localhost": it may resolve to ::1) and resolves to the bound port (0 = any free one). */
export async function listenLoopback(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as { port: number }).port;
}

/** A small service of the sandbox on loopback: `answer` gets each request with its whole body. */
export async function serveLoopback(
  port: number,
  answer: (body: Buffer, req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (b: Buffer) => chunks.push(b));
    req.on('end', () => answer(Buffer.concat(chunks), req, res));
  });
  const bound = await listenLoopback(server, port);
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
