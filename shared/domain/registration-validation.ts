import * as z from 'zod';
import { type Account, accountRoles } from './access.ts';
import { type Edition, findGroup, findTrack, type Group, Identity, UnitKind } from './edition.ts';
import { fieldError, finishReport, fromZodIssues, type Validated } from './field-errors.ts';
import { contestantLabelsZh } from './field-errors-zh.ts';
import { isCalendarDate, parseIdNumber } from './id-number.ts';
import { type Portal, portalScopes } from './portal.ts';
import {
  type ContestantInput,
  educationLevels,
  type FieldError,
  genders,
  type RegistrationInput,
} from './registration-input.ts';
import type { Unit } from './unit.ts';

/**
 * Validation of the registration body (design.md) and of the unit body of `POST /v1/units`. Two passes, both
 * always run, so a body gets every error at once: zod checks each field on its own, then the entry rules check
 * the fields against each other and against the edition, on whichever fields are readable.
 */

// ---------------------------------------------------------------------------------------------------------------
// Text fields: trimmed, then checked by rules in order; a field reports the first rule it breaks.

interface Rule {
  code: string;
  message: string;
  test: (value: string) => boolean;
}

function text(rules: Rule[], prepare: (value: string) => string = (value) => value.trim()) {
  return z
    .string()
    .overwrite(prepare)
    .check((ctx) => {
      const broken = rules.find((rule) => !rule.test(ctx.value));
      if (broken) {
        ctx.issues.push({
          code: 'custom',
          message: broken.message,
          params: { code: broken.code },
          input: ctx.value,
        });
      }
    });
}

/** Counts code points (a rare Han character is two UTF-16 units) without spreading a huge string. */
const atMostChars = (value: string, max: number) =>
  value.length <= max || (value.length <= 2 * max && Array.from(value).length <= max);

const rule = (code: string, message: string, test: (value: string) => boolean): Rule => ({
  code,
  message,
  test,
});
const required = rule('REQUIRED', 'must not be empty', (v) => v.length > 0);
const maxChars = (max: number) =>
  rule('TOO_LONG', `must be at most ${max} characters`, (v) => atMostChars(v, max));
const plainText = rule(
  'INVALID_VALUE',
  'must not contain control or invisible formatting characters (tabs, line breaks, ...)',
  (v) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(v),
);
/** A cell starting with one of these is a formula to a spreadsheet (the secretariat's exports). */
const notFormula = rule(
  'FORMULA_LIKE',
  'must not start with =, +, - or @ (a spreadsheet would read it as a formula)',
  (v) => !/^[=+\-@]/.test(v),
);

/** Letters of a name: Han characters (Chinese) and Latin letters (pinyin, foreign names). */
const LETTERS = '[\\p{Script=Han}\\p{Script=Latin}]+';
const PERSON_NAME = new RegExp(`^${LETTERS}(?:[ ·]${LETTERS})*$`, 'u');
const personName = rule(
  'INVALID_NAME',
  'name (姓名) may hold only Chinese characters, Latin letters, the middle dot · and single spaces between words',
  (v) => PERSON_NAME.test(v),
);
const unitName = rule(
  'INVALID_NAME',
  'unit name (单位名称) may hold only Chinese characters, Latin letters, digits, brackets （）(), ·, - and spaces',
  (v) => /^[\p{Script=Han}\p{Script=Latin}0-9（）()·\- ]+$/u.test(v),
);
/** NFC, and the dots people type in names such as 买买提·艾力 (・ • ‧ ･) become the middle dot U+00B7. */
const normaliseName = (value: string, form: 'NFC' | 'NFKC' = 'NFC') =>
  value
    .normalize(form)
    .replace(/[・•‧･]/gu, '·')
    .trim();

/**
 * Characters that look like others: Kangxi radicals (⼈ for 人), the CJK radicals supplement (⺅), and full-width
 * ASCII (Ｌｉ for Li). A person's name holding them could dodge the name-and-phone matching between entries
 * (eligibility/people.ts), so they are refused rather than silently mapped; every other compatibility form is
 * folded by NFKC (ligatures, the ideographic space).
 */
const LOOKALIKE = /[\u2E80-\u2EFF\u2F00-\u2FDF\uFF01-\uFF5E]/u;
const noLookalike = rule(
  'LOOKALIKE_CHARACTER',
  'name (姓名) must be typed in ordinary characters: Kangxi or CJK radicals (⼈) and full-width letters (Ｌ) are refused',
  (v) => !LOOKALIKE.test(v),
);

