/**
 * What still stands between an entry and 报名成功, in the words a unit reads: the reminders list it, and an
 * entry that expires keeps it as its reason.
 */
import type { Registration } from './registration.ts';

const eligibilityGap = {
  pending: '资格审核尚未完成',
  review: '资格需大赛执委会人工复核，请留意复核结果',
  failed: '资格审核未通过，请修改报名信息',
  passed: undefined,
} as const;

export function missingItems(r: Pick<Registration, 'eligibility' | 'contestants'>): string[] {
  const items: string[] = [];
  const eligibility = eligibilityGap[r.eligibility.status];
  if (eligibility) items.push(eligibility);
  for (const c of r.contestants) {
    if (c.photo.status === 'missing') items.push(`选手${c.name}未上传照片`);
    if (c.photo.status === 'pending') items.push(`选手${c.name}的照片正在审核`);
    if (c.photo.status === 'rejected') {
      const why = c.photo.reasons.length > 0 ? `（${c.photo.reasons.join('；')}）` : '';
      items.push(`选手${c.name}的照片不合格${why}，请重新上传`);
    }
  }
  return items;
}
