/** Authentication reads the key's credential on every request: revoked and expired keys are refused. */
import { describe, expect, it, vi } from 'vitest';
import type { Credential, TokenStore } from '#shared/ports/stores.ts';
import { hashToken } from '#shared/security/tokens.ts';
import { authenticate, LAST_USED_PRECISION_MS } from '#shared/use-cases/authenticate.ts';
import { FixedClock, unitPrincipal } from '../support/fake-ports.ts';

const NOW = '2023-09-01T01:00:00.000Z';
const TOKEN = 'bayu_unit_0123456789abcdefghijklmnopqrstuv_000000';
const header = `Bearer ${TOKEN}`;

function setup(credential: Omit<Credential, 'principal'> | undefined, touch = vi.fn(async () => {})) {
  const tokens: TokenStore = {
    find: vi.fn(async (hash: string) =>
      hash === hashToken(TOKEN) && credential
        ? { principal: unitPrincipal('unit_1'), ...credential }
        : undefined,
    ),
    touch,
  };
  return { deps: { tokens, clock: new FixedClock(NOW) }, touch };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: { code?: string; message?: string }) => [e.code, e.message],
  );

describe('authenticate', () => {
  it('signs a live key in as its principal and stamps its first use', async () => {
    const { deps, touch } = setup({});
    await expect(authenticate(deps, header)).resolves.toEqual(unitPrincipal('unit_1'));
    expect(touch).toHaveBeenCalledWith(
      hashToken(TOKEN),
      NOW,
      new Date(Date.parse(NOW) - LAST_USED_PRECISION_MS).toISOString(),
    );
  });

  it('stamps no use recorded within the last quarter of an hour', async () => {
    const { deps, touch } = setup({ lastUsedAt: '2023-09-01T00:50:00.000Z' });
    await authenticate(deps, header);
    expect(touch).not.toHaveBeenCalled();
  });

  it('answers the request when the stamp cannot be written', async () => {
    const { deps } = setup(
      {},
      vi.fn(async () => Promise.reject(new Error('throttled'))),
    );
    await expect(authenticate(deps, header)).resolves.toEqual(unitPrincipal('unit_1'));
  });

  it('refuses a revoked key, an expired key, an unknown key and a malformed header', async () => {
    const revoked = setup({ revokedAt: '2023-09-01T00:59:59.000Z' });
    expect(await refusal(authenticate(revoked.deps, header))).toEqual([
      'UNAUTHENTICATED',
      expect.stringContaining('revoked'),
    ]);
    const expired = setup({ expiresAt: NOW });
    expect(await refusal(authenticate(expired.deps, header))).toEqual([
      'UNAUTHENTICATED',
      expect.stringContaining('expired'),
    ]);
    const unknown = setup(undefined);
    expect((await refusal(authenticate(unknown.deps, 'Bearer bayu_unit_someone_else_entirely')))?.[0]).toBe(
      'UNAUTHENTICATED',
    );
    expect((await refusal(authenticate(unknown.deps, 'Basic abc')))?.[0]).toBe('UNAUTHENTICATED');
  });

  it('accepts a key until the instant it expires', async () => {
    const { deps } = setup({ expiresAt: '2023-09-01T01:00:00.001Z' });
    await expect(authenticate(deps, header)).resolves.toEqual(unitPrincipal('unit_1'));
  });
});