const mobile = rule('INVALID_PHONE', 'must be a mainland mobile number: 11 digits starting 13-19', (v) =>
  /^1[3-9][0-9]{9}$/.test(v),
);
const mobileOrLandline = rule(
  'INVALID_PHONE',
  'must be a mainland mobile number (11 digits) or a landline with its area code (023-12345678)',
  (v) => /^(?:1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/.test(v),
);
const EmailFormat = z.email();
const email = rule('INVALID_EMAIL', 'must be an email address', (v) => EmailFormat.safeParse(v).success);

/** A person's name: look-alike characters refused as typed, then NFKC-normalised and checked. */
const Name = text([noLookalike]).pipe(
  text([required, maxChars(40), personName], (value) => normaliseName(value, 'NFKC')),
);
const MobilePhone = text([required, mobile]);
const Contact = z.strictObject({ name: Name, phone: MobilePhone });

// ---------------------------------------------------------------------------------------------------------------
// The registration body.

/** The largest team an edition may define (TrackSchema's bound); a longer list is not looked into. */
const MAX_CONTESTANTS = 10;
const Gender = z.enum(genders);

const IdNumber = z.string().transform((raw, ctx) => {
  const parsed = parseIdNumber(raw);
  if (parsed.ok) return parsed.value;
  ctx.issues.push({ code: 'custom', message: parsed.message, params: { code: parsed.code }, input: raw });
  return z.NEVER;
});

/** A contestant's field described by 附件4's label, as the OpenAPI document and the web form name it. */
const labelled = (field: string) => ({ description: contestantLabelsZh[field] });

export const Contestant = z
  .strictObject({
    name: Name.meta(labelled('name')),
    gender: Gender.meta(labelled('gender')),
    idNumber: IdNumber.meta(labelled('idNumber')),
    birthDate: z
      .string()
      .refine(isCalendarDate, { message: 'must be a real date YYYY-MM-DD', params: { code: 'INVALID_DATE' } })
      .optional()
      .meta(labelled('birthDate')),
    education: z.enum(educationLevels).meta(labelled('education')),
    major: text([maxChars(50), plainText, notFormula])
      .optional()
      .meta(labelled('major')),
    phone: MobilePhone.meta(labelled('phone')),
    address: text([required, maxChars(100), plainText, notFormula]).meta(labelled('address')),
    postcode: text([
      required,
      rule('INVALID_POSTCODE', 'must be 6 digits (邮编)', (v) => /^[0-9]{6}$/.test(v)),
    ]).meta(labelled('postcode')),
    identity: Identity.meta(labelled('identity')),
    qualificationLevel: z.number().int().min(1).max(5).nullable().meta(labelled('qualificationLevel')),
    yearsInTrade: z.number().int().min(0).max(60).optional().meta(labelled('yearsInTrade')),
    declarations: z
      .strictObject({
        fullTimeEnrolledInChongqing: z.boolean().optional().meta(labelled('fullTimeEnrolledInChongqing')),
        chinaSkillsAward: z.boolean().optional().meta(labelled('chinaSkillsAward')),
        nationalTechnicalExpert: z.boolean().optional().meta(labelled('nationalTechnicalExpert')),
        secondNationalCompetitionAiRole: z
          .boolean()
          .optional()
          .meta(labelled('secondNationalCompetitionAiRole')),
        postType: z.enum(['worker', 'cadre']).optional().meta(labelled('postType')),
      })
      .optional()
      .meta(labelled('declarations')),
  })
  .transform(
    ({ idNumber, ...rest }): ContestantInput => ({
      ...rest,
      idNumber: idNumber.idNumber,
      birthDate: idNumber.birthDate,
    }),
  )
  // Named by the registration body's list through its override only, so the document renders it as input.
  .meta({ id: 'Contestant', unusedIO: 'input' });

export const RegistrationBody = z
  .strictObject({
    trackId: z.string(),
    groupId: z.string(),
    leader: Contact,
    advisor: Contact.optional(),
    contestants: z
      .array(z.unknown())
      .refine((list) => list.length <= MAX_CONTESTANTS, {
        message: `an entry has at most ${MAX_CONTESTANTS} contestants`,
        params: { code: 'TEAM_SIZE' },
      })
      .pipe(z.array(Contestant))
      .meta({
        // The list is checked before its items, so its input is a list of anything to JSON Schema: the OpenAPI
        // document names the items it takes (the Contestant component).
        override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
          jsonSchema.items = { $ref: '#/components/schemas/Contestant' };
          jsonSchema.maxItems = MAX_CONTESTANTS;
        },
      }),
  })
  .meta({ id: 'RegistrationBody' });

