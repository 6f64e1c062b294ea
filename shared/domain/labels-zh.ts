/** The Chinese words the secretariat reads for the codes the API uses. */
import type { Identity, UnitKind } from './edition.ts';
import type { EligibilityStatus, PhotoStatus, RegistrationStatus } from './registration.ts';
import type { EducationLevel, Gender } from './registration-input.ts';

export const genderZh: Record<Gender, string> = { male: '男', female: '女' };

export const statusZh: Record<RegistrationStatus, string> = {
  submitted: '已提交',
  complete: '报名完成',
  rejected: '未通过',
  withdrawn: '已撤回',
  expired: '已失效',
};

export const eligibilityZh: Record<EligibilityStatus, string> = {
  pending: '待审核',
  passed: '符合',
  failed: '不符合',
  review: '待人工复核',
};

export const photoZh: Record<PhotoStatus, string> = {
  missing: '未上传',
  pending: '审核中',
  accepted: '合格',
  rejected: '不合格',
};

export const identityZh: Record<Identity, string> = { student: '学生', employee: '职工' };

export const unitKindZh: Record<UnitKind, string> = { enterprise: '企业', school: '院校' };

export const educationZh: Record<EducationLevel, string> = {
  'junior-high': '初中',
  'senior-high': '高中',
  'secondary-vocational': '中专/中职/技工',
  associate: '大专/高职',
  bachelor: '本科',
  master: '硕士研究生',
  doctorate: '博士研究生',
};

const levelNames = ['一级/高级技师', '二级/技师', '三级/高级工', '四级/中级工', '五级/初级工'];

export function qualificationZh(level: number | null): string {
  return level === null ? '无' : (levelNames[level - 1] ?? String(level));
}

const QUARTER_HOUR_MS = 900_000;
/**
 * Zone offsets by zone and UTC quarter hour: Intl is slow and summaries format every row, while zones change
 * their offset only at a quarter hour (on the hour almost everywhere).
 */
const offsets = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneOffsetMs(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let formatter = formatters.get(timeZone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
      formatters.set(timeZone, formatter);
    }
    const p: Record<string, number> = {};
    for (const part of formatter.formatToParts(ms)) p[part.type] = Number(part.value);
    const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
    offset = local - (ms - (ms % 60_000));
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The instant as wall-clock time in the zone, read through the UTC getters: `2023-09-01T09:30`. */
function wallClock(instant: string | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString();
}

/** An instant as a day (`2023-09-01`) or a minute (`2023-09-01 09:30`) in the edition's zone. */
export function localDay(instant: string | number, timeZone: string): string {
  return wallClock(instant, timeZone).slice(0, 10);
}

export function localMinute(instant: string | number, timeZone: string): string {
  return wallClock(instant, timeZone).slice(0, 16).replace('T', ' ');
}

/** The notice prints the competition's name with Chinese quotation marks: "巴渝工匠" → “巴渝工匠”. */
export function typographicQuotes(text: string): string {
  let open = true;
  return text.replace(/"/g, () => {
    const mark = open ? '“' : '”';
    open = !open;
    return mark;
  });
}
