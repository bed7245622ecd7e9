// Signed links: a tampered, expired, re-purposed or reused link is refused; only a path on this
// site is followed after sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/index.ts';
import { consumeLink, releaseLink } from '../../db/users.ts';
import {
  localPath,
  signActionLink,
  signActionToken,
  signSignInToken,
  SIGN_IN_TTL_MS,
  verifyActionToken,
  verifySignInToken,
} from '../../services/signed-links.ts';

const SECRET = 'test-secret-0123456789abcdef-0123456789';
const NOW = Date.parse('2026-06-01T01:00:00Z');

/** Flips one character of the part of the token at `index` (0 = claims, 1 = signature). */
function tamper(token: string, index: 0 | 1): string {
  const parts = token.split('.');
  const part = parts[index]!;
  const at = Math.floor(part.length / 2);
  const flipped = part[at] === 'A' ? 'B' : 'A';
  parts[index] = part.slice(0, at) + flipped + part.slice(at + 1);
  return parts.join('.');
}

let db: Db;
beforeAll(async () => {
  db = await openDb({ sqliteFile: ':memory:' });
});
afterAll(async () => {
  await db.destroy();
});

describe('sign-in links', () => {
  it('verify within 15 minutes, for the address they were made for', () => {
    const { token } = signSignInToken(SECRET, {
      email: ' Truong-Phong@LDTBXH.a-luoi.example ',
      next: '/duties/duty%3Aa%3A1%3A2026',
      nowMs: NOW,
    });
    const verified = verifySignInToken(SECRET, token, NOW + SIGN_IN_TTL_MS - 1);
    expect(verified).toMatchObject({
      ok: true,
      claims: { email: 'truong-phong@ldtbxh.a-luoi.example', next: '/duties/duty%3Aa%3A1%3A2026' },
    });
  });

  it('refuse an expired link', () => {
    const { token } = signSignInToken(SECRET, { email: 'a@b.example', nowMs: NOW });
    expect(verifySignInToken(SECRET, token, NOW + SIGN_IN_TTL_MS)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuse a tampered link: claims, signature, another secret', () => {
    const { token } = signSignInToken(SECRET, { email: 'a@b.example', nowMs: NOW });
    expect(verifySignInToken(SECRET, tamper(token, 0), NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifySignInToken(SECRET, tamper(token, 1), NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifySignInToken(`${SECRET}x`, token, NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    // Claims swapped for someone else's, signature kept.
    const other = signSignInToken(SECRET, { email: 'chu-tich@b.example', nowMs: NOW }).token;
    const forged = `${other.split('.')[0]}.${token.split('.')[1]}`;
    expect(verifySignInToken(SECRET, forged, NOW)).toMatchObject({ ok: false });
    expect(verifySignInToken(SECRET, 'not a token', NOW)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('are not action links, nor the other way round', () => {
    const signIn = signSignInToken(SECRET, { email: 'a@b.example', nowMs: NOW }).token;
    expect(verifyActionToken(SECRET, signIn, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    const action = signActionToken({
      secret: SECRET,
      workflowId: 'duty:p:1:2026',
      action: 'acknowledge',
      email: 'a@b.example',
      expiresAt: NOW + 60_000,
    });
    expect(verifySignInToken(SECRET, action, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('are used once: the second use of the same link is refused, even at the same time', async () => {
    const { claims } = signSignInToken(SECRET, { email: 'a@b.example' });
    const link = { jti: claims.jti, purpose: 'sign-in', expiresAt: claims.exp };
    const both = await Promise.all([consumeLink(db, link), consumeLink(db, link)]);
    expect(both.sort()).toEqual([false, true]);
    expect(await consumeLink(db, link)).toBe(false);
    // A link given back (the action failed for another reason) works again.
    await releaseLink(db, claims.jti);
    expect(await consumeLink(db, link)).toBe(true);
  });

  it('only ever lead to a path on this site', () => {
    expect(localPath('/duties/x?done=1')).toBe('/duties/x?done=1');
    for (const bad of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      '/a b',
      '/a\u0000b',
      '',
      42,
    ]) {
      expect(localPath(bad)).toBeUndefined();
    }
    const { claims } = signSignInToken(SECRET, { email: 'a@b.example', next: '//evil.example' });
    expect(claims.next).toBeUndefined();
  });
});

describe('action links', () => {
  it('name one duty, one action and one person, under PUBLIC_URL', () => {
    const url = signActionLink({
      secret: SECRET,
      publicUrl: 'https://duties.example/',
      workflowId: 'duty:a-luoi-171-2022:2:2026',
      action: 'acknowledge',
      email: 'truong-phong@nnptnt.a-luoi.example',
      expiresAt: new Date(NOW + 7 * 86_400_000),
    });
    expect(url).toMatch(/^https:\/\/duties\.example\/actions\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const token = url.split('/actions/')[1]!;
    expect(verifyActionToken(SECRET, token, NOW)).toMatchObject({
      ok: true,
      claims: {
        wf: 'duty:a-luoi-171-2022:2:2026',
        act: 'acknowledge',
        email: 'truong-phong@nnptnt.a-luoi.example',
      },
    });
    expect(verifyActionToken(SECRET, token, NOW + 7 * 86_400_000)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyActionToken(SECRET, tamper(token, 0), NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });
});
