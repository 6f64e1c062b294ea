/**
 * The entry form's state: what the inputs hold (text, as typed), the registration body built from it, and its
 * validation with the server's own zod schemas. Field paths are the API's JSON pointers, so a server error and
 * a browser error land on the same input.
 */
import { type Edition, findGroup, findTrack, type Group, type Track } from '#shared/domain/edition.ts';
import { contestantOf, fieldErrorZh, fieldPlaceZh } from '#shared/domain/field-errors-zh.ts';
import type { FieldError } from '#shared/domain/registration-input.ts';
import { validateRegistrationInput } from '#shared/domain/registration-validation.ts';
import type { EntryBody, RegistrationView } from './types.ts';

export interface ContestantForm {
  name: string;
  gender: string;
  idNumber: string;
  education: string;
  major: string;
  phone: string;
  address: string;
  postcode: string;
  identity: string;
  /** '' not chosen, 'none' 无, '1'-'5' the national level. */
  qualificationLevel: string;
  yearsInTrade: string;
  declarations: {
    fullTimeEnrolledInChongqing: boolean;
    chinaSkillsAward: boolean;
    nationalTechnicalExpert: boolean;
    secondNationalCompetitionAiRole: boolean;
    postType: string;
  };
}

export interface EntryForm {
  trackId: string;
  groupId: string;
  leader: { name: string; phone: string };
  advisor: { name: string; phone: string };
  contestants: ContestantForm[];
}

/** A form error: where (JSON pointer), the Chinese message, and the place named for the summary. */
export interface FormError {
  path: string;
  code: string;
  message: string;
  place: string;
}

export const emptyContestant = (): ContestantForm => ({
  name: '',
  gender: '',
  idNumber: '',
  education: '',
  major: '',
  phone: '',
  address: '',
  postcode: '',
  identity: '',
  qualificationLevel: '',
  yearsInTrade: '',
  declarations: {
    fullTimeEnrolledInChongqing: false,
    chinaSkillsAward: false,
    nationalTechnicalExpert: false,
    secondNationalCompetitionAiRole: false,
    postType: '',
  },
});

export const emptyForm = (): EntryForm => ({
  trackId: '',
  groupId: '',
  leader: { name: '', phone: '' },
  advisor: { name: '', phone: '' },
  contestants: [emptyContestant()],
});

