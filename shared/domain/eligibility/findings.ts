/**
 * What every eligibility rule works on and returns. A rule is a pure function of the entry and the facts
 * gathered for it (the unit's kind, the exclusion list, the other entries of the track); it returns one or more
 * findings, each with a stable rule id, a machine code, and a message in Chinese and English citing the notice.
 */
import type { Edition, Track, UnitKind } from '../edition.ts';
import type { EligibilityFinding } from '../registration.ts';
import type { ContactPerson, ContestantInput } from '../registration-input.ts';

export type Outcome = EligibilityFinding['outcome'];

/** The people of an entry: a draft body or a stored registration (which has an id and the times below). */
export interface EntryPeople {
  advisor?: ContactPerson;
  contestants: readonly ContestantInput[];
  registrationId?: string;
  /** When the people were last entered (cross-entry.ts: the later entry answers for a conflict). */
  peopleChangedAt?: string;
  createdAt?: string;
}

/** Another active entry of the same track that shares a person with the one judged. */
export interface OtherEntry extends EntryPeople {
  registrationId: string;
}

export interface RuleContext {
  edition: Edition;
  track: Track;
  entry: EntryPeople;
  /** Kind of the registering unit; unknown when someone other than a unit validates a draft. */
  unitKind?: UnitKind;
  /** Indexes of the contestants whose ID number is on the secretariat's exclusion list. */
  excludedContestants: ReadonlySet<number>;
  /** The other active entries of the track sharing a person; undefined when not looked up (a draft). */
  others?: readonly OtherEntry[];
}

export type Rule = (ctx: RuleContext) => EligibilityFinding[];

export interface Texts {
  zh: string;
  en: string;
}

export function finding(
  rule: string,
  outcome: Outcome,
  code: string,
  texts: Texts,
  about: { contestantIndex?: number; relatedRegistrationId?: string } = {},
): EligibilityFinding {
  return {
    rule,
    outcome,
    code,
    ...(about.contestantIndex === undefined ? {} : { contestantIndex: about.contestantIndex }),
    ...(about.relatedRegistrationId === undefined
      ? {}
      : { relatedRegistrationId: about.relatedRegistrationId }),
    message: texts.zh,
    messageEn: texts.en,
  };
}

/** How messages name a contestant: by position on the entry, never by ID number. */
export const who = (index: number): Texts => ({ zh: `第${index + 1}名选手`, en: `Contestant ${index + 1}` });

/** A clause of the edition's notice, quoted. */
export const cite = (edition: Edition, clause: string): string => `${edition.notice}“${clause}”`;
