/**
 * The per-key rate limit through the local gateway, counted in DynamoDB Local: one bearer token that sends
 * too much is refused with 429 RATE_LIMITED and Retry-After while another token still gets through; callers
 * without a valid token are counted per source address.
 */
import { describe, expect, it } from 'vitest';
import { createUnit } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const LIMIT = 4;

const local = localRuntimeOfFile(async () => {
  // The handlers read their settings at first use, in this process.
  process.env.RATE_LIMIT_REQUESTS = String(LIMIT);
  process.env.RATE_LIMIT_WINDOW_SECONDS = '600';
  return { clockStart: '2023-09-01T09:00:00+08:00' };
});

describe('per-key rate limit', () => {
  it('throttles one unit key while another key still gets through', async () => {
    const [a, b] = [await createUnit(local.runtime), await createUnit(local.runtime)];
    const list = (token: string) => local.call('GET', '/v1/competitions/bayu-2023/registrations', { token });

    for (let i = 0; i < LIMIT; i++) expect((await list(a.token)).status).toBe(200);
    const refused = await list(a.token);
    const other = await list(b.token);

    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(600);
    expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(other.status).toBe(200);
  });

  it('counts callers without a valid token by source address, apart from the keys', async () => {
    const unit = await createUnit(local.runtime);
    const anonymous = () => local.call('GET', '/v1/units/unit_x', { token: 'bayu_not-a-real-token-000000' });

    const answers = [];
    for (let i = 0; i <= LIMIT; i++) answers.push((await anonymous()).status);

    expect(answers).toEqual([...Array(LIMIT).fill(401), 429]);
    expect((await local.call('GET', `/v1/units/${unit.unitId}`, { token: unit.token })).status).toBe(200);
  });
});
