/** Sealed page cursors: they open only unchanged, for their own scope, under the key that sealed them. */
import { describe, expect, it } from 'vitest';
import { SignedCursors } from '#shared/adapters/signed-cursors.ts';

const cursors = (secret = 'secret-1') => new SignedCursors(async () => secret);
const raw = Buffer.from(JSON.stringify({ pk: 'UNIT#1', sk: 'UNIT' })).toString('base64url');
const scope = JSON.stringify(['units', [], [], 'secretariat']);

describe('SignedCursors', () => {
  it('opens what it sealed, for the same scope', async () => {
    const sealed = await cursors().seal(raw, scope);
    expect(sealed.startsWith(`${raw}.`)).toBe(true);
    expect(await cursors().open(sealed, scope)).toBe(raw);
  });

  it('refuses another scope, another key, an altered cursor and anything unsealed', async () => {
    const sealed = await cursors().seal(raw, scope);
    const refusals = [
      cursors().open(sealed, JSON.stringify(['units', [], [], 'unit_1'])),
      cursors('secret-2').open(sealed, scope),
      cursors().open(`${raw.slice(0, -2)}x${sealed.slice(raw.length - 1)}`, scope),
      cursors().open(raw, scope),
      cursors().open(`.${sealed.split('.')[1]}`, scope),
      cursors().open('', scope),
    ];
    for (const refusal of refusals)
      await expect(refusal).rejects.toMatchObject({ code: 'MALFORMED_REQUEST' });
  });
});
