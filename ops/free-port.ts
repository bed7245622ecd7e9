// A free loopback port for a server started next (test servers, the SDK's metrics exporter).
import { createServer } from 'node:net';

/** A port on 127.0.0.1 that was free a moment ago (bind :0, read it, close). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a bound socket'));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}
