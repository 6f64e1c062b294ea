import { AppError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/principal.ts';
import type { TokenStore } from '#shared/ports/stores.ts';
import { hashToken } from '#shared/security/tokens.ts';

const unauthenticated = () =>
  new AppError('UNAUTHENTICATED', 'send a valid token as "Authorization: Bearer <token>"');

/** What a bearer token may look like (RFC 6750 token68, at least 16 characters so it cannot be guessed). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_\-.~+/]{16,200}=*$/;

/** The stored hash of the bearer token an Authorization header carries, when it carries a well-formed one. */
export function bearerTokenHash(authorization: string | undefined): string | undefined {
  const match = /^Bearer (\S+)$/.exec(authorization?.trim() ?? '');
  return match?.[1] && TOKEN_PATTERN.test(match[1]) ? hashToken(match[1]) : undefined;
}

/** Resolves a bearer token to its principal; anything else is UNAUTHENTICATED. */
export async function authenticate(
  tokens: TokenStore,
  authorization: string | undefined,
): Promise<Principal> {
  const tokenHash = bearerTokenHash(authorization);
  if (!tokenHash) throw unauthenticated();
  const principal = await tokens.find(tokenHash);
  if (!principal) throw unauthenticated();
  return principal;
}

/** Refuses anyone but the secretariat (FORBIDDEN); `detail` names what is reserved, for the problem's detail. */
export function requireSecretariat(principal: Principal, detail = 'only the secretariat may do this'): void {
  if (principal.role !== 'secretariat') throw new AppError('FORBIDDEN', detail);
}
