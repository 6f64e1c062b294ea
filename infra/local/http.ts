/** What every local endpoint (gateway, bus, scheduler, S3) does alike: bind to 127.0.0.1, read a body, close. */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Every stand-in listens on the loopback interface only: nothing local is reachable from the network. */
export const LOCAL_HOST = '127.0.0.1';

/** Listens on `port` (0: the OS picks a free one) and gives the base URL; rejects if the port is taken. */
export async function listenLocally(server: Server, port = 0): Promise<string> {
  await new Promise<void>((listening, reject) => {
    server.once('error', reject);
    server.listen(port, LOCAL_HOST, () => {
      server.off('error', reject);
      listening();
    });
  });
  return `http://${LOCAL_HOST}:${(server.address() as AddressInfo).port}`;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Closes at once: SDK clients keep sockets alive, which close() alone would wait out. Its only error says the
 * server was not listening, which is closed too.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((closed) => {
    server.close(() => closed());
    server.closeAllConnections();
  });
}
