/**
 * The end of personal data: when an edition's purge is due, what it takes as input, what it keeps of a
 * registration, and the report the secretariat receives.
 */
import { TZDate } from '@date-fns/tz';
import * as z from 'zod';
import type { Edition } from './edition.ts';
import { localMinute, typographicQuotes } from './labels-zh.ts';
import { renderMail } from './mail/render.ts';
import type { Mail } from './mail/templates.ts';
import type { Registration } from './registration.ts';

export const PurgeInput = z.strictObject({
  action: z.literal('purge-personal-data'),
  competitionId: z.string().min(1),
});
export type PurgeInput = z.infer<typeof PurgeInput>;

/**
 * The instant the purge is due: the end (midnight, in the edition's zone) of the day that lies
 * `personalDataRetentionDays` after the last day of the edition's last final.
 */
export const purgeDueAtMs = (edition: Edition): number =>
  finalsOverMs(edition, edition.settings.personalDataRetentionDays);

/**
 * The end (midnight, in the edition's zone) of the day `daysAfter` days after the last day of the edition's last
 * final: with 0, the instant the finals are over (the nightly summaries stop then).
 */
export function finalsOverMs(edition: Edition, daysAfter = 0): number {
  const lastDay =
    edition.tracks
      .map((t) => t.final.endsOn)
      .sort()
      .at(-1) ?? '';
  const [year, month, day] = lastDay.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, day + daysAfter + 1, 0, 0, 0, edition.timeZone).getTime();
}

/** The schedule of an edition's purge: `purge-<competition>`, once, when it is due. */
export function purgeMoment(edition: Edition): { name: string; atMs: number; input: PurgeInput } {
  return {
    name: `purge-${edition.id}`,
    atMs: purgeDueAtMs(edition),
    input: { action: 'purge-personal-data', competitionId: edition.id },
  };
}

/** What stays of a registration: where it was entered, how it ended, how many people it had. */
export interface PurgedRegistration {
  registrationId: string;
  competitionId: string;
  unitId: string;
  trackId: string;
  groupId: string;
  status: Registration['status'];
  eligibilityStatus: Registration['eligibility']['status'];
  contestantCount: number;
  createdAt: string;
  purgedAt: string;
}

export function purgedRegistration(r: Registration, purgedAt: string): PurgedRegistration {
  return {
    registrationId: r.registrationId,
    competitionId: r.competitionId,
    unitId: r.unitId,
    trackId: r.trackId,
    groupId: r.groupId,
    status: r.status,
    eligibilityStatus: r.eligibility.status,
    contestantCount: r.contestants.length,
    createdAt: r.createdAt,
    purgedAt,
  };
}

/** Anonymous counts of what a purge removed or cleared, by kind. */
export type PurgeCounts = Record<string, number>;

export const addCounts = (a: PurgeCounts, b: PurgeCounts): PurgeCounts => {
  const sum = { ...a };
  for (const [kind, n] of Object.entries(b)) sum[kind] = (sum[kind] ?? 0) + n;
  return sum;
};

/** The words the report uses for each kind the purge counts (anything else is shown by its code). */
const kindWords: Record<string, string> = {
  registrations: '报名记录（个人信息已清除，保留赛项、组别、单位、状态和人数）',
  history: '报名历史记录（已清除说明文字）',
  'people-index': '人员索引与查重记录',
  exclusions: '排除名单（散列值）',
  summaries: '汇总记录',
  mails: '邮件发送记录',
  outbox: '待发布事件',
  idempotency: '幂等记录',
  units: '单位联系人信息（已清除姓名和电话）',
  overrides: '补报授权说明',
  'objects:uploads/': '上传的照片原件',
  'objects:photos/': '选手照片',
  'objects:exports/': '照片导出包',
  'objects:summaries/': '汇总表文件',
};

/** The report to the secretariat: counts only, never a person. */
export function purgeReportMail(edition: Edition, counts: PurgeCounts, finishedAt: string): Mail {
  const kinds = Object.keys(counts).sort();
  return {
    template: 'purge-report',
    ...renderMail({
      subject: `个人信息已按保存期限清除：${typographicQuotes(edition.name)}`,
      greeting: '大赛执委会',
      blocks: [
        {
          paragraph:
            `按照设定的保存期限（决赛结束后 ${edition.settings.personalDataRetentionDays} 天），系统已于 ` +
            `${localMinute(finishedAt, edition.timeZone)}（北京时间）清除本届大赛的个人信息。` +
            '保留的仅为不含个人信息的统计数字。',
        },
        { table: { head: ['内容', '数量'], rows: kinds.map((k) => [kindWords[k] ?? k, String(counts[k])]) } },
        ...(kinds.some((k) => k.startsWith('unreviewed:'))
          ? [
              {
                paragraph:
                  '注意：以 unreviewed: 开头的记录类型尚未纳入清除规则，已原样保留，请联系系统维护人员核查。',
              },
            ]
          : []),
      ],
    }),
  };
}