export function validateRegistrationInput(edition: Edition, body: unknown): Validated<RegistrationInput> {
  const parsed = RegistrationBody.safeParse(body, { reportInput: true });
  const errors = finishReport([
    ...entryRuleErrors(edition, body),
    ...(parsed.success ? [] : fromZodIssues(parsed.error.issues)),
  ]);
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, value: parsed.data };
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The rules between fields, and between the body and the edition; each looks only at fields it can read. */
function entryRuleErrors(edition: Edition, body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const entry = asRecord(body);

  const track = typeof entry.trackId === 'string' ? findTrack(edition, entry.trackId) : undefined;
  if (typeof entry.trackId === 'string' && !track) {
    const known = edition.tracks.map((t) => t.id).join(', ');
    errors.push(fieldError(['trackId'], 'UNKNOWN_TRACK', `track (赛项) must be one of: ${known}`));
  }
  const group = track && typeof entry.groupId === 'string' ? findGroup(track, entry.groupId) : undefined;
  if (track && typeof entry.groupId === 'string' && !group) {
    const known = track.groups.map((g) => g.id).join(', ');
    const message = `group (组别) of ${track.id} must be one of: ${known}`;
    errors.push(fieldError(['groupId'], 'UNKNOWN_GROUP', message));
  }

  const list = Array.isArray(entry.contestants) ? entry.contestants : [];
  if (track && Array.isArray(entry.contestants) && list.length !== track.teamSize) {
    const message = `${track.id} entries have exactly ${track.teamSize} contestant(s) (选手), not ${list.length}`;
    errors.push(fieldError(['contestants'], 'TEAM_SIZE', message));
  }
  const contestants = list.length <= MAX_CONTESTANTS ? list.map(asRecord) : [];
  errors.push(...contestantRuleErrors(contestants, group));
  if (group) errors.push(...advisorRuleErrors(group, entry.advisor !== undefined, contestants));
  return errors;
}

/** Gender and birth date against the ID number, identity against the group, no person twice. */
function contestantRuleErrors(
  contestants: Record<string, unknown>[],
  group: Group | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  contestants.forEach((contestant, i) => {
    const at = (field: string) => ['contestants', i, field];
    const id = parseIdNumber(contestant.idNumber);
    const { gender, birthDate } = contestant;
    if (id.ok && Gender.safeParse(gender).success && gender !== id.value.gender) {
      const message = `gender (性别) must be ${id.value.gender}, as the ID number's 17th digit says`;
      errors.push(fieldError(at('gender'), 'GENDER_MISMATCH', message));
    }
    if (
      id.ok &&
      typeof birthDate === 'string' &&
      isCalendarDate(birthDate) &&
      birthDate !== id.value.birthDate
    ) {
      // Not the ID number's date itself: errors never spell a birth date out.
      const message = 'birth date (出生日期) must be the one in the ID number';
      errors.push(fieldError(at('birthDate'), 'BIRTH_DATE_MISMATCH', message));
    }
    const first = id.ok ? seen.get(id.value.idNumber) : undefined;
    if (id.ok && first === undefined) seen.set(id.value.idNumber, i);
    if (first !== undefined) {
      errors.push(fieldError(at('idNumber'), 'DUPLICATE_PERSON', `same ID number as contestant ${first}`));
    }
    const identity = Identity.safeParse(contestant.identity);
    if (group && identity.success && !group.identities.includes(identity.data)) {
      const message = `identity (参加身份) in group ${group.id} must be one of: ${group.identities.join(', ')}`;
      errors.push(fieldError(at('identity'), 'IDENTITY_NOT_ALLOWED', message));
    }
  });
  return errors;
}

