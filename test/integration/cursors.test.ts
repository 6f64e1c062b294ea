/**
 * Page cursors are sealed by the API: a caller can only hand back a cursor it was given, for the listing it was
 * given it by. Anything else (garbage, an altered cursor, one of another listing, filter or caller) answers
 * 400 MALFORMED_REQUEST, on every listing route of infra/system.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../support/id-numbers.ts';
import { createUnit, judged, machineVisionEntry, person } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const COMPETITION = '/v1/competitions/bayu-2023';
const REGISTRATIONS = `${COMPETITION}/registrations`;

const local = localRuntimeOfFile({ clockStart: OPEN });

type Unit = Awaited<ReturnType<typeof createUnit>>;
const units: Unit[] = [];
let reviewed: string[] = [];

/** A woman of 51 on the final's first day: the retirement rule sends her entry to review. */
const inReview = (sequence: number) =>
  person({
    gender: 'female',
    idNumber: makeIdNumber({ region: '500107', birthDate: '1972-03-01', sequence, gender: 'female' }),
  });

beforeAll(async () => {
  for (let i = 0; i < 2; i++) units.push(await createUnit(local.runtime));
  const [first, second] = units as [Unit, Unit];
  const submit = async (unit: Unit, contestant = person()) => {
    const created = await local.call('POST', REGISTRATIONS, {
      token: unit.token,
      body: machineVisionEntry(contestant),
    });
    expect(created.status).toBe(201);
    return created.body.registrationId as string;
  };
  reviewed = [await submit(first, inReview(41)), await submit(second, inReview(43))];
  await submit(first);
  await submit(second);
  for (const id of reviewed) await judged(local.runtime, id, (r) => r.eligibility.status === 'review');
  for (const unit of units) {
    const granted = await local.call('POST', `${COMPETITION}/tracks/machine-vision/overrides`, {
      token: local.runtime.secretariatToken,
      body: { unitId: unit.unitId, reason: '材料邮寄延误', until: '2023-09-25T00:00:00+08:00' },
    });
    expect(granted.status).toBe(201);
  }
});

/** The listings and who lists them; each has at least two items, so a page of one has a cursor. */
const listings = () => {
  const [first, second] = units as [Unit, Unit];
  const secretariat = local.runtime.secretariatToken;
  return {
    'registrations of unit 1': { path: REGISTRATIONS, token: first.token },
    'registrations of unit 2': { path: REGISTRATIONS, token: second.token },
    'machine-vision registrations of unit 1': {
      path: `${REGISTRATIONS}?trackId=machine-vision`,
      token: first.token,
    },
    'every registration': { path: REGISTRATIONS, token: secretariat },
    reviews: { path: `${COMPETITION}/reviews`, token: secretariat },
    units: { path: '/v1/units', token: secretariat },
    overrides: { path: `${COMPETITION}/overrides`, token: secretariat },
  };
};
type ListingName = keyof ReturnType<typeof listings>;

const withQuery = (path: string, query: Record<string, string>) =>
  `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams(query)}`;

async function firstCursor(name: ListingName): Promise<string> {
  const { path, token } = listings()[name];
  const page = await local.call('GET', withQuery(path, { limit: '1' }), { token });
  expect(page.status, name).toBe(200);
  expect(page.body.cursor, name).toEqual(expect.any(String));
  return page.body.cursor;
}

async function expectRefused(name: ListingName, cursor: string, why: string): Promise<void> {
  const { path, token } = listings()[name];
  const page = await local.call('GET', withQuery(path, { limit: '1', cursor }), { token });
  expect(page.status, `${name}, ${why}`).toBe(400);
  expect(page.body.code, `${name}, ${why}`).toBe('MALFORMED_REQUEST');
}

/** A key as the API's cursors held it before they were sealed, pointing at a partition of another listing. */
const forgedKey = Buffer.from(JSON.stringify({ pk: 'TOKEN#x', sk: 'TOKEN' })).toString('base64url');

describe('a page cursor', () => {
  it('takes its listing to the next page, for the caller it was given to', async () => {
    for (const name of Object.keys(listings()) as ListingName[]) {
      const { path, token } = listings()[name];
      const cursor = await firstCursor(name);
      const next = await local.call('GET', withQuery(path, { limit: '1', cursor }), { token });
      expect(next.status, name).toBe(200);
      expect(next.body.items, name).toHaveLength(1);
    }
  });

  it.each(['reviews', 'units', 'overrides', 'every registration', 'registrations of unit 1'] as const)(
    'of %s refuses garbage, a forged key and an altered signature',
    async (name) => {
      await expectRefused(name, 'garbage', 'garbage');
      await expectRefused(name, forgedKey, 'a forged key');
      const cursor = await firstCursor(name);
      for (const at of [cursor.length - 1, cursor.length - 5]) {
        const other = cursor[at] === 'A' ? 'B' : 'A';
        const altered = `${cursor.slice(0, at)}${other}${cursor.slice(at + 1)}`;
        await expectRefused(name, altered, `an altered signature (character ${at})`);
      }
      await expectRefused(
        name,
        `${forgedKey}${cursor.slice(cursor.indexOf('.'))}`,
        'another key, same signature',
      );
    },
  );

  it('is refused by another caller, another filter and another listing', async () => {
    const foreign: Array<[from: ListingName, to: ListingName]> = [
      ['registrations of unit 1', 'registrations of unit 2'],
      ['registrations of unit 1', 'every registration'],
      ['machine-vision registrations of unit 1', 'registrations of unit 1'],
      ['every registration', 'reviews'],
      ['units', 'overrides'],
      ['overrides', 'units'],
      ['reviews', 'every registration'],
    ];
    for (const [from, to] of foreign) await expectRefused(to, await firstCursor(from), `a cursor of ${from}`);
  });
});
