// Temporal connection settings from the environment: the embedded dev server by default, a
// cluster or Temporal Cloud by TLS, mutual TLS or an API key; a wrong combination stops the
// process as it connects, with a message naming the variable and never its value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.ts';
import { connectionOptions } from '../../config/temporal.ts';

// Shapes only: the parser checks the PEM armour, never the cryptography. Made up here, so the
// repository holds no key-shaped text (the secret scan looks for one).
const pem = (label: string) => `-----BEGIN ${label}-----\nfake0123456789\n-----END ${label}-----\n`;
const CERT = pem('CERTIFICATE');
const KEY = pem('PRIVATE KEY');
const API_KEY = 'fake-api-key-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'temporal-config-'));
const certFile = join(dir, 'client.pem');
const keyFile = join(dir, 'client.key');
writeFileSync(certFile, CERT);
writeFileSync(keyFile, KEY);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLOUD = 'giam-ngheo.a1b2c.tmprl.cloud:7233';

/** The options worker/main.ts and api/main.ts connect with, from an environment. */
function optionsOf(env: Record<string, string>) {
  const config = loadConfig(env);
  return connectionOptions(config.temporal, config.temporal.port);
}

function errorOf(env: Record<string, string>): string {
  try {
    optionsOf(env);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error('expected the environment to be refused');
}

describe('Temporal connection settings', () => {
  it('defaults to the embedded dev server on loopback, plain gRPC', () => {
    const config = loadConfig({});
    expect(config.temporal).toMatchObject({ address: undefined, namespace: 'default' });
    expect(connectionOptions(config.temporal, config.temporal.port)).toEqual({
      address: '127.0.0.1:7233',
    });
  });

  it('takes a variable set to the empty string as unset', () => {
    const config = loadConfig({ API_TOKEN: '', TEMPORAL_ADDRESS: '', SMTP_HOST: ' ', PORT: '' });
    expect(config.apiToken).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(config.smtp.host).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it('connects to a cluster by address and namespace', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: '10.0.0.5:7233', TEMPORAL_NAMESPACE: 'duties' });
    expect(config.temporal.namespace).toBe('duties');
    expect(connectionOptions(config.temporal)).toEqual({ address: '10.0.0.5:7233' });
  });

  it('takes Temporal Cloud with an API key over TLS', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'ap-southeast-1.aws.api.temporal.io:7233',
      TEMPORAL_NAMESPACE: 'giam-ngheo.a1b2c',
      TEMPORAL_API_KEY: API_KEY,
    });
    expect(connectionOptions(config.temporal)).toEqual({
      address: 'ap-southeast-1.aws.api.temporal.io:7233',
      tls: {},
      apiKey: API_KEY,
    });
  });

  it('takes mutual TLS from files or PEM text, with a CA and a server name', () => {
    const fromFiles = loadConfig({
      TEMPORAL_ADDRESS: CLOUD,
      TEMPORAL_TLS_CERT: certFile,
      TEMPORAL_TLS_KEY: keyFile,
    });
    const tls = connectionOptions(fromFiles.temporal).tls;
    expect(tls?.clientCertPair?.crt.toString()).toBe(CERT);
    expect(tls?.clientCertPair?.key.toString()).toBe(KEY);

    const fromText = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_TLS_CERT: CERT,
      // Secret stores often keep a PEM on one line with literal \n.
      TEMPORAL_TLS_KEY: KEY.replace(/\n/g, '\\n'),
      TEMPORAL_TLS_CA: CERT,
      TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal.internal',
    });
    const options = connectionOptions(fromText.temporal);
    expect(options.tls?.clientCertPair?.key.toString()).toBe(KEY);
    expect(options.tls?.serverRootCACertificate?.toString()).toBe(CERT);
    expect(options.tls?.serverNameOverride).toBe('frontend.temporal.internal');
  });

  it('turns TLS on alone for a cluster with a public certificate', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.example.vn:443',
      TEMPORAL_TLS: 'true',
    });
    expect(connectionOptions(config.temporal)).toEqual({
      address: 'temporal.example.vn:443',
      tls: {},
    });
  });

  it('refuses a certificate without its key, and a key without its certificate', () => {
    expect(errorOf({ TEMPORAL_ADDRESS: CLOUD, TEMPORAL_TLS_CERT: certFile })).toContain(
      'TEMPORAL_TLS_KEY: must be set with TEMPORAL_TLS_CERT',
    );
    expect(errorOf({ TEMPORAL_ADDRESS: CLOUD, TEMPORAL_TLS_KEY: keyFile })).toContain(
      'TEMPORAL_TLS_CERT: must be set with TEMPORAL_TLS_KEY',
    );
  });

  it('refuses TLS settings or an API key without an address', () => {
    expect(errorOf({ TEMPORAL_API_KEY: API_KEY })).toContain(
      'TEMPORAL_ADDRESS: must be set with TEMPORAL_API_KEY',
    );
    expect(errorOf({ TEMPORAL_TLS_CA: CERT })).toContain(
      'TEMPORAL_ADDRESS: must be set with TEMPORAL_TLS_CA',
    );
  });

  it('refuses an API key or a certificate with TLS turned off', () => {
    const message = errorOf({
      TEMPORAL_ADDRESS: CLOUD,
      TEMPORAL_TLS: 'false',
      TEMPORAL_API_KEY: API_KEY,
    });
    expect(message).toContain('TEMPORAL_TLS: is false, but an API key is only ever sent over TLS');
    expect(message).not.toContain(API_KEY);
    expect(
      errorOf({ TEMPORAL_ADDRESS: CLOUD, TEMPORAL_TLS: '0', TEMPORAL_TLS_CA: CERT }),
    ).toContain('TEMPORAL_TLS: is false, but TEMPORAL_TLS_CA is a TLS setting');
  });

  it('names an unreadable file without its value, and a file that is not the PEM it should be', () => {
    // A key pasted without its armour reads as a path: the message must not repeat it.
    const pasted = 'fake-key-body-without-armour-0123456789';
    const message = errorOf({
      TEMPORAL_ADDRESS: CLOUD,
      TEMPORAL_TLS_CERT: certFile,
      TEMPORAL_TLS_KEY: pasted,
    });
    expect(message).toContain('TEMPORAL_TLS_KEY: neither PEM text nor a readable file (ENOENT)');
    expect(message).not.toContain(pasted);
    expect(
      errorOf({ TEMPORAL_ADDRESS: CLOUD, TEMPORAL_TLS_CERT: keyFile, TEMPORAL_TLS_KEY: certFile }),
    ).toMatch(
      /TEMPORAL_TLS_CERT: is not a PEM certificate[\s\S]*TEMPORAL_TLS_KEY: is not a PEM private key/,
    );
  });

  it('keeps the settings as given until a process connects', () => {
    // Every secret stays in the configuration as given (the secrets test relies on it); the
    // combination is judged when worker/main.ts or api/main.ts connects.
    const config = loadConfig({ TEMPORAL_API_KEY: API_KEY });
    expect(config.temporal.apiKey).toBe(API_KEY);
    expect(() => connectionOptions(config.temporal)).toThrow(/TEMPORAL_ADDRESS/);
  });

  it('refuses an address without a port, and a TLS flag that is not a boolean', () => {
    expect(errorOf({ TEMPORAL_ADDRESS: 'temporal.example.vn' })).toContain(
      'TEMPORAL_ADDRESS: must be host:port',
    );
    expect(errorOf({ TEMPORAL_ADDRESS: CLOUD, TEMPORAL_TLS: 'yes' })).toContain('TEMPORAL_TLS');
  });
});
