/**
 * Field errors of a registration body in the Chinese a unit reads, with 附件4's labels. The validators report
 * codes and English messages (field-errors.ts); this turns each into Chinese from its code, its path and, where
 * the code alone cannot say what is wrong (an ID number), the value that was sent. The web form shows these next
 * to its inputs; the API can add them beside the English (issue 12).
 */

import { AppError } from './errors.ts';
import { parseIdNumber } from './id-number.ts';
import { identityZh } from './labels-zh.ts';
import type { FieldError } from './registration-input.ts';

/** The label of each field of a contestant, as 附件4 prints it. */
export const contestantLabelsZh: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  idNumber: '身份证号码',
  birthDate: '出生日期',
  education: '文化程度',
  major: '所学专业',
  phone: '手机号码',
  address: '通讯地址',
  postcode: '邮编',
  identity: '参加身份',
  qualificationLevel: '现职业资格等级',
  yearsInTrade: '从事本职业年限',
  declarations: '声明',
  fullTimeEnrolledInChongqing: '全日制在校在籍声明',
  chinaSkillsAward: '“中华技能大奖”声明',
  nationalTechnicalExpert: '“全国技术能手”声明',
  secondNationalCompetitionAiRole: '第二届职业技能大赛声明',
  postType: '岗位类别',
};

const entryLabelsZh: Record<string, string> = {
  '/trackId': '参加赛项',
  '/groupId': '组别',
  '/leader': '领队',
  '/leader/name': '领队姓名',
  '/leader/phone': '领队手机号码',
  '/advisor': '指导教师',
  '/advisor/name': '指导教师姓名',
  '/advisor/phone': '指导教师手机号码',
  '/contestants': '选手',
};

/** Fields chosen from a list (a missing one is "请选择", not "请填写"). */
const CHOSEN = new Set([
  'trackId',
  'groupId',
  'gender',
  'education',
  'identity',
  'qualificationLevel',
  'postType',
]);

const CONTESTANT_PATH = /^\/contestants\/(\d+)\/(?:declarations\/)?([^/]+)$/;

/** Which contestant (0-based) a path concerns, if any. */
export function contestantOf(path: string): number | undefined {
  const match = /^\/contestants\/(\d+)(?:\/|$)/.exec(path);
  return match ? Number(match[1]) : undefined;
}

/** The field's own label (身份证号码), without the contestant. */
export function fieldLabelZh(path: string): string {
  const contestant = CONTESTANT_PATH.exec(path);
  if (contestant) return contestantLabelsZh[contestant[2]!] ?? '信息';
  return entryLabelsZh[path] ?? '信息';
}

/** The label with its contestant: 选手2 身份证号码. */
export function fieldPlaceZh(path: string): string {
  const index = contestantOf(path);
  const label = fieldLabelZh(path);
  return index === undefined ? label : `选手${index + 1} ${label}`;
}

const idNumberReasonZh = {
  length: (value: string) => `身份证号码应为18位，现在是${Array.from(value).length}位`,
  format: () => '身份证号码应为17位数字加最后1位数字或X',
  region: () => '身份证号码的前两位不是有效的省份代码',
  'birth-date': () => '身份证号码中的出生日期不是有效日期',
  'check-digit': () => '身份证号码的校验位（最后一位）不正确，请逐位核对',
} as const;

/** The reason an ID number was refused: from the value when we have it, else from the English message. */
function idNumberZh(error: FieldError, value: unknown): string {
  if (typeof value === 'string') {
    const parsed = parseIdNumber(value);
    if (!parsed.ok) return idNumberReasonZh[parsed.reason](value);
  }
  const m = error.message;
  if (/check digit/.test(m)) return idNumberReasonZh['check-digit']();
  if (/province/.test(m)) return idNumberReasonZh.region();
  if (/birth date/.test(m)) return idNumberReasonZh['birth-date']();
  if (/18 characters, not/.test(m)) return '身份证号码应为18位';
  return idNumberReasonZh.format();
}

const firstNumber = (text: string): string | undefined => /(\d+)/.exec(text)?.[1];

