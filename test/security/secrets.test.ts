// Secrets come from the environment and nowhere else: config/env.ts is the one reader of
// process.env, it has no secret of its own to fall back on, the repository holds none, and the
// API refuses to start without SESSION_SECRET.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.ts';

const ROOT = process.cwd();
const ENV_SOURCE = readFileSync(join(ROOT, 'config', 'env.ts'), 'utf8');
/** Every variable config/env.ts knows (the keys of its schema). */
const KNOWN = [...ENV_SOURCE.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!);
/** The ones that hold a credential; a new one (e.g. TEMPORAL_API_KEY) is picked up by name. */
const SECRET_VARS = KNOWN.filter((v) => /SECRET|TOKEN|PASS|KEY|DATABASE_URL|_USER$/.test(v));

/** A value each secret variable accepts, unmistakable in the config that comes out. */
function secretValue(name: string): string {
  const unique = `${name.toLowerCase()}-from-the-environment-7Qx9`;
  return name === 'DATABASE_URL' ? `postgres://app:${unique}@db.example/duties` : unique;
}

/** The tracked files as text (binary files, e.g. recorded histories, are skipped). */
function trackedTextFiles(): { path: string; text: string }[] {
  const paths = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  const out: { path: string; text: string }[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(ROOT, path));
    } catch {
      continue; // deleted in the working tree, not yet committed
    }
    if (bytes.includes(0)) continue;
    out.push({ path, text: bytes.toString('utf8') });
  }
  return out;
}

const entropy = (s: string): number => {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
};

/**
 * The allow-list. package-lock.json: its `integrity` fields are public package hashes. Test
 * files and fixtures may hold the fake secrets tests run with; they are recognisable by the
 * run "0123456789" (the project's convention), which no real random secret contains.
 */
const HASHES_ONLY = new Set(['package-lock.json']);
const FAKE = /0123456789/;

