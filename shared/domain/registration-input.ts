/**
 * The registration body of the public API (design.md), after validation. The zod schema that produces it lives
 * in registration-validation.ts; these types are the contract the rest of the domain codes against.
 */
import type { Identity } from './edition.ts';

export const genders = ['male', 'female'] as const;
export type Gender = (typeof genders)[number];

/** 文化程度 on 附件4. */
export const educationLevels = [
  'junior-high', // 初中
  'senior-high', // 高中
  'secondary-vocational', // 中专/中职/技工
  'associate', // 大专/高职
  'bachelor', // 本科
  'master', // 硕士研究生
  'doctorate', // 博士研究生
] as const;
export type EducationLevel = (typeof educationLevels)[number];

/** Statements a contestant makes about themselves; the eligibility rules read them. */
export interface Declarations {
  /** 重庆各类院校全日制在校在籍学生. */
  fullTimeEnrolledInChongqing?: boolean;
  /** 中华技能大奖 holder. */
  chinaSkillsAward?: boolean;
  /** 全国技术能手 holder. */
  nationalTechnicalExpert?: boolean;
  /** Expert, coach or contestant of the 2nd national competition's AI projects. */
  secondNationalCompetitionAiRole?: boolean;
  /** For the retirement rule: the kind of post a woman holds. */
  postType?: 'worker' | 'cadre';
}

export interface ContactPerson {
  name: string;
  phone: string;
}

export interface ContestantInput {
  name: string;
  gender: Gender;
  /** 18 characters, check digit upper-case X when 10. */
  idNumber: string;
  /** YYYY-MM-DD; always present after validation (taken from the ID number when not given). */
  birthDate: string;
  education: EducationLevel;
  major?: string;
  phone: string;
  address: string;
  postcode: string;
  identity: Identity;
  /** National vocational level 1-5 (4 = 中级工, 3 = 高级工) or null when none. */
  qualificationLevel: number | null;
  yearsInTrade?: number;
  declarations?: Declarations;
}

export interface RegistrationInput {
  trackId: string;
  groupId: string;
  leader: ContactPerson;
  advisor?: ContactPerson;
  contestants: ContestantInput[];
}

/** One problem with one field: `path` is a JSON pointer into the request body. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
  /** The message in Chinese, where the API has it (registration bodies). */
  messageZh?: string;
}
