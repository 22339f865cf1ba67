import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A free loopback port, for a server a test starts itself (Redis, Prometheus). There is a small race between
 * closing it here and the server binding it.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
