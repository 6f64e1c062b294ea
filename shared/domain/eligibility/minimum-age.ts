import { ageOn } from './calendar.ts';
import { cite, finding, type Rule, who } from './findings.ts';

/** 年满16周岁以上: on the track's reference date, from the birth date in the ID number. */
export const minimumAge: Rule = ({ edition, track, entry }) => {
  const min = track.eligibility.minimumAge;
  const on = track.ageReferenceDate;
  return entry.contestants.map((c, i) => {
    const age = ageOn(c.birthDate, on);
    const person = who(i);
    return age >= min
      ? finding(
          'minimum-age',
          'passed',
          'AGE_OK',
          {
            zh: `${person.zh}在${on}（年龄计算日）已满${age}周岁，符合${cite(edition, `年满${min}周岁以上`)}的要求。`,
            en: `${person.en} is ${age} on ${on} (the age reference date), at least ${min} as the notice requires.`,
          },
          { contestantIndex: i },
        )
      : finding(
          'minimum-age',
          'failed',
          'AGE_BELOW_MINIMUM',
          {
            zh: `${person.zh}在${on}（年龄计算日）未满${min}周岁（${age}周岁），不符合${cite(edition, `参赛人员须年满${min}周岁以上`)}的规定。`,
            en: `${person.en} is ${age} on ${on} (the age reference date), under the minimum age of ${min} the notice sets.`,
          },
          { contestantIndex: i },
        );
  });
};
