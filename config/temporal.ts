// Where Temporal is and how to reach it. Unset, the embedded dev server on loopback (plain
// gRPC); past one machine, a self-hosted cluster behind TLS or mutual TLS, or Temporal Cloud
// with mutual TLS or an API key. One builder serves the client's Connection (API, activities)
// and the worker's NativeConnection, so the two can never be configured apart. The variables
// are parsed with the others in config/env.ts; their combination is checked here, when a
// process connects, with every problem named by its variable (never its value).
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';

/** config.temporal's connection settings (config/env.ts). */
export interface TemporalSettings {
  /** Unset: the embedded dev server on 127.0.0.1. */
  address?: string | undefined;
  /** TEMPORAL_TLS: `true` turns TLS on by itself (a public certificate); `false` forbids it. */
  tls?: boolean | undefined;
  /** Client certificate and key for mutual TLS: PEM text or the path of a PEM file. */
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  /** The CA that signed the server's certificate, when it is not a public one. */
  tlsCa?: string | undefined;
  /** The name the server's certificate carries, when it differs from the address's host. */
  tlsServerName?: string | undefined;
  /** Temporal Cloud API key, sent as a bearer token (over TLS only). */
  apiKey?: string | undefined;
}

/** What Connection.connect and NativeConnection.connect both accept. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

type ReadFile = (path: string) => Buffer;

const VARIABLE = {
  tlsCert: 'TEMPORAL_TLS_CERT',
  tlsKey: 'TEMPORAL_TLS_KEY',
  tlsCa: 'TEMPORAL_TLS_CA',
  tlsServerName: 'TEMPORAL_TLS_SERVER_NAME',
  apiKey: 'TEMPORAL_API_KEY',
} as const;

/**
 * Options for Connection.connect (client) and NativeConnection.connect (worker) alike.
 * Throws one error listing every problem of the settings, each named by its variable.
 */
export function connectionOptions(
  settings: TemporalSettings,
  /** The embedded dev server's port, used when no address is set. */
  devServerPort = 7233,
  readFile: ReadFile = readFileSync,
): TemporalConnectionOptions {
  const problems: string[] = [];
  const given = (Object.keys(VARIABLE) as (keyof typeof VARIABLE)[]).filter(
    (k) => settings[k] !== undefined,
  );
  const names = given.map((k) => VARIABLE[k]);
  if (given.length > 0 && settings.address === undefined) {
    problems.push(
      `TEMPORAL_ADDRESS: must be set with ${names.join(', ')} (the embedded dev server speaks plain gRPC on loopback)`,
    );
  }
  if (settings.tls === false) {
    for (const k of given) {
      problems.push(
        k === 'apiKey'
          ? 'TEMPORAL_TLS: is false, but an API key is only ever sent over TLS'
          : `TEMPORAL_TLS: is false, but ${VARIABLE[k]} is a TLS setting`,
      );
    }
  }
  if ((settings.tlsCert === undefined) !== (settings.tlsKey === undefined)) {
    const [missing, with_] =
      settings.tlsCert === undefined
        ? ['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY']
        : ['TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CERT'];
    problems.push(`${missing}: must be set with ${with_} (mutual TLS needs both)`);
  }

  const pem = (k: 'tlsCert' | 'tlsKey' | 'tlsCa'): Buffer | undefined => {
    const value = settings[k];
    if (value === undefined) return undefined;
    const name = VARIABLE[k];
    let bytes: Buffer;
    if (value.trimStart().startsWith('-----BEGIN')) {
      // Secret stores often keep a PEM on one line, with literal \n.
      bytes = Buffer.from(value.replace(/\\n/g, '\n'));
    } else {
      try {
        bytes = readFile(value);
      } catch (err) {
        // The code only: a key pasted without its armour would otherwise end up in the log.
        const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
        problems.push(`${name}: neither PEM text nor a readable file (${code})`);
        return undefined;
      }
    }
    const text = bytes.toString('utf8');
    const ok =
      k === 'tlsKey'
        ? /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)
        : text.includes('-----BEGIN CERTIFICATE-----');
    if (!ok) {
      problems.push(`${name}: is not a PEM ${k === 'tlsKey' ? 'private key' : 'certificate'}`);
      return undefined;
    }
    return bytes;
  };
  const crt = pem('tlsCert');
  const key = pem('tlsKey');
  const ca = pem('tlsCa');
  if (problems.length > 0) {
    throw new Error(`Invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }

  const tls: TLSConfig | undefined =
    settings.tls === true || given.length > 0
      ? {
          ...(crt && key ? { clientCertPair: { crt, key } } : {}),
          ...(ca ? { serverRootCACertificate: ca } : {}),
          ...(settings.tlsServerName ? { serverNameOverride: settings.tlsServerName } : {}),
        }
      : undefined;
  return {
    address: settings.address ?? `127.0.0.1:${devServerPort}`,
    ...(tls ? { tls } : {}),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  };
}
