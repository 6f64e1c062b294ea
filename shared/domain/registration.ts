/**
 * A registration (报名) and its pure state changes. Storage, events and transport live elsewhere; this module
 * only decides what the next state is.
 */
import { samePeople } from './eligibility/people.ts';
import { AppError } from './errors.ts';
import type { Actor } from './principal.ts';
import type { ContactPerson, ContestantInput, RegistrationInput } from './registration-input.ts';

export const registrationStatuses = ['submitted', 'complete', 'rejected', 'withdrawn', 'expired'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** Entries in these states hold a quota place and their people's uniqueness claims. */
export const activeStatuses: ReadonlySet<RegistrationStatus> = new Set(['submitted', 'complete']);

export type EligibilityStatus = 'pending' | 'passed' | 'failed' | 'review';
export interface EligibilityFinding {
  rule: string;
  outcome: 'passed' | 'failed' | 'review';
  contestantIndex?: number;
  /** Machine code of this outcome, stable across releases (e.g. AGE_BELOW_MINIMUM); every rule sets it. */
  code?: string;
  /**
   * What the code's message cites (numbers, dates, the notice): the messages are rendered from code and
   * parameters when read (eligibility/messages.ts). Every rule sets them.
   */
  params?: Readonly<Record<string, string | number | null>>;
  /** Plain Chinese, citing the notice: stored only by findings written before they carried parameters. */
  message?: string;
  /** The same message in English, stored with `message` (and not by the oldest findings). */
  messageEn?: string;
  /** Cross-entry rules: the other entry of the track involved. */
  relatedRegistrationId?: string;
}
/** The secretariat's decision on an entry in review. */
export interface EligibilityReview {
  decision: 'approve' | 'reject';
  reason: string;
  actor: string;
  /** The deciding member's name (absent on decisions made with the shared token, before accounts). */
  actorName?: string;
  at: string;
  /** Keys of the findings under review the decision covered (an approval overrides only these). */
  findings: string[];
}
export interface Eligibility {
  status: EligibilityStatus;
  findings: EligibilityFinding[];
  /** The entryVersion judged; absent while pending. */
  entryVersion?: number;
  evaluatedAt?: string;
  review?: EligibilityReview;
}

export const photoStatuses = ['missing', 'pending', 'accepted', 'rejected'] as const;
export type PhotoStatus = (typeof photoStatuses)[number];
export interface Photo {
  status: PhotoStatus;
  reasons: string[];
  /** The upload this photo waits for (pending) or came from; set by the upload grant. */
  uploadId?: string;
  /** Where the cleaned JPEG is stored, once accepted. */
  objectKey?: string;
  /** Each reason of a rejection explained in Chinese and English. */
  messages?: { code: string; zh: string; en: string }[];
}

export interface Contestant extends ContestantInput {
  photo: Photo;
}

export interface Registration {
  registrationId: string;
  competitionId: string;
  unitId: string;
  trackId: string;
  groupId: string;
  leader: ContactPerson;
  advisor?: ContactPerson;
  contestants: Contestant[];
  status: RegistrationStatus;
  eligibility: Eligibility;
  /** Incremented by every stored change (the ETag); writes are conditional on it. */
  version: number;
  /**
   * Version of the people the unit entered: 1 on submission, +1 per amendment. Checks (eligibility, photos)
   * record which entry version they judged, so a late result for older people never lands on newer ones.
   */
  entryVersion: number;
  /** Set when the entry expired at its track's deadline: what was still missing then. */
  expiredReasons?: string[];
  /**
   * When the people matched across entries (advisor and contestants, by name and phone) were last entered: of
   * two entries in conflict, the later one answers for it (eligibility/cross-entry.ts). Absent on entries
   * stored before it was recorded, which count from createdAt.
   */
  peopleChangedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export const historyActions = [
  'submitted',
  'amended',
  'withdrawn',
  'eligibility-evaluated',
  'eligibility-reviewed',
  'photo-upload-granted',
  'photo-accepted',
  'photo-rejected',
  'expired',
  // A secretariat member was shown a contestant's whole ID number and phone (nothing changed).
  'personal-data-viewed',
] as const;
export type HistoryAction = (typeof historyActions)[number];

/** One recorded change: who, when, what (field paths only, never the values, which may be personal data). */
export interface HistoryEntry {
  version: number;
  action: HistoryAction;
  /** A unit id, a secretariat account id, a portal id, or `system`. */
  actor: string;
  /**
   * The secretariat member's or the portal's name, where one acted (absent on entries recorded before accounts
   * and on a unit's own).
   */
  actorName?: string;
  /** The unit a portal acted for (absent on everyone else's entries, and on those recorded before portals). */
  onBehalfOf?: string;
  at: string;
  changedPaths: string[];
  /** Why, where a person decided (the secretariat's review). */
  reason?: string;
  /** The fields shown whole, on a `personal-data-viewed` entry (paths only, never the values). */
  viewedPaths?: string[];
}

/** An entry becomes complete once it is eligible and every contestant's photo is accepted. */
export function isReadyToComplete(r: Registration): boolean {
  return (
    r.status === 'submitted' &&
    r.eligibility.status === 'passed' &&
    r.contestants.every((c) => c.photo.status === 'accepted')
  );
}

const pendingEligibility = (): Eligibility => ({ status: 'pending', findings: [] });
const missingPhoto = (): Photo => ({ status: 'missing', reasons: [] });

export interface Change {
  registration: Registration;
  history: HistoryEntry;
}

export function submit(
  input: RegistrationInput,
  ids: { registrationId: string; competitionId: string; unitId: string },
  by: Actor,
  at: string,
): Change {
  const registration: Registration = {
    ...ids,
    trackId: input.trackId,
    groupId: input.groupId,
    leader: input.leader,
    ...(input.advisor ? { advisor: input.advisor } : {}),
    contestants: input.contestants.map((c) => ({ ...c, photo: missingPhoto() })),
    status: 'submitted',
    eligibility: pendingEligibility(),
    version: 1,
    entryVersion: 1,
    peopleChangedAt: at,
    createdAt: at,
    updatedAt: at,
  };
  return { registration, history: { version: 1, action: 'submitted', ...by, at, changedPaths: [] } };
}

function assertActive(registration: Registration): void {
  if (!activeStatuses.has(registration.status)) {
    throw new AppError(
      'INVALID_STATE',
      `the registration is ${registration.status} and can no longer change`,
    );
  }
}

/**
 * Replaces the entry's people. Track and group stay (they decide the quota place). A contestant who stays
 * (same ID number) keeps their photo; the checks start again, so the entry is `submitted` until they pass.
 */
export function amend(existing: Registration, input: RegistrationInput, by: Actor, at: string): Change {
  assertActive(existing);
  const fixed = (['trackId', 'groupId'] as const).filter((k) => input[k] !== existing[k]);
  if (fixed.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'an amendment cannot move the entry to another track or group; withdraw it and submit a new one',
      fixed.map((k) => ({ path: `/${k}`, code: 'IMMUTABLE_FIELD', message: `${k} cannot change` })),
    );
  }
  const photoById = new Map(existing.contestants.map((c) => [c.idNumber, c.photo]));
  const { advisor: _previousAdvisor, ...rest } = existing;
  const registration: Registration = {
    ...rest,
    leader: input.leader,
    ...(input.advisor ? { advisor: input.advisor } : {}),
    contestants: input.contestants.map((c) => ({ ...c, photo: photoById.get(c.idNumber) ?? missingPhoto() })),
    status: 'submitted',
    eligibility: pendingEligibility(),
    version: existing.version + 1,
    entryVersion: existing.entryVersion + 1,
    peopleChangedAt: samePeople(existing, input) ? (existing.peopleChangedAt ?? existing.createdAt) : at,
    updatedAt: at,
  };
  const history: HistoryEntry = {
    version: registration.version,
    action: 'amended',
    ...by,
    at,
    changedPaths: changedPaths(peopleOf(existing), peopleOf(registration)),
  };
  return { registration, history };
}

export function withdraw(existing: Registration, by: Actor, at: string): Change {
  assertActive(existing);
  const registration: Registration = {
    ...existing,
    status: 'withdrawn',
    version: existing.version + 1,
    updatedAt: at,
  };
  return {
    registration,
    history: { version: registration.version, action: 'withdrawn', ...by, at, changedPaths: ['/status'] },
  };
}

const peopleOf = (r: Registration) => ({
  leader: r.leader,
  advisor: r.advisor,
  contestants: r.contestants.map(({ photo: _photo, ...c }) => c),
});

/** JSON pointers of the leaves that differ between two plain JSON values. */
export function changedPaths(before: unknown, after: unknown, path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isObject(before) || !isObject(after) || Array.isArray(before) !== Array.isArray(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [path];
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((k) =>
    changedPaths(before[k], after[k], `${path}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`),
  );
}

/** Contestant ID numbers whose uniqueness claims an amendment adds and releases. */
export function personChanges(
  before: Registration,
  after: Registration,
): { added: string[]; released: string[] } {
  const was = new Set(before.contestants.map((c) => c.idNumber));
  const now = new Set(after.contestants.map((c) => c.idNumber));
  return { added: [...now].filter((id) => !was.has(id)), released: [...was].filter((id) => !now.has(id)) };
}

/** The actor of changes the system makes on its own (the deadline). */
export const SYSTEM_ACTOR = 'system';

/** An entry still `submitted` at its track's deadline expires, keeping what was missing as the reason. */
export function expire(existing: Registration, reasons: string[], at: string): Change {
  if (existing.status !== 'submitted') {
    throw new AppError('INVALID_STATE', `the registration is ${existing.status} and cannot expire`);
  }
  const registration: Registration = {
    ...existing,
    status: 'expired',
    expiredReasons: reasons,
    version: existing.version + 1,
    updatedAt: at,
  };
  return {
    registration,
    history: {
      version: registration.version,
      action: 'expired',
      actor: SYSTEM_ACTOR,
      at,
      changedPaths: ['/expiredReasons', '/status'],
    },
  };
}
