import { AppError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { describeError, logger } from '#shared/logging/logger.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type { TokenStore } from '#shared/ports/stores.ts';
import { hashToken } from '#shared/security/tokens.ts';

const unauthenticated = (detail = 'send a valid key as "Authorization: Bearer <key>"') =>
  new AppError('UNAUTHENTICATED', detail);

/**
 * What a bearer token may look like (RFC 6750 token68, at least 16 characters so it cannot be guessed). The
 * `bayu_sec_`/`bayu_unit_` keys have this shape, and so have the tokens issued before them, which keep working.
 */
export const TOKEN_PATTERN = /^[A-Za-z0-9_\-.~+/]{16,200}=*$/;

/**
 * A key's last use is written at most this often: a stamp per request would cost a write per request, and a
 * quarter of an hour is as precise as "is this key still in use?" needs.
 */
export const LAST_USED_PRECISION_MS = 15 * 60 * 1000;

export interface AuthDeps {
  tokens: TokenStore;
  clock: Clock;
}

/** The stored hash of the bearer token an Authorization header carries, when it carries a well-formed one. */
export function bearerTokenHash(authorization: string | undefined): string | undefined {
  const match = /^Bearer (\S+)$/.exec(authorization?.trim() ?? '');
  return match?.[1] && TOKEN_PATTERN.test(match[1]) ? hashToken(match[1]) : undefined;
}

/**
 * Resolves a bearer token to its principal; anything else is UNAUTHENTICATED. The credential is read on every
 * request, never cached, so a revoked key is refused from the next request on, and an expired one from its
 * expiry; the key's last use is stamped when the stored one is older than LAST_USED_PRECISION_MS.
 */
export async function authenticate(deps: AuthDeps, authorization: string | undefined): Promise<Principal> {
  const tokenHash = bearerTokenHash(authorization);
  if (!tokenHash) throw unauthenticated();
  const credential = await deps.tokens.find(tokenHash);
  if (!credential) throw unauthenticated();
  if (credential.revokedAt) throw unauthenticated('this key was revoked; ask the secretariat for a new one');
  const now = deps.clock.nowMs();
  if (credential.expiresAt && Date.parse(credential.expiresAt) <= now) {
    throw unauthenticated('this key has expired; use the newer key you were given');
  }
  const staleBefore = now - LAST_USED_PRECISION_MS;
  if (!credential.lastUsedAt || Date.parse(credential.lastUsedAt) < staleBefore) {
    // A last use is a hint for people, not a control: failing to record it never fails the request.
    await deps.tokens
      .touch(tokenHash, isoAt(now), isoAt(staleBefore))
      .catch((error: unknown) => logger.warn('key use not recorded', describeError(error)));
  }
  return credential.principal;
}

/** Refuses anyone but the secretariat (FORBIDDEN); `detail` names what is reserved, for the problem's detail. */
export function requireSecretariat(principal: Principal, detail = 'only the secretariat may do this'): void {
  if (principal.role !== 'secretariat') throw new AppError('FORBIDDEN', detail);
}

/**
 * Refuses a portal calling as itself (FORBIDDEN): it reaches a unit's use cases only as the unit it names in
 * Bayu-Unit (portal-caller.ts), which the edge resolves before any of them runs.
 */
export function requireUnitOrSecretariat(
  principal: Principal,
): asserts principal is Exclude<Principal, { role: 'portal' }> {
  if (principal.role === 'portal') {
    throw new AppError('FORBIDDEN', 'a portal acts for a unit: name it in the Bayu-Unit header');
  }
}

/** Refuses anyone but a secretariat admin (FORBIDDEN). */
export function requireAdmin(principal: Principal, detail = 'only a secretariat admin may do this'): void {
  if (principal.role !== 'secretariat' || !principal.admin) throw new AppError('FORBIDDEN', detail);
}