/** Reads the value at a JSON pointer of the form ('' when absent). */
export function valueAt(form: EntryForm, path: string): unknown {
  let node: unknown = form;
  for (const key of path.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of the form with the value at a JSON pointer replaced. */
export function withValue(form: EntryForm, path: string, value: unknown): EntryForm {
  const keys = path.split('/').slice(1);
  const set = (node: unknown, i: number): unknown => {
    const key = keys[i]!;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(node)
      ? [...node]
      : { ...(node as Record<string, unknown>) };
    (copy as Record<string, unknown>)[key] =
      i === keys.length - 1 ? value : set((node as Record<string, unknown>)[key], i + 1);
    return copy;
  };
  return set(form, 0) as EntryForm;
}

/** The form's track, group and the contestants it shows (the track's team size). */
export function formShape(edition: Edition, form: EntryForm) {
  const track: Track | undefined = findTrack(edition, form.trackId);
  const group: Group | undefined = track ? findGroup(track, form.groupId) : undefined;
  return { track, group, teamSize: track?.teamSize ?? 1 };
}

/** Keeps one contestant form per place of the chosen track (typed values of the others are kept). */
export function fitContestants(form: EntryForm, teamSize: number): EntryForm {
  if (form.contestants.length >= teamSize) return form;
  const more = Array.from({ length: teamSize - form.contestants.length }, emptyContestant);
  return { ...form, contestants: [...form.contestants, ...more] };
}

/** Whether a group's entries may name an advisor, and must. */
export function advisorShown(group: Group | undefined): boolean {
  return group !== undefined && group.advisor !== 'none';
}

const text = (value: string) => value.trim();

function contestantBody(c: ContestantForm, track: Track | undefined): Record<string, unknown> {
  const rules = track?.eligibility.rules ?? [];
  const years = text(c.yearsInTrade);
  const declarations: Record<string, unknown> = {};
  if (
    c.identity === 'student' &&
    rules.includes('student-enrolment') &&
    c.declarations.fullTimeEnrolledInChongqing
  )
    declarations.fullTimeEnrolledInChongqing = true;
  if (rules.includes('exclusions')) {
    declarations.chinaSkillsAward = c.declarations.chinaSkillsAward;
    declarations.nationalTechnicalExpert = c.declarations.nationalTechnicalExpert;
    declarations.secondNationalCompetitionAiRole = c.declarations.secondNationalCompetitionAiRole;
  }
  if (c.gender === 'female' && rules.includes('retirement-age') && c.declarations.postType)
    declarations.postType = c.declarations.postType;
  return {
    name: c.name,
    ...(c.gender ? { gender: c.gender } : {}),
    idNumber: text(c.idNumber),
    ...(c.education ? { education: c.education } : {}),
    ...(text(c.major) ? { major: c.major } : {}),
    phone: text(c.phone),
    address: c.address,
    postcode: text(c.postcode),
    ...(c.identity ? { identity: c.identity } : {}),
    ...(c.qualificationLevel === ''
      ? {}
      : { qualificationLevel: c.qualificationLevel === 'none' ? null : Number(c.qualificationLevel) }),
    // Digits become a number; anything else is sent as typed, so the schema names the problem.
    ...(years === '' ? {} : { yearsInTrade: /^\d{1,3}$/.test(years) ? Number(years) : years }),
    ...(Object.keys(declarations).length > 0 ? { declarations } : {}),
  };
}

/** The registration body the form stands for (what is sent to validate, submit and amend). */
export function toBody(edition: Edition, form: EntryForm): EntryBody {
  const { track, group, teamSize } = formShape(edition, form);
  const advisorTyped = text(form.advisor.name) !== '' || text(form.advisor.phone) !== '';
  const withAdvisor = advisorShown(group) && (group?.advisor === 'required' || advisorTyped);
  return {
    trackId: form.trackId,
    groupId: form.groupId,
    leader: { name: form.leader.name, phone: text(form.leader.phone) },
    ...(withAdvisor ? { advisor: { name: form.advisor.name, phone: text(form.advisor.phone) } } : {}),
    contestants: form.contestants.slice(0, teamSize).map((c) => contestantBody(c, track)),
  };
}

/** Field errors (the server's or our own) in Chinese, against the values the form holds. */
export function toFormErrors(form: EntryForm, errors: readonly FieldError[]): FormError[] {
  return errors.map((error) => ({
    path: error.path,
    code: error.code,
    message: fieldErrorZh(error, valueAt(form, error.path)),
    place: fieldPlaceZh(error.path),
  }));
}

/** Masked values of an entry being amended, by path (`/contestants/0/idNumber` → `500103********0016`). */
export type KeptMasks = ReadonlyMap<string, string>;

/**
 * The browser's check: the very validation the server runs on the body. A masked number left as the API showed
 * it stands for the stored one (the server's masked-values.ts), which the browser cannot see: not judged here.
 */
export function validateForm(edition: Edition, form: EntryForm, kept: KeptMasks = new Map()): FormError[] {
  const result = validateRegistrationInput(edition, toBody(edition, form));
  const judged = result.ok ? [] : result.errors.filter((e) => kept.get(e.path) !== valueAt(form, e.path));
  return toFormErrors(form, judged);
}

/** The masked numbers of an entry as the API shows it, which an amendment may send back unchanged. */
export function masksOf(r: RegistrationView): KeptMasks {
  const numbers: [string, string | undefined][] = [
    ['/leader/phone', r.leader.phone],
    ['/advisor/phone', r.advisor?.phone],
    ...r.contestants.flatMap((c, i): [string, string][] => [
      [`/contestants/${i}/idNumber`, c.idNumber],
      [`/contestants/${i}/phone`, c.phone],
    ]),
  ];
  return new Map(numbers.filter((n): n is [string, string] => n[1]?.includes('*') === true));
}

/** The form of an existing entry, to amend it: the numbers as the API shows them (masked). */
export function formOf(r: RegistrationView): EntryForm {
  return {
    trackId: r.trackId,
    groupId: r.groupId,
    leader: { name: r.leader.name, phone: r.leader.phone },
    advisor: { name: r.advisor?.name ?? '', phone: r.advisor?.phone ?? '' },
    contestants: r.contestants.map((c) => ({
      name: c.name,
      gender: c.gender,
      idNumber: c.idNumber,
      education: c.education,
      major: c.major ?? '',
      phone: c.phone,
      address: c.address,
      postcode: c.postcode,
      identity: c.identity,
      qualificationLevel: c.qualificationLevel === null ? 'none' : String(c.qualificationLevel),
      yearsInTrade: c.yearsInTrade === undefined ? '' : String(c.yearsInTrade),
      declarations: {
        fullTimeEnrolledInChongqing: c.declarations?.fullTimeEnrolledInChongqing === true,
        chinaSkillsAward: c.declarations?.chinaSkillsAward === true,
        nationalTechnicalExpert: c.declarations?.nationalTechnicalExpert === true,
        secondNationalCompetitionAiRole: c.declarations?.secondNationalCompetitionAiRole === true,
        postType: c.declarations?.postType ?? '',
      },
    })),
  };
}

/** The DOM id of the input at a JSON pointer. */
export const inputId = (path: string) => `f${path.replaceAll('/', '-')}`;

/**
 * The input an error belongs to: the field itself, or for an error on a whole object (`/advisor`, a missing
 * contestant) the first input inside it; undefined when the form has none (the summary still lists it).
 */
export function inputFor(path: string, paths: readonly string[]): string | undefined {
  if (paths.includes(path)) return path;
  return paths.find((p) => p.startsWith(`${path}/`));
}

export { contestantOf };