function advisorRuleErrors(
  group: Group,
  hasAdvisor: boolean,
  contestants: Record<string, unknown>[],
): FieldError[] {
  if (group.advisor === 'required' && !hasAdvisor) {
    return [fieldError(['advisor'], 'ADVISOR_REQUIRED', `group ${group.id} needs an advisor (指导教师)`)];
  }
  if (!hasAdvisor || group.advisor === 'required') return [];
  if (group.advisor === 'none') {
    return [fieldError(['advisor'], 'ADVISOR_NOT_ALLOWED', `group ${group.id} has no advisor (指导教师)`)];
  }
  const nonStudent = contestants.some(
    (c) => Identity.safeParse(c.identity).success && c.identity !== 'student',
  );
  const message = 'an advisor (指导教师) is allowed only when every contestant is a student';
  return nonStudent ? [fieldError(['advisor'], 'ADVISOR_NOT_ALLOWED', message)] : [];
}

// ---------------------------------------------------------------------------------------------------------------
// The unit body of POST /v1/units.

/** A unit as its creator describes it; the system gives it its id and creation instant. */
export type UnitInput = Omit<Unit, 'unitId' | 'createdAt' | 'createdBy' | 'createdByName'>;

export const UnitBody = z
  .strictObject({
    name: text([required, maxChars(100), notFormula, unitName], normaliseName),
    kind: UnitKind,
    district: text([required, maxChars(20), plainText, notFormula]).optional(),
    contact: z.strictObject({
      name: Name,
      phone: text([required, mobileOrLandline]),
      email: text([required, maxChars(254), email]),
    }),
  })
  .meta({ id: 'UnitBody' });

export function validateUnitInput(body: unknown): Validated<UnitInput> {
  const parsed = UnitBody.safeParse(body, { reportInput: true });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: finishReport(fromZodIssues(parsed.error.issues)) };
}

// ---------------------------------------------------------------------------------------------------------------
// The account body of POST /v1/accounts.

/** A secretariat account as an admin describes it; the system gives it its id, creation instant and creator. */
export type AccountInput = Pick<Account, 'name' | 'email' | 'role'>;

export const AccountBody = z
  .strictObject({
    name: Name,
    email: text([required, maxChars(254), email]),
    role: z.enum(accountRoles),
  })
  .meta({ id: 'AccountBody' });

export function validateAccountInput(body: unknown): Validated<AccountInput> {
  const parsed = AccountBody.safeParse(body, { reportInput: true });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: finishReport(fromZodIssues(parsed.error.issues)) };
}

// ---------------------------------------------------------------------------------------------------------------
// The portal body of POST /v1/portals.

/** A portal client as an admin describes it; the system gives it its id, creation instant and creator. */
export type PortalInput = Pick<Portal, 'name' | 'contact' | 'unitIds' | 'districts' | 'scopes'>;

/** The district names a unit's record holds (UnitBody's `district`). */
const District = text([required, maxChars(20), plainText, notFormula]);

export const PortalBody = z
  .strictObject({
    name: text([required, maxChars(100), notFormula, unitName], normaliseName),
    contact: z.strictObject({
      name: Name,
      email: text([required, maxChars(254), email]),
      phone: text([required, mobileOrLandline]).optional(),
    }),
    unitIds: z
      .array(z.string().regex(/^unit_[A-Za-z0-9]{1,40}$/, 'must be a unit id (unit_…)'))
      .max(500)
      .default([])
      .meta({ description: 'the units it may act for', examples: [['unit_01HB8Z6Q3J5Y7M2N4P6R8T0V2X']] }),
    districts: z
      .array(District)
      .max(50)
      .default([])
      .meta({ description: 'every unit of these districts (区县) too', examples: [['九龙坡区']] }),
    scopes: z.array(z.enum(portalScopes)).min(1).meta({ description: 'what its key may do' }),
  })
  .refine((p) => p.unitIds.length > 0 || p.districts.length > 0, {
    message: 'name at least one unit or district the portal may act for',
    path: ['unitIds'],
  })
  .meta({ id: 'PortalBody' });

export function validatePortalInput(body: unknown): Validated<PortalInput> {
  const parsed = PortalBody.safeParse(body, { reportInput: true });
  return parsed.success
    ? {
        ok: true,
        value: {
          ...parsed.data,
          unitIds: [...new Set(parsed.data.unitIds)],
          districts: [...new Set(parsed.data.districts)],
          scopes: [...new Set(parsed.data.scopes)],
        },
      }
    : { ok: false, errors: finishReport(fromZodIssues(parsed.error.issues)) };
}
