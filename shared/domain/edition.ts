import * as z from 'zod';

/**
 * A competition edition is data: every threshold, date and quota the rules need comes from here, so a new
 * edition is a new document, never a code change. Instants carry their UTC offset (Beijing time is +08:00).
 */

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase words joined by hyphens');
const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();

export const unitKinds = ['enterprise', 'school'] as const;
export const UnitKind = z.enum(unitKinds);
export type UnitKind = z.infer<typeof UnitKind>;

export const identities = ['student', 'employee'] as const;
export const Identity = z.enum(identities);
export type Identity = z.infer<typeof Identity>;

/** Who may hold an advisor (指导教师) place on an entry of this group. */
export const AdvisorRule = z.enum([
  'required', // every entry names one (AI trainer student teams)
  'optional-for-students', // allowed only when the contestants are students (machine vision)
  'none', // never (employee groups)
]);
export type AdvisorRule = z.infer<typeof AdvisorRule>;

export const GroupSchema = z.strictObject({
  id,
  name: z.string().min(1),
  /** Identities a contestant of this group may have. */
  identities: z.array(Identity).min(1),
  /** The group's standard vocational level (4 = 中级工, 3 = 高级工). */
  standardLevel: z.number().int().min(1).max(5),
  advisor: AdvisorRule,
  /** Entries a unit of each kind may hold in this group; a missing kind may hold none. */
  quota: z.partialRecord(UnitKind, z.number().int().min(0)),
});
export type Group = z.infer<typeof GroupSchema>;

export const FinalSchema = z.strictObject({
  startsOn: day,
  endsOn: day,
  venue: z.string().min(1),
  checkIn: z.strictObject({ at: instant, place: z.string().min(1) }),
});

/** The eligibility rules of the notice (domain.md, "Who may register"); each is one module in domain/eligibility. */
export const eligibilityRuleIds = [
  'minimum-age',
  'retirement-age',
  'student-enrolment',
  'employee-qualification',
  'exclusions',
  'advisor-not-contestant',
  'employee-not-student-advisor',
] as const;
export const EligibilityRuleId = z.enum(eligibilityRuleIds);
export type EligibilityRuleId = z.infer<typeof EligibilityRuleId>;

/** Which rules a track applies and their thresholds; the defaults are the rules the 2023 notice sets for every track. */
export const TrackEligibilitySchema = z.strictObject({
  rules: z
    .array(EligibilityRuleId)
    .default(['minimum-age', 'student-enrolment', 'employee-qualification', 'employee-not-student-advisor']),
  /** 年满N周岁以上, on ageReferenceDate. */
  minimumAge: z.number().int().min(0).max(100).default(16),
  /** An employee qualifies with this national level or better (a lower number: 4 = 中级工) ... */
  employeeLevelAtMost: z.number().int().min(1).max(5).default(4),
  /** ... or, without it, with at least this many years in the trade (五年以上). */
  employeeYearsInTradeAtLeast: z.number().int().min(0).max(60).default(5),
});
export type TrackEligibility = z.infer<typeof TrackEligibilitySchema>;

export const TrackSchema = z
  .strictObject({
    id,
    name: z.string().min(1),
    mode: z.enum(['team', 'individual']),
    /** Contestants per entry. */
    teamSize: z.number().int().min(1).max(10),
    groups: z.array(GroupSchema).min(1),
    opensAt: instant,
    /** The first instant at which the track no longer accepts entries. */
    closesAt: instant,
    /** Ages are computed on this day (the first day of the final). */
    ageReferenceDate: day,
    /** Where the notice told units to send their forms; shown to units, used for the secretariat's mail. */
    secretariatEmail: z.email(),
    final: FinalSchema,
    eligibility: TrackEligibilitySchema.prefault({}),
  })
  .refine((t) => Date.parse(t.opensAt) < Date.parse(t.closesAt), {
    message: 'opensAt must be before closesAt',
    path: ['closesAt'],
  })
  .refine((t) => new Set(t.groups.map((g) => g.id)).size === t.groups.length, {
    message: 'group ids must be unique',
    path: ['groups'],
  });
export type Track = z.infer<typeof TrackSchema>;

/** Operational settings of an edition; each has the default the 2023 edition uses. */
export const EditionSettingsSchema = z.strictObject({
  /** Reminder emails go out this many days before each track's closesAt. */
  reminderDaysBefore: z.array(z.number().int().min(1).max(60)).default([7, 1]),
  /** Local time (in the edition's zone) of the nightly summary build and digest. */
  nightlySummaryAt: z
    .string()
    .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
    .default('02:00'),
  /** How long an uploaded photo's original is kept beside its cleaned copy. */
  photoOriginalRetentionDays: z.number().int().min(0).max(3650).default(30),
  /** The notice's goal of finalists (teams or individuals) per track: summaries, the digest and the closing
   * report measure against it. */
  finalistGoal: z.number().int().min(1).default(30),
  /**
   * Attach the full workbooks (ID numbers, phones, addresses) to the nightly digest. Off: the digest carries
   * figures only and links to the download that needs the secretariat's sign-in. A risk when on (README).
   */
  digestAttachments: z.boolean().default(false),
  /**
   * Days personal data is kept after the last day of the edition's last final; then the scheduled purge
   * removes it (shared/domain/purge.ts), keeping anonymous counts.
   */
  personalDataRetentionDays: z.number().int().min(0).max(3650).default(180),
});
export type EditionSettings = z.infer<typeof EditionSettingsSchema>;

export const EditionSchema = z
  .strictObject({
    id,
    name: z.string().min(1),
    /** IANA zone in which the edition's days are read. */
    timeZone: z.string().min(1),
    /** Which statutory retirement schedule the eligibility rules apply. */
    ruleSet: z.enum(['retirement-2023', 'retirement-2025-reform']),
    secretariatEmails: z.array(z.email()).min(1),
    /** How eligibility findings cite the notice, e.g. 渝经信发〔2023〕59号. */
    notice: z.string().min(1).default('大赛通知'),
    settings: EditionSettingsSchema.prefault({}),
    tracks: z.array(TrackSchema).min(1),
  })
  .refine((e) => new Set(e.tracks.map((t) => t.id)).size === e.tracks.length, {
    message: 'track ids must be unique',
    path: ['tracks'],
  });
export type Edition = z.infer<typeof EditionSchema>;

/** Validates an edition document; throws with every problem listed when it is not one. */
export function parseEdition(document: unknown): Edition {
  const result = EditionSchema.safeParse(document);
  if (!result.success) {
    throw new Error(`invalid edition: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export function findTrack(edition: Edition, trackId: string): Track | undefined {
  return edition.tracks.find((t) => t.id === trackId);
}

export function findGroup(track: Track, groupId: string): Group | undefined {
  return track.groups.find((g) => g.id === groupId);
}

/** Registration is open from opensAt (inclusive) to closesAt (exclusive), to the millisecond. */
export function isTrackOpen(track: Track, nowMs: number): boolean {
  return nowMs >= Date.parse(track.opensAt) && nowMs < Date.parse(track.closesAt);
}
