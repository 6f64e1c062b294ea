/**
 * The import template's columns: the 总表's contestant columns in 附件4's words, one row per contestant (a team is
 * its rows with the same 队号), and how a filled-in cell becomes a field of the registration body. Pure: reading
 * and writing the file happen in shared/adapters/xlsx.
 */
import type { Edition } from './edition.ts';
import { contestantLabelsZh } from './field-errors-zh.ts';
import { educationZh, genderZh, identityZh, qualificationZh } from './labels-zh.ts';

/** Every field a row can carry; `teamNo` groups rows into a team, the rest are the registration body's. */
export type ImportField =
  | 'teamNo'
  | 'track'
  | 'group'
  | 'name'
  | 'gender'
  | 'idNumber'
  | 'birthDate'
  | 'education'
  | 'major'
  | 'phone'
  | 'address'
  | 'postcode'
  | 'identity'
  | 'qualificationLevel'
  | 'yearsInTrade'
  | 'enrolled'
  | 'leaderName'
  | 'leaderPhone'
  | 'advisorName'
  | 'advisorPhone';

export interface ImportColumn {
  field: ImportField;
  header: string;
  /** Other headers units' own sheets use for it (the 总表's and 附件5's words). */
  aliases?: string[];
  width: number;
  /** A column the file must have (its cells may still be empty where the entry needs no value). */
  required?: boolean;
  /** Formatted as text, so a number typed in keeps every digit. */
  text?: boolean;
  /** A drop-down list of these values. */
  list?: (edition: Edition) => string[];
  /** What the instructions sheet says of the column. */
  hint: string;
}

/** A yes/no declaration cell. */
export const YES = '是';
export const NO = '否';

const unique = (values: string[]) => [...new Set(values)];
const QUALIFICATION_LEVELS = [1, 2, 3, 4, 5, null] as const;

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    field: 'teamNo',
    header: '队号',
    width: 8,
    required: true,
    hint: '团体赛项（人工智能训练师）同一队的两名选手填同一个队号；个人赛项可不填',
  },
  {
    field: 'track',
    header: '参加赛项',
    aliases: ['参赛赛项', '赛项'],
    width: 22,
    required: true,
    list: (e) => e.tracks.map((t) => t.name),
    hint: '从下拉列表中选择',
  },
  {
    field: 'group',
    header: '组别',
    width: 10,
    required: true,
    list: (e) => unique(e.tracks.flatMap((t) => t.groups.map((g) => g.name))),
    hint: '从下拉列表中选择',
  },
  { field: 'name', header: '姓名', width: 10, required: true, hint: '与身份证一致' },
  {
    field: 'gender',
    header: '性别',
    width: 6,
    required: true,
    list: () => Object.values(genderZh),
    hint: '从下拉列表中选择',
  },
  {
    field: 'idNumber',
    header: contestantLabelsZh.idNumber!,
    aliases: ['身份证号', '身份证'],
    width: 21,
    required: true,
    text: true,
    hint: '18位；本列已设为文本格式，请勿改为数字（数字会丢失后几位）',
  },
  {
    field: 'birthDate',
    header: '出生日期',
    width: 12,
    hint: '可不填（从身份证号码读取）；填写时如 2001-05-08',
  },
  {
    field: 'education',
    header: '文化程度',
    width: 14,
    required: true,
    list: () => Object.values(educationZh),
    hint: '从下拉列表中选择',
  },
  { field: 'major', header: '所学专业', width: 18, hint: '可不填' },
  {
    field: 'phone',
    header: contestantLabelsZh.phone!,
    aliases: ['手机', '联系电话'],
    width: 14,
    required: true,
    text: true,
    hint: '11位手机号码',
  },
  { field: 'address', header: '通讯地址', width: 30, required: true, hint: '' },
  { field: 'postcode', header: '邮编', width: 8, required: true, text: true, hint: '6位数字' },
  {
    field: 'identity',
    header: '参加身份',
    width: 8,
    required: true,
    list: () => Object.values(identityZh),
    hint: '从下拉列表中选择',
  },
  {
    field: 'qualificationLevel',
    header: '现职业资格等级',
    aliases: ['职业资格等级'],
    width: 16,
    required: true,
    list: () => QUALIFICATION_LEVELS.map(qualificationZh),
    hint: '从下拉列表中选择；没有的选“无”',
  },
  {
    field: 'yearsInTrade',
    header: '从事本职业年限',
    width: 10,
    hint: '职工无职业资格等级时填写（整数，年）',
  },
  {
    field: 'enrolled',
    header: '全日制在校在籍',
    width: 10,
    list: () => [YES, NO],
    hint: '学生填写：是否为重庆各类院校全日制在校在籍学生',
  },
  {
    field: 'leaderName',
    header: '领队姓名',
    aliases: ['领队'],
    width: 10,
    required: true,
    hint: '同一队填写相同',
  },
  {
    field: 'leaderPhone',
    header: '领队手机号码',
    aliases: ['领队电话'],
    width: 14,
    required: true,
    text: true,
    hint: '同一队填写相同',
  },
  {
    field: 'advisorName',
    header: '指导教师姓名',
    aliases: ['指导教师'],
    width: 10,
    hint: '学生组必填，职工不填；同一队填写相同',
  },
  {
    field: 'advisorPhone',
    header: '指导教师手机号码',
    aliases: ['指导教师电话'],
    width: 14,
    text: true,
    hint: '同上',
  },
];

export const columnOf = (field: ImportField): ImportColumn =>
  IMPORT_COLUMNS.find((c) => c.field === field) as ImportColumn;

/**
 * A header as people type it, made comparable: NFKC turns full-width brackets and letters into their usual
 * forms, and every space and line break goes (Excel headers are often wrapped by hand: `身份证\n号码`).
 */
const normalizeHeader = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\(.*\)$/, '');

const byHeader = new Map<string, ImportField>(
  IMPORT_COLUMNS.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((h) => [normalizeHeader(h), c.field])),
);

/** The field a header names, if it names one; a header such as `身份证号码（18位）` names 身份证号码. */
export const fieldOfHeader = (text: string): ImportField | undefined => byHeader.get(normalizeHeader(text));

/** Rows a file may hold (stated in the template's instructions and the API's description). */
export const IMPORT_ROW_LIMIT = 1000;

/**
 * An import file may be this large: a thousand rows of the template take about 60 KB, so this leaves room for a
 * unit's own formatting and pictures while keeping a file far below what API Gateway and Lambda carry (the body
 * arrives base64-encoded, a third larger).
 */
export const IMPORT_FILE_MAX_BYTES = 2 * 1024 * 1024;