/** One field error in Chinese, naming the field (without its contestant: the place says that). */
export function fieldErrorZh(error: FieldError, value?: unknown): string {
  const label = fieldLabelZh(error.path);
  const last = error.path.split('/').pop() ?? '';
  switch (error.code) {
    case 'REQUIRED':
      return CHOSEN.has(last) ? `请选择${label}` : `请填写${label}`;
    case 'TOO_LONG':
      return `${label}太长，最多${firstNumber(error.message) ?? ''}个字`;
    case 'INVALID_NAME':
      return `${label}只能包含汉字、拉丁字母、间隔号“·”和词之间的单个空格`;
    case 'LOOKALIKE_CHARACTER':
      return `${label}请用普通字符输入，不要用康熙部首（如⼈）或全角字母（如Ｌ）`;
    case 'INVALID_PHONE':
      return `${label}应为11位手机号码（以13至19开头）`;
    case 'INVALID_EMAIL':
      return `${label}应为有效的电子邮箱地址`;
    case 'INVALID_ID_NUMBER':
      return idNumberZh(error, value);
    case 'INVALID_POSTCODE':
      return `${label}应为6位数字`;
    case 'INVALID_DATE':
      return `${label}应为真实的日期`;
    case 'FORMULA_LIKE':
      return `${label}不能以 =、+、- 或 @ 开头`;
    case 'GENDER_MISMATCH':
      return '性别与身份证号码不符（第17位奇数为男，偶数为女）';
    case 'BIRTH_DATE_MISMATCH':
      return '出生日期与身份证号码中的不一致';
    case 'DUPLICATE_PERSON': {
      const other = firstNumber(error.message);
      return `身份证号码与选手${other === undefined ? '' : Number(other) + 1}相同，同一人只能报名一次`;
    }
    case 'IDENTITY_NOT_ALLOWED': {
      const allowed = (/one of: (.*)$/.exec(error.message)?.[1] ?? '')
        .split(', ')
        .map((id) => identityZh[id as keyof typeof identityZh] ?? id)
        .join('或');
      return allowed ? `本组别的参加身份只能是${allowed}` : '本组别不接受此参加身份';
    }
    case 'ADVISOR_REQUIRED':
      return '本组别须填写指导教师';
    case 'ADVISOR_NOT_ALLOWED':
      return /only when/.test(error.message)
        ? '只有选手都是学生时才可填写指导教师'
        : '本组别不设指导教师，请不要填写';
    case 'TEAM_SIZE': {
      const size = /exactly (\d+)/.exec(error.message)?.[1];
      return size ? `本赛项每条报名须有${size}名选手` : '选手人数不正确';
    }
    case 'UNKNOWN_TRACK':
      return '请选择参加赛项';
    case 'UNKNOWN_GROUP':
      return '请选择组别';
    case 'UNKNOWN_FIELD':
      return `${label}不是报名表中的项目`;
    case 'INVALID_TYPE':
      return last === 'yearsInTrade' ? `${label}应为整数（年）` : `${label}的格式不正确`;
    case 'INVALID_VALUE':
      if (last === 'yearsInTrade') return `${label}应为0至60之间的整数（年）`;
      if (/control or invisible/.test(error.message)) return `${label}不能包含换行、制表符等特殊字符`;
      return CHOSEN.has(last) ? `请从列表中选择${label}` : `${label}填写不正确`;
    default:
      return `${label}填写不正确`;
  }
}

/** The value a JSON pointer names in the body, if there is one (`/contestants/0/idNumber`). */
function valueAt(body: unknown, path: string): unknown {
  let value = body;
  for (const key of path.split('/').slice(1)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * A registration body refused, as the API answers it (422): every field error with its Chinese message
 * (`messageZh`) beside the English, so that a unit's clerk and a portal's form can show what 附件4 would say.
 */
export function invalidRegistration(errors: FieldError[], body: unknown): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    'the registration has invalid fields',
    errors.map((error) => ({ ...error, messageZh: fieldErrorZh(error, valueAt(body, error.path)) })),
  );
}
