/**
 * Event payloads hold no personal data: the event archive keeps every event for 400 days, past the purge of
 * the people it is about. Every text field of every contract is listed here with what it holds, so a field
 * added to a contract must be added here too, knowingly. RegistrationExpired's `reasons` is left to its own
 * contract change (the text shown to units, which names people today).
 */

import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { deadlineEvents } from '#events/deadline-events.ts';
import { EligibilityEvaluated } from '#events/eligibility-events.ts';
import { PhotoAccepted, PhotoRejected } from '#events/photo-events.ts';
import { registrationEvents } from '#events/registration-events.ts';
import { SummaryPublished, SummaryRequested } from '#events/summary-events.ts';

/** The paths of every string-valued field of a schema (enums and literals are fixed words, not data). */
function textPaths(schema: z.ZodType, path = ''): string[] {
  const def = (schema as unknown as { def: Record<string, any> }).def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, field]) =>
        textPaths(field, `${path}/${key}`),
      );
    case 'array':
      return textPaths(def.element, `${path}/*`);
    case 'optional':
    case 'nullable':
    case 'default':
      return textPaths(def.innerType, path);
    case 'string':
      return [path];
    default:
      return [];
  }
}

const REGISTRATION_REF = [
  '/registrationId',
  '/competitionId',
  '/unitId',
  '/trackId',
  '/groupId',
  '/actor', // a unit id or `secretariat`
];

/** What each text field holds: ids, codes, instants and the system's own file names. */
const expected: Record<string, string[]> = {
  ...Object.fromEntries(registrationEvents.map((c) => [c.detailType, REGISTRATION_REF])),
  EligibilityEvaluated: [
    ...REGISTRATION_REF,
    '/findings/*/rule',
    '/findings/*/code',
    '/findings/*/relatedRegistrationId',
  ],
  PhotoAccepted: [...REGISTRATION_REF, '/uploadId', '/reasons/*'], // reason codes
  PhotoRejected: [...REGISTRATION_REF, '/uploadId', '/reasons/*'],
  TrackClosed: ['/competitionId', '/trackId', '/closesAt'],
  OverrideEnded: ['/competitionId', '/trackId', '/unitId', '/until'],
  SummaryRequested: ['/summaryId', '/competitionId'],
  // fileName: `<track name>-参赛信息汇总-<day>.xlsx`; key: the object key of it.
  SummaryPublished: [
    '/summaryId',
    '/competitionId',
    '/night',
    '/asOf',
    '/files/*/scope',
    '/files/*/fileName',
    '/files/*/key',
  ],
};

const contracts = [
  ...registrationEvents,
  EligibilityEvaluated,
  PhotoAccepted,
  PhotoRejected,
  ...deadlineEvents.filter((c) => c.detailType !== 'RegistrationExpired'),
  SummaryRequested,
  SummaryPublished,
];

describe('event contracts', () => {
  it.each(contracts.map((c) => [c.detailType, c] as const))(
    '%s carries ids, codes and instants only',
    (type, c) => {
      expect(textPaths(c.detailSchema.shape.data)).toEqual(expected[type]);
    },
  );
});