const STRONG: [string, RegExp][] = [
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['AWS key', /\bAKIA[0-9A-Z]{16}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['JWT', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['password in a URL', /:\/\/[^\s/:@'"`]+:[^\s/@'"`$]+@/],
];

/** What in one file looks like a secret (see the allow-list above). */
function problemsIn(path: string, text: string): string[] {
  const problems: string[] = [];
  for (const [what, pattern] of STRONG) {
    const m = pattern.exec(text);
    if (m && !FAKE.test(m[0])) problems.push(`${path}: ${what}: ${m[0].slice(0, 12)}…`);
  }
  // A password, secret, token or key given a literal value, outside the tests' fakes.
  for (const m of text.matchAll(
    /(?<![a-z])(password|passwd|pass|secret|token|api_?key|private_?key|access_?key)\w*['"]?\s*[:=]\s*['"`]([^'"`\s]{8,})['"`]/gi,
  )) {
    const value = m[2]!;
    if (FAKE.test(value) || /^\$\{|^process\.|^[A-Z_]+$/.test(value)) continue;
    problems.push(`${path}: ${m[1]} given a literal value`);
  }
  if (HASHES_ONLY.has(path)) return problems;
  // Random-looking strings: mixed case and digits, at least 4.5 bits a character (a 32-byte
  // base64 secret has about 5), or long hex.
  for (const m of text.matchAll(/[A-Za-z0-9+/_=-]{20,}/g)) {
    const s = m[0];
    if (FAKE.test(s) || !/[A-Z]/.test(s) || !/[a-z]/.test(s) || !/\d/.test(s)) continue;
    if (entropy(s) >= 4.5) problems.push(`${path}: random-looking ${s.slice(0, 8)}…`);
  }
  for (const m of text.matchAll(/\b[0-9a-fA-F]{32,}\b/g)) {
    if (!FAKE.test(m[0])) problems.push(`${path}: long hex ${m[0].slice(0, 8)}…`);
  }
  return problems;
}

describe('secrets only from the environment', () => {
  it('config/env.ts is the only code that reads process.env', () => {
    const readers = trackedTextFiles()
      .filter((f) => /\.(ts|js|mjs|cjs)$/.test(f.path) && !f.path.startsWith('test/'))
      .filter((f) => /process\.env\b|process\[['"]env['"]\]/.test(f.text))
      .map((f) => f.path);
    expect(readers).toEqual(['config/env.ts']);
  });

  it(`takes ${SECRET_VARS.join(', ')} from the environment it is given, with no default`, () => {
    expect(SECRET_VARS).toEqual(
      expect.arrayContaining(['SESSION_SECRET', 'API_TOKEN', 'SMTP_PASS', 'DATABASE_URL']),
    );
    const given = Object.fromEntries(SECRET_VARS.map((v) => [v, secretValue(v)]));
    const withSecrets = JSON.stringify(loadConfig(given));
    for (const v of SECRET_VARS) expect(withSecrets, v).toContain(secretValue(v));
    // Without them, nothing stands in: no built-in secret to fall back on.
    const without = loadConfig({});
    expect(without.sessionSecret).toBeUndefined();
    expect(without.apiToken).toBeUndefined();
    expect(without.smtp.pass).toBeUndefined();
    expect(without.smtp.user).toBeUndefined();
    expect(without.db.databaseUrl).toBeUndefined();
    const rest = JSON.stringify(without);
    for (const v of SECRET_VARS) expect(rest, v).not.toContain(secretValue(v));
  });

  it('reads the environment it is given, not whatever the process has', () => {
    const config = loadConfig({ SESSION_SECRET: secretValue('SESSION_SECRET') });
    expect(config.sessionSecret).toBe(secretValue('SESSION_SECRET'));
    expect(config.apiToken).toBeUndefined();
  });

  it('refuses weak or dangerous settings by name', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(
      /SESSION_SECRET: must be at least 32 characters/,
    );
    expect(() => loadConfig({ API_TOKEN: 'short' })).toThrow(
      /API_TOKEN: must be at least 16 characters/,
    );
    // The API open to the network must have a token.
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: 0\.0\.0\.0 .* set API_TOKEN/);
    // The error names the variable, never its value.
    const weak = () => loadConfig({ SESSION_SECRET: 'weak-0123456789' });
    expect(weak).toThrow(/SESSION_SECRET/);
    expect(weak).not.toThrow(/weak-0123456789/);
  });

  it('the repository holds no secret: no key files, private keys, tokens or passwords', () => {
    const problems: string[] = [];
    const allPaths = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
    for (const path of allPaths) {
      if (/(^|\/)(\.env(\..*)?|id_rsa|id_ed25519)$|\.(pem|key|p12|pfx|keystore)$/.test(path)) {
        problems.push(`${path}: a key or environment file`);
      }
    }
    for (const { path, text } of trackedTextFiles()) problems.push(...problemsIn(path, text));
    expect(problems).toEqual([]);
  });

  it('the scan finds what it looks for: a random secret, a key, a password, a token', () => {
    const random = randomBytes(32).toString('base64url');
    const found = (text: string) => problemsIn('config/example.ts', text);
    expect(found(`const signing = '${random}';`)).not.toEqual([]);
    expect(found(`const key = "${randomBytes(24).toString('hex')}";`)).not.toEqual([]);
    expect(found(['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' '))).not.toEqual([]);
    expect(found(`SMTP_PASS = '${'hunter2'}-correct-horse'`)).not.toEqual([]);
    expect(found(`postgres://app:${'s3cret'}@db.example/x`)).not.toEqual([]);
    expect(found(`ghp_${'a1B2'.repeat(9)}`)).not.toEqual([]);
    // The tests' fakes and the lock file's hashes are not secrets.
    expect(found(`const TOKEN = 'api-token-0123456789abcdef';`)).toEqual([]);
    expect(problemsIn('package-lock.json', `"integrity": "sha512-${random}"`)).toEqual([]);
  });

  it('npm run api refuses to start without SESSION_SECRET, saying why', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'api-no-secret-'));
    // The process's own environment minus every setting: only what a bare shell has.
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && !KNOWN.includes(k)) env[k] = v;
    }
    env['DATA_DIR'] = dataDir;
    env['PORT'] = '0';
    try {
      const { code, output } = await new Promise<{ code: number | null; output: string }>(
        (resolve) => {
          const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), ['api/main.ts'], {
            cwd: ROOT,
            env,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let output = '';
          child.stdout.on('data', (c: Buffer) => (output += c.toString()));
          child.stderr.on('data', (c: Buffer) => (output += c.toString()));
          child.once('exit', (c) => resolve({ code: c, output }));
        },
      );
      expect(code).not.toBe(0);
      expect(output).toContain('SESSION_SECRET is not set');
      expect(output).not.toContain('API listening');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
