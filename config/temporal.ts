// Where Temporal is and how to reach it. Unset, the embedded dev server on loopback (plain
// gRPC); past one machine, a self-hosted cluster behind TLS or mutual TLS, or Temporal Cloud
// with mutual TLS or an API key. One builder serves the client's Connection (API, activities)
// and the worker's NativeConnection, so the two can never be configured apart.
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const TemporalEnv = z.object({
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):\d{1,5}$/, 'must be host:port, e.g. 10.0.0.5:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** `true`: TLS with the system's roots (a cluster with a public certificate). */
  TEMPORAL_TLS: bool.optional(),
  /** Client certificate for mutual TLS: a PEM text or the path of a PEM file. */
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  /** The CA that signed the server's certificate, when it is not a public one. */
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  /** The name the server's certificate carries, when it differs from the address's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** Temporal Cloud API key (sent as a bearer token, always over TLS). */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
});
export type TemporalEnv = z.infer<typeof TemporalEnv>;

export interface TemporalSettings {
  /** Unset: the embedded dev server on 127.0.0.1 (`npm start`). */
  address: string | undefined;
  namespace: string;
  /** Undefined: plain gRPC. */
  tls: TLSConfig | undefined;
  apiKey: string | undefined;
}

/** What Connection.connect and NativeConnection.connect both accept. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

type ReadFile = (path: string) => Buffer;

const TLS_VARIABLES = [
  'TEMPORAL_TLS_CERT',
  'TEMPORAL_TLS_KEY',
  'TEMPORAL_TLS_CA',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_API_KEY',
] as const;

/**
 * Checks the combination of settings and reads the PEM files. Returns the problems, each
 * naming its variable, instead of throwing, so the caller reports them with the rest of the
 * environment's.
 */
export function temporalSettings(
  env: TemporalEnv,
  readFile: ReadFile = readFileSync,
): { settings?: TemporalSettings; problems: string[] } {
  const problems: string[] = [];
  const set = TLS_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length > 0 && env.TEMPORAL_ADDRESS === undefined) {
    problems.push(
      `TEMPORAL_ADDRESS: must be set with ${set.join(', ')} (the embedded dev server speaks plain gRPC on loopback)`,
    );
  }
  if (env.TEMPORAL_TLS === false) {
    for (const name of set) {
      if (name !== 'TEMPORAL_API_KEY') {
        problems.push(`TEMPORAL_TLS: is false, but ${name} is a TLS setting`);
      } else {
        problems.push('TEMPORAL_TLS: is false, but an API key is only ever sent over TLS');
      }
    }
  }
  if ((env.TEMPORAL_TLS_CERT === undefined) !== (env.TEMPORAL_TLS_KEY === undefined)) {
    const missing = env.TEMPORAL_TLS_CERT === undefined ? 'TEMPORAL_TLS_CERT' : 'TEMPORAL_TLS_KEY';
    const given = missing === 'TEMPORAL_TLS_CERT' ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT';
    problems.push(`${missing}: must be set with ${given} (mutual TLS needs both)`);
  }

  const pem = (
    name: 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA',
  ): Buffer | undefined => {
    const value = env[name];
    if (value === undefined) return undefined;
    let bytes: Buffer;
    if (value.trimStart().startsWith('-----BEGIN')) {
      bytes = Buffer.from(value.replace(/\\n/g, '\n'));
    } else {
      try {
        bytes = readFile(value);
      } catch (err) {
        problems.push(
          `${name}: cannot read ${value} (${err instanceof Error ? err.message : String(err)})`,
        );
        return undefined;
      }
    }
    const expected =
      name === 'TEMPORAL_TLS_KEY'
        ? /-----BEGIN [A-Z ]*PRIVATE KEY-----/
        : /-----BEGIN CERTIFICATE-----/;
    if (!expected.test(bytes.toString('utf8'))) {
      problems.push(
        `${name}: is not a PEM ${name === 'TEMPORAL_TLS_KEY' ? 'private key' : 'certificate'}`,
      );
      return undefined;
    }
    return bytes;
  };
  const crt = pem('TEMPORAL_TLS_CERT');
  const key = pem('TEMPORAL_TLS_KEY');
  const ca = pem('TEMPORAL_TLS_CA');
  if (problems.length > 0) return { problems };

  const wantsTls = env.TEMPORAL_TLS === true || set.length > 0;
  const tls: TLSConfig | undefined = wantsTls
    ? {
        ...(crt && key ? { clientCertPair: { crt, key } } : {}),
        ...(ca ? { serverRootCACertificate: ca } : {}),
        ...(env.TEMPORAL_TLS_SERVER_NAME
          ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME }
          : {}),
      }
    : undefined;
  return {
    problems,
    settings: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      tls,
      apiKey: env.TEMPORAL_API_KEY,
    },
  };
}

/** Options for Connection.connect (client) and NativeConnection.connect (worker) alike. */
export function connectionOptions(
  settings: Pick<TemporalSettings, 'address' | 'tls' | 'apiKey'>,
  /** The embedded dev server's port, used when no address is set. */
  devServerPort = 7233,
): TemporalConnectionOptions {
  return {
    address: settings.address ?? `127.0.0.1:${devServerPort}`,
    ...(settings.tls ? { tls: settings.tls } : {}),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  };
}
