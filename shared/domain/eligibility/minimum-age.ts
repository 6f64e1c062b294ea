import { ageOn } from './calendar.ts';
import { finding, type Rule } from './findings.ts';

/** 年满16周岁以上: on the track's reference date, from the birth date in the ID number. */
export const minimumAge: Rule = ({ edition, track, entry }) => {
  const min = track.eligibility.minimumAge;
  const on = track.ageReferenceDate;
  return entry.contestants.map((c, i) => {
    const age = ageOn(c.birthDate, on);
    const params = { notice: edition.notice, on, age, min };
    return age >= min
      ? finding('minimum-age', 'passed', 'AGE_OK', params, { contestantIndex: i })
      : finding('minimum-age', 'failed', 'AGE_BELOW_MINIMUM', params, { contestantIndex: i });
  });
};
