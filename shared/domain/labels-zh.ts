/** The Chinese words the secretariat reads for the codes the API uses. */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
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

/** An instant as a day (`2023-09-01`) or a minute (`2023-09-01 09:30`) in the edition's zone. */
export function localDay(instant: string | number, timeZone: string): string {
  return format(new TZDate(new Date(instant).getTime(), timeZone), 'yyyy-MM-dd');
}

export function localMinute(instant: string | number, timeZone: string): string {
  return format(new TZDate(new Date(instant).getTime(), timeZone), 'yyyy-MM-dd HH:mm');
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
