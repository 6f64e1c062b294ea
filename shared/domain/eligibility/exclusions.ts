import type { Declarations } from '../registration-input.ts';
import { finding, type Rule } from './findings.ts';
import type { FindingCode } from './messages.ts';

const RULE = 'exclusions';

/** What a contestant may declare that excludes them, and the code of the finding. */
const declaredExclusions: Array<{ key: keyof Declarations; code: FindingCode }> = [
  { key: 'chinaSkillsAward', code: 'EXCLUDED_CHINA_SKILLS_AWARD' },
  { key: 'nationalTechnicalExpert', code: 'EXCLUDED_NATIONAL_TECHNICAL_EXPERT' },
  { key: 'secondNationalCompetitionAiRole', code: 'EXCLUDED_SECOND_NATIONAL_COMPETITION' },
];

/**
 * Excluded people (中华技能大奖, 全国技术能手, the 2nd national competition's AI experts, coaches and contestants):
 * by their own declarations, and by the secretariat's uploaded list of ID numbers.
 */
export const exclusions: Rule = ({ edition, entry, excludedContestants }) =>
  entry.contestants.flatMap((c, i) => {
    const about = { contestantIndex: i };
    const cites = { notice: edition.notice };
    const codes = declaredExclusions.filter((d) => c.declarations?.[d.key] === true).map((d) => d.code);
    if (excludedContestants.has(i)) codes.push('EXCLUDED_BY_LIST');
    if (codes.length === 0) return [finding(RULE, 'passed', 'NOT_EXCLUDED', cites, about)];
    return codes.map((code) => finding(RULE, 'failed', code, cites, about));
  });
