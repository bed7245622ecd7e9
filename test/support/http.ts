import type { Express } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { observeServer } from './contract.ts';

/**
 * The language the tests' clients read by default. The API answers in Vietnamese unless asked
 * for English; the tests were written against the English texts, so a request that names no
 * language is read as English. Tests of the Vietnamese default pass `{ acceptLanguage: null }`.
 */
export const TEST_LANGUAGE = 'en';

/**
 * Listens on a free loopback port. The keep-alive timeout is raised well above the client's
 * idle timeout: on a loaded machine fetch's timer can lag, reuse a socket the server has just
 * closed after its default 5 s, and fail with ECONNRESET.
 *
 * A request that names no language (no Accept-Language, or fetch's `*`) is given
 * `acceptLanguage`, English unless the test says otherwise: every client of the test server
 * reads it, however it sends.
 */
export async function listen(
  app: Express,
  { acceptLanguage = TEST_LANGUAGE }: { acceptLanguage?: string | null } = {},
): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    // fetch sends `Accept-Language: *` when the caller names no language.
    const asked = req.headers['accept-language'];
    if (acceptLanguage && (asked === undefined || asked === '*'))
      req.headers['accept-language'] = acceptLanguage;
    // Whoever the client (fetch, node:http, a browser), the answer is checked against the
    // OpenAPI document as it is written (test/support/contract.ts).
    observeServer((server.address() as AddressInfo).port, req, res);
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.keepAliveTimeout = 60_000;
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
