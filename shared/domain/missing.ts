/**
 * What still stands between an entry and 报名成功. Each gap is a code with the contestant it concerns (what
 * events carry: never a name), and in words a unit reads (what reminders list and an expired entry keeps).
 */
import { gapCodes } from '#events/deadline-events.ts';
import { photoReasonWords } from './photo-rules.ts';
import type { Registration } from './registration.ts';

/** The codes are the RegistrationExpired contract's vocabulary, so an expiry event can carry every gap. */
export { gapCodes };
export type GapCode = (typeof gapCodes)[number];
/** The gaps an entry's state shows; NOT_COMPLETED only stands in for them at expiry. */
export type StateGapCode = Exclude<GapCode, 'NOT_COMPLETED'>;

export interface Gap<Code extends GapCode = GapCode> {
  code: Code;
  /** The contestant (by position on the entry) a photo gap concerns. */
  contestantIndex?: number;
  /** A rejected photo's reason codes (photo-rules.ts). */
  photoReasons?: string[];
}

type Entry = Pick<Registration, 'eligibility' | 'contestants'>;

const eligibilityGap = {
  pending: 'ELIGIBILITY_PENDING',
  review: 'ELIGIBILITY_REVIEW',
  failed: 'ELIGIBILITY_FAILED',
  passed: undefined,
} as const;

const photoGap = {
  missing: 'PHOTO_MISSING',
  pending: 'PHOTO_PENDING',
  rejected: 'PHOTO_REJECTED',
  accepted: undefined,
} as const;

/**
 * The one list of what an entry lacks, in order: its eligibility check, then each contestant's photo. Units
 * (gapWords) and the secretariat's workbook (summary-layout.ts) put it in their own words.
 */
export function missingGaps(r: Entry): Gap<StateGapCode>[] {
  const eligibility = eligibilityGap[r.eligibility.status];
  const gaps: Gap<StateGapCode>[] = eligibility ? [{ code: eligibility }] : [];
  r.contestants.forEach((c, contestantIndex) => {
    const code = photoGap[c.photo.status];
    if (code === 'PHOTO_REJECTED') gaps.push({ code, contestantIndex, photoReasons: [...c.photo.reasons] });
    else if (code) gaps.push({ code, contestantIndex });
  });
  return gaps;
}

/** The gaps an entry expires with: at least one, so the unit always reads why. */
export function expiryGaps(r: Entry): Gap[] {
  const gaps = missingGaps(r);
  return gaps.length > 0 ? gaps : [{ code: 'NOT_COMPLETED' }];
}

/** A gap in the words a unit reads, naming the contestant from the stored entry. */
export function gapWords(r: Entry, gap: Gap): string {
  const name = r.contestants[gap.contestantIndex ?? 0]?.name ?? '';
  switch (gap.code) {
    case 'ELIGIBILITY_PENDING':
      return '资格审核尚未完成';
    case 'ELIGIBILITY_REVIEW':
      return '资格需大赛执委会人工复核，请留意复核结果';
    case 'ELIGIBILITY_FAILED':
      return '资格审核未通过，请修改报名信息';
    case 'PHOTO_MISSING':
      return `选手${name}未上传照片`;
    case 'PHOTO_PENDING':
      return `选手${name}的照片正在审核`;
    case 'PHOTO_REJECTED': {
      const reasons = photoReasonWords(gap.photoReasons ?? []);
      return `选手${name}的照片不合格${reasons.length > 0 ? `（${reasons.join('；')}）` : ''}，请重新上传`;
    }
    case 'NOT_COMPLETED':
      return '截止时报名尚未完成';
  }
}

export const missingItems = (r: Entry): string[] => missingGaps(r).map((gap) => gapWords(r, gap));
