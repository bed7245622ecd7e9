// Links that carry their own proof: a sign-in link for one address, or an action link for one
// address, one duty and one action. Each is claims + HMAC-SHA256 under a key derived from the
// service's secret for that purpose alone, so a sign-in link can never pass as an action link.
// They expire; "used once" is the database's job (db/users.ts consumeLink keyed by `jti`).
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const SIGN_IN_TTL_MS = 15 * 60_000;

/** What an emailed action link may do without more input than a click. */
export const LINK_ACTIONS = ['acknowledge', 'accept'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

const SignInClaims = z.object({
  p: z.literal('sign-in'),
  email: z.email(),
  exp: z.int(),
  jti: z.string().min(8).max(64),
  /** Where to go once signed in: a path on this site. */
  next: z.string().max(500).optional(),
});
export type SignInClaims = z.infer<typeof SignInClaims>;

const ActionClaims = z.object({
  p: z.literal('action'),
  email: z.email(),
  exp: z.int(),
  jti: z.string().min(8).max(64),
  wf: z.string().min(1).max(300),
  act: z.enum(LINK_ACTIONS),
});
export type ActionClaims = z.infer<typeof ActionClaims>;

type Purpose = 'sign-in' | 'action';

const keyFor = (secret: string, purpose: Purpose): Buffer =>
  createHmac('sha256', secret).update(`giam-ngheo/link/${purpose}`).digest();

const mac = (secret: string, purpose: Purpose, payload: string): Buffer =>
  createHmac('sha256', keyFor(secret, purpose)).update(payload).digest();

function sign(secret: string, purpose: Purpose, claims: object): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload).toString('base64url')}`;
}

export type VerifyFailure = 'malformed' | 'bad-signature' | 'expired';
export type Verified<T> = { ok: true; claims: T } | { ok: false; reason: VerifyFailure };

function verify<T extends { exp: number }>(
  secret: string,
  purpose: Purpose,
  schema: z.ZodType<T>,
  token: string,
  nowMs: number,
): Verified<T> {
  const match = /^([A-Za-z0-9_-]{1,3000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, payload = '', signature = ''] = match;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, purpose, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    // Signed by us yet unreadable: only if the secret leaked or the format changed.
    return { ok: false, reason: 'malformed' };
  }
  const claims = schema.safeParse(parsed);
  if (!claims.success) return { ok: false, reason: 'malformed' };
  if (claims.data.exp <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims.data };
}

/** A path on this site and nothing else: no scheme, no host, no `//` or `/\` tricks. */
export function localPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length > 500) return undefined;
  return /^\/(?![/\\])[^\s\\\p{Cc}]*$/u.test(next) ? next : undefined;
}

export function signSignInToken(
  secret: string,
  input: { email: string; next?: string | undefined; nowMs?: number },
): { token: string; claims: SignInClaims } {
  const next = localPath(input.next);
  const claims: SignInClaims = {
    p: 'sign-in',
    email: input.email.trim().toLowerCase(),
    exp: (input.nowMs ?? Date.now()) + SIGN_IN_TTL_MS,
    jti: randomUUID(),
    ...(next ? { next } : {}),
  };
  return { token: sign(secret, 'sign-in', claims), claims };
}

export function verifySignInToken(
  secret: string,
  token: string,
  nowMs = Date.now(),
): Verified<SignInClaims> {
  return verify(secret, 'sign-in', SignInClaims, token, nowMs);
}

export interface ActionLinkInput {
  /** The service's SESSION_SECRET (the worker needs the same one to sign links in emails). */
  secret: string;
  /** PUBLIC_URL: the link's base. */
  publicUrl: string;
  workflowId: string;
  action: LinkAction;
  /** Whom the link is for: acting through it acts as this person. */
  email: string;
  /** Epoch ms or a Date. */
  expiresAt: number | Date;
}

export function signActionToken(input: Omit<ActionLinkInput, 'publicUrl'>): string {
  const claims: ActionClaims = {
    p: 'action',
    email: input.email.trim().toLowerCase(),
    exp: typeof input.expiresAt === 'number' ? input.expiresAt : input.expiresAt.getTime(),
    jti: randomUUID(),
    wf: input.workflowId,
    act: input.action,
  };
  return sign(input.secret, 'action', claims);
}

/**
 * The URL of an action link for an email: opening it shows what it will do (GET changes
 * nothing, so mail scanners that follow links do no harm), and its button does it, once.
 */
export function signActionLink(input: ActionLinkInput): string {
  return `${input.publicUrl.replace(/\/+$/, '')}/actions/${signActionToken(input)}`;
}

export function verifyActionToken(
  secret: string,
  token: string,
  nowMs = Date.now(),
): Verified<ActionClaims> {
  return verify(secret, 'action', ActionClaims, token, nowMs);
}
