/**
 * What a feed reader may see (shared/domain/change-feed.ts): the unbroken run after its cursor, a gap still
 * landing stops it, a gap left by expired items does not, and streams merge by their `all` position.
 */
import { describe, expect, it } from 'vitest';
import { feedPage } from '#shared/domain/change-feed.ts';
import { feedItemOf } from '#shared/use-cases/change-feed.ts';

const NOW = Date.parse('2023-12-01T00:00:00Z');
const RECENT = '2023-11-30T00:00:00.000Z';
const LONG_AGO = '2023-08-01T00:00:00.000Z';

const placed = (position: number, order = position, placedAt = RECENT, previousPlacedAt = placedAt) => ({
  position,
  order,
  placedAt,
  ...(position > 1 ? { previousPlacedAt } : {}),
  item: { id: `evt-${order}`, type: 'RegistrationSubmitted', time: placedAt },
});

const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

describe('feedPage', () => {
  it("gives an event held by two of the reader's streams once, and moves both cursors past it", () => {
    // A portal naming a unit and that unit's district: positions differ per stream, the `all` order does not.
    const stored = new Map([
      ['unit#u1', [placed(1, 10), placed(2, 12)]],
      ['district#渝北区', [placed(1, 10), placed(2, 11), placed(3, 12)]],
    ]);

    const first = feedPage({}, stored, 2, NOW);
    expect(ids(first)).toEqual(['evt-10', 'evt-11']);
    expect(first.next).toEqual({ 'unit#u1': 1, 'district#渝北区': 2 });

    const second = feedPage(first.next, stored, 2, NOW);
    expect(ids(second)).toEqual(['evt-12']);
    expect(second.next).toEqual({ 'unit#u1': 2, 'district#渝北区': 3 });
  });

  it('gives the items after the cursor, oldest first, and moves the cursor past them', () => {
    const page = feedPage({ all: 1 }, new Map([['all', [placed(2), placed(3), placed(4)]]]), 2, NOW);

    expect(ids(page)).toEqual(['evt-2', 'evt-3']);
    expect(page.next).toEqual({ all: 3 });
  });

  it('stops before a position that is still landing, and keeps the cursor there', () => {
    const page = feedPage({ all: 1 }, new Map([['all', [placed(2), placed(4), placed(5)]]]), 10, NOW);

    expect(ids(page)).toEqual(['evt-2']);
    expect(page.next).toEqual({ all: 2 });
  });

  it('gives nothing past a missing first position, from no cursor as from any other', () => {
    const page = feedPage({}, new Map([['all', [placed(2), placed(3)]]]), 10, NOW);

    expect(page).toEqual({ items: [], next: { all: 0 } });
  });

  it('passes over a gap whose items expired, and over expired items still stored', () => {
    const stored = [placed(7, 7, LONG_AGO, LONG_AGO), placed(9, 9, RECENT, LONG_AGO), placed(10)];

    const page = feedPage({ all: 3 }, new Map([['all', stored]]), 10, NOW);

    expect(ids(page)).toEqual(['evt-9', 'evt-10']);
    expect(page.next).toEqual({ all: 10 });
  });

  it('merges streams by their all position and moves each stream only past what it gave', () => {
    const stored = new Map([
      ['unit#a', [placed(1, 2), placed(2, 5)]],
      ['unit#b', [placed(4, 3), placed(5, 9)]],
    ]);

    const page = feedPage({ 'unit#a': 0, 'unit#b': 3 }, stored, 3, NOW);

    expect(ids(page)).toEqual(['evt-2', 'evt-3', 'evt-5']);
    expect(page.next).toEqual({ 'unit#a': 2, 'unit#b': 4 });
  });

  it('answers an empty page with the cursor where it was', () => {
    expect(feedPage({ all: 12 }, new Map([['all', []]]), 5, NOW)).toEqual({ items: [], next: { all: 12 } });
  });
});

describe('feedItemOf', () => {
  it('keeps the ids and states an event type names and drops every other field', () => {
    const item = feedItemOf({
      id: 'evt-1',
      source: 'bayu.registration',
      detailType: 'PhotoRejected',
      occurredAt: '2023-09-01T01:00:00.000Z',
      detail: {
        metadata: { id: 'evt-1', version: 1, occurredAt: '2023-09-01T01:00:00.000Z', correlationId: 'c' },
        data: {
          registrationId: 'reg_1',
          competitionId: 'bayu-2023',
          unitId: 'unit_1',
          trackId: 'machine-vision',
          groupId: 'open',
          registrationVersion: 3,
          entryVersion: 1,
          contestantCount: 1,
          actor: 'system',
          contestantIndex: 0,
          uploadId: 'up_1',
          reasons: ['BACKGROUND_NOT_RED'],
          name: '张伟',
        },
      },
    });

    expect(item).toEqual({
      id: 'evt-1',
      type: 'PhotoRejected',
      time: '2023-09-01T01:00:00.000Z',
      competitionId: 'bayu-2023',
      registrationId: 'reg_1',
      unitId: 'unit_1',
      trackId: 'machine-vision',
      groupId: 'open',
      registrationVersion: 3,
      photo: { contestantIndex: 0, status: 'rejected' },
    });
  });

  it('keeps only the id, type and time of an event its contract does not read', () => {
    const item = feedItemOf({
      id: 'evt-2',
      source: 'bayu.registration',
      detailType: 'RegistrationSubmitted',
      occurredAt: '2023-09-01T01:00:00.000Z',
      detail: { data: { registrationId: 'reg_2', idNumber: '500103199001010010' } },
    });

    expect(item).toEqual({ id: 'evt-2', type: 'RegistrationSubmitted', time: '2023-09-01T01:00:00.000Z' });
  });
});
