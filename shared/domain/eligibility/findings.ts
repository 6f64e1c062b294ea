/**
 * What every eligibility rule works on and returns. A rule is a pure function of the entry and the facts
 * gathered for it (the unit's kind, the exclusion list, the other entries of the track); it returns one or more
 * findings, each with a stable rule id, a machine code, and the parameters of its message (Chinese and English,
 * citing the notice), which eligibility/messages.ts renders.
 */
import type { Edition, Track, UnitKind } from '../edition.ts';
import type { EligibilityFinding } from '../registration.ts';
import type { ContactPerson, ContestantInput } from '../registration-input.ts';
import type { FindingCode, ParamsOf } from './messages.ts';

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

/** A finding of `code`, with what its message cites (rendered when read, by eligibility/messages.ts). */
export function finding<C extends FindingCode>(
  rule: string,
  outcome: Outcome,
  code: C,
  params: ParamsOf<C>,
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
    params: params as NonNullable<EligibilityFinding['params']>,
  };
}
