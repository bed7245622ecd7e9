import type { Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on a free loopback port. The keep-alive timeout is raised well above the client's
 * idle timeout: on a loaded machine fetch's timer can lag, reuse a socket the server has just
 * closed after its default 5 s, and fail with ECONNRESET.
 */
export async function listen(app: Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.keepAliveTimeout = 60_000;
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
