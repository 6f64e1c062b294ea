import { finding, type Rule } from './findings.ts';

const RULE = 'employee-qualification';

/**
 * Employees need national level 4 (中级工) or better, or else at least 5 years in the trade (五年以上 includes
 * five). The form has no field for the years; an entry that gives neither a sufficient level nor the years goes
 * to review rather than failing.
 */
export const employeeQualification: Rule = ({ edition, track, entry }) => {
  const { employeeLevelAtMost: level, employeeYearsInTradeAtLeast: years } = track.eligibility;
  return entry.contestants.flatMap((c, i) => {
    if (c.identity !== 'employee') return [];
    const about = { contestantIndex: i };
    const held = c.qualificationLevel;
    const cites = { notice: edition.notice, level, years, held };
    if (held !== null && held <= level) {
      return [finding(RULE, 'passed', 'QUALIFICATION_LEVEL_OK', { ...cites, held }, about)];
    }
    const { yearsInTrade } = c;
    if (yearsInTrade === undefined) {
      return [finding(RULE, 'review', 'YEARS_IN_TRADE_UNDECLARED', cites, about)];
    }
    return yearsInTrade >= years
      ? [finding(RULE, 'passed', 'YEARS_IN_TRADE_OK', { ...cites, yearsInTrade }, about)]
      : [finding(RULE, 'failed', 'QUALIFICATION_INSUFFICIENT', { ...cites, yearsInTrade }, about)];
  });
};
