/**
 * Every email the system sends, as Chinese text: each says who it is for, which track, what happened and what
 * to do next. ID numbers and phones appear masked only. Bodies are rendered (and escaped) by render.ts.
 */
import { TZDate } from '@date-fns/tz';
import { format, subMinutes } from 'date-fns';
import type { Edition, Track } from '../edition.ts';
import { awaitsCrossEntryDecision } from '../eligibility/awaiting-decision.ts';
import { findingTexts } from '../eligibility/messages.ts';
import { maskIdNumber, maskPhone } from '../masking.ts';
import { photoReasonWords } from '../photo-rules.ts';
import type { Registration, RegistrationStatus } from '../registration.ts';
import { type MailBlock, type RenderedMail, renderMail } from './render.ts';

/** The names of the templates, as recorded in the mail log. */
export type TemplateName =
  | 'receipt-submitted'
  | 'receipt-amended'
  | 'receipt-withdrawn'
  | 'eligibility-result'
  | 'registration-rejected'
  | 'photo-rejected'
  | 'registration-complete'
  | 'deadline-reminder'
  | 'closing-notice'
  | 'closing-report'
  | 'purge-report'
  | 'override-ended-notice'
  | 'override-ended-report';

export interface Mail extends RenderedMail {
  template: TemplateName;
}

/** What every unit mail needs: the edition (its time zone), the track and the unit's name. */
export interface UnitMailContext {
  edition: Edition;
  track: Track;
  unitName: string;
}

const inZone = (iso: string, timeZone: string) => new TZDate(Date.parse(iso), timeZone);

/** `2023年10月13日 08:00` in the edition's zone. */
export function formatInstant(iso: string, timeZone: string): string {
  return format(inZone(iso, timeZone), 'yyyy年M月d日 HH:mm');
}

/** A deadline at midnight reads as the end of the day before (`2023年9月22日24:00`), as the notice words it. */
export function formatDeadline(iso: string, timeZone: string): string {
  const local = inZone(iso, timeZone);
  if (local.getHours() === 0 && local.getMinutes() === 0) {
    return `${format(subMinutes(local, 1), 'yyyy年M月d日')}24:00（北京时间）`;
  }
  return `${format(local, 'yyyy年M月d日 HH:mm')}（北京时间）`;
}

const formatDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const groupName = (track: Track, groupId: string) =>
  track.groups.find((g) => g.id === groupId)?.name ?? groupId;

/** `学生组：张三（身份证 500103********0115，电话 139****0001）、…` */
export function entrySummary(track: Track, r: Registration): string {
  const people = r.contestants
    .map((c) => `${c.name}（身份证 ${maskIdNumber(c.idNumber)}，电话 ${maskPhone(c.phone)}）`)
    .join('、');
  return `${groupName(track, r.groupId)}：${people}（报名编号 ${r.registrationId}）`;
}

const contestantNames = (r: Registration) => r.contestants.map((c) => c.name).join('、');

export const statusWords: Record<RegistrationStatus, string> = {
  submitted: '审核中',
  complete: '报名成功',
  rejected: '未通过审核',
  withdrawn: '已撤回',
  expired: '已作废（截止时未完成）',
};

function unitMail(template: TemplateName, ctx: UnitMailContext, subject: string, blocks: MailBlock[]): Mail {
  return {
    template,
    ...renderMail({ subject: `【${ctx.track.name}】${subject}`, greeting: ctx.unitName, blocks }),
  };
}

const deadlineOf = (ctx: UnitMailContext) => formatDeadline(ctx.track.closesAt, ctx.edition.timeZone);

const receiptWords = {
  submitted: { template: 'receipt-submitted', verb: '提交' },
  amended: { template: 'receipt-amended', verb: '修改' },
  withdrawn: { template: 'receipt-withdrawn', verb: '撤回' },
} as const;

export function receiptMail(ctx: UnitMailContext, r: Registration, action: keyof typeof receiptWords): Mail {
  const { template, verb } = receiptWords[action];
  const next =
    action === 'withdrawn'
      ? `该报名已撤回，所占名额已释放。如仍需参赛，请在${deadlineOf(ctx)}前重新提交报名。`
      : `下一步：请在${deadlineOf(ctx)}前为每位选手上传二寸红底免冠照片；系统将进行资格审核，结果将以邮件通知。`;
  return unitMail(template, ctx, `报名${verb}回执`, [
    {
      paragraph: `贵单位于${formatInstant(r.updatedAt, ctx.edition.timeZone)}${verb}了“${ctx.track.name}”赛项的报名：`,
    },
    { list: [entrySummary(ctx.track, r)] },
    { paragraph: next },
  ]);
}

const findingsOf = (r: Registration) =>
  r.eligibility.findings.filter((f) => f.outcome !== 'passed').map((f) => findingTexts(f).message);

/** Sent when the checks fail or need the secretariat's review (MAILED_ELIGIBILITY_OUTCOMES). */
export function eligibilityMail(ctx: UnitMailContext, r: Registration): Mail {
  const failed = r.eligibility.status === 'failed';
  return unitMail('eligibility-result', ctx, failed ? '资格审核未通过' : '资格需人工复核', [
    {
      paragraph: `贵单位“${ctx.track.name}”赛项的报名（${contestantNames(r)}）${failed ? '未通过资格审核' : '需由大赛执委会人工复核'}：`,
    },
    { list: findingsOf(r) },
    {
      paragraph: failed
        ? `下一步：请在${deadlineOf(ctx)}前修改报名信息（更正信息或更换选手）后重新提交；如有异议请联系大赛执委会。`
        : '下一步：无需重复提交，大赛执委会复核后将以邮件通知结果。',
    },
    { list: [entrySummary(ctx.track, r)] },
  ]);
}

/** The secretariat's decision against an entry (after review, or on its own judgement). */
export function rejectedMail(ctx: UnitMailContext, r: Registration): Mail {
  const findings = findingsOf(r);
  return unitMail('registration-rejected', ctx, '报名未通过审核', [
    {
      paragraph: `经大赛执委会审核，贵单位“${ctx.track.name}”赛项的报名（${contestantNames(r)}）未通过审核，所占名额已释放。`,
    },
    ...(findings.length > 0 ? [{ list: findings }] : []),
    {
      paragraph: `下一步：如需参赛，请在${deadlineOf(ctx)}前提交符合条件的新报名；如有异议请联系大赛执委会。`,
    },
  ]);
}

export function photoRejectedMail(ctx: UnitMailContext, r: Registration): Mail {
  const rejected = r.contestants
    .filter((c) => c.photo.status === 'rejected')
    .map((c) => `${c.name}：${photoReasonWords(c.photo.reasons).join('；') || '照片不符合要求'}`);
  return unitMail('photo-rejected', ctx, '选手照片不合格', [
    { paragraph: `贵单位“${ctx.track.name}”赛项报名中以下选手的照片不合格：` },
    { list: rejected },
    {
      paragraph: `下一步：请在${deadlineOf(ctx)}前重新上传二寸红底免冠照片（正面、免冠、红色背景、清晰无遮挡）。`,
    },
  ]);
}

export function completeMail(ctx: UnitMailContext, r: Registration): Mail {
  const { final } = ctx.track;
  return unitMail('registration-complete', ctx, '报名成功', [
    {
      paragraph: `贵单位“${ctx.track.name}”赛项的报名已通过资格审核，选手照片均已合格，报名成功：`,
    },
    { list: [entrySummary(ctx.track, r)] },
    { heading: '决赛安排' },
    {
      list: [
        `时间：${formatDay(final.startsOn)}至${formatDay(final.endsOn)}`,
        `地点：${final.venue}`,
        `报到时间：${formatInstant(final.checkIn.at, ctx.edition.timeZone)}`,
        `报到地点：${final.venue}${final.checkIn.place}`,
      ],
    },
    { heading: '温馨提示' },
    {
      list: [
        '报到时请现场提交加盖单位公章的纸质选手报名表。',
        '各参赛单位须提前为参赛选手购买意外伤害保险。',
      ],
    },
  ]);
}

export interface EntryGaps {
  registration: Registration;
  missing: string[];
}

/** One mail per unit per reminder, listing every incomplete entry of the unit with its own gaps. */
export function reminderMail(ctx: UnitMailContext, daysBefore: number, entries: EntryGaps[]): Mail {
  return unitMail('deadline-reminder', ctx, `报名将于${daysBefore}天后截止，尚有报名未完成`, [
    {
      paragraph: `“${ctx.track.name}”赛项报名将于${deadlineOf(ctx)}截止。贵单位以下${entries.length}项报名尚未完成：`,
    },
    ...entries.flatMap(({ registration, missing }): MailBlock[] => [
      { heading: entrySummary(ctx.track, registration) },
      { list: missing },
    ]),
    {
      paragraph: '下一步：请在截止前补齐上述事项。截止时仍未完成的报名将作废，不再占用名额。',
    },
  ]);
}

const reasonOf = (r: Registration) => (r.expiredReasons ?? []).join('；');

const AWAITING_DECISION = '待大赛执委会复核（与同赛项其他报名的人员信息需核实），复核结果将以邮件通知';

/** What the closing notice says beside each entry's final state. */
const closingRemark = (r: Registration) => (awaitsCrossEntryDecision(r) ? AWAITING_DECISION : reasonOf(r));

/** One row per entry: its id, group, contestants, state and why it expired. */
const finalStates = (track: Track, entries: Registration[]): MailBlock => ({
  table: {
    head: ['报名编号', '组别', '选手', '最终状态', '说明'],
    rows: entries.map((r) => [
      r.registrationId,
      groupName(track, r.groupId),
      contestantNames(r),
      statusWords[r.status],
      closingRemark(r),
    ]),
  },
});

const finalNextStep: MailBlock = {
  paragraph: '下一步：报名成功的选手请按决赛安排报到；已作废的报名不再有效，如有特殊情况请联系大赛执委会。',
};

/**
 * Each of the unit's entries in the track with its final state; a unit whose override is still open
 * (`waitingUntil`) is told that its unfinished entries stay until then.
 */
export function closingNoticeMail(
  ctx: UnitMailContext,
  entries: Registration[],
  waitingUntil?: string,
): Mail {
  return unitMail('closing-notice', ctx, '报名已截止，报名最终结果', [
    {
      paragraph: `“${ctx.track.name}”赛项报名已于${deadlineOf(ctx)}截止。贵单位各项报名的最终状态如下：`,
    },
    finalStates(ctx.track, entries),
    ...(waitingUntil
      ? [
          {
            paragraph: `贵单位获准补报至${formatDeadline(waitingUntil, ctx.edition.timeZone)}：审核中的报名请在此之前补齐，届时仍未完成的报名将作废，不再占用名额。`,
          },
        ]
      : []),
    finalNextStep,
  ]);
}

/** At the end of the unit's override: each of its entries in the track with its final state. */
export function overrideEndedMail(ctx: UnitMailContext, entries: Registration[], until: string): Mail {
  return unitMail('override-ended-notice', ctx, '补报期限已结束，报名最终结果', [
    {
      paragraph: `贵单位“${ctx.track.name}”赛项的补报期限已于${formatDeadline(until, ctx.edition.timeZone)}结束。各项报名的最终状态如下：`,
    },
    finalStates(ctx.track, entries),
    finalNextStep,
  ]);
}

/** The secretariat's notice of a unit's override ending: the unit's entries with their final states. */
export function overrideEndedReportMail(ctx: UnitMailContext, entries: Registration[], until: string): Mail {
  return {
    template: 'override-ended-report',
    ...renderMail({
      subject: `【${ctx.track.name}】${ctx.unitName}补报期限结束`,
      greeting: '大赛执委会',
      blocks: [
        {
          paragraph: `${ctx.unitName}“${ctx.track.name}”赛项的补报期限已于${formatDeadline(until, ctx.edition.timeZone)}结束，仍未完成的报名已作废。该单位各项报名的最终状态如下：`,
        },
        finalStates(ctx.track, entries),
      ],
    }),
  };
}

export interface ClosingReport {
  /** Entries by state. */
  counts: Record<RegistrationStatus, number>;
  /** Per group and unit: [group name, unit name, complete, expired, other]. */
  byGroupAndUnit: Array<{
    groupId: string;
    unitName: string;
    complete: number;
    expired: number;
    other: number;
  }>;
  expired: Array<{ unitName: string; registration: Registration }>;
  /** Entries the closing left for the secretariat's decision on a conflict with another entry. */
  awaitingDecision: Array<{ unitName: string; registration: Registration }>;
  /** Incomplete entries of units whose override is still open: they expire at its end (`until`) if still so. */
  waiting: Array<{ unitName: string; until: string; registration: Registration }>;
}

/** A headed table of entries of the report, one row per entry with what the report says of it. */
function entriesSection(
  track: Track,
  heading: string,
  remarkHead: string,
  entries: ClosingReport['expired'],
  remark: (r: Registration) => string,
): MailBlock[] {
  if (entries.length === 0) return [{ heading }, { paragraph: '无。' }];
  const rows = entries.map(({ unitName, registration: r }) => [
    unitName,
    r.registrationId,
    groupName(track, r.groupId),
    contestantNames(r),
    remark(r),
  ]);
  return [{ heading }, { table: { head: ['单位', '报名编号', '组别', '选手', remarkHead], rows } }];
}

/** The secretariat's report of a closed track: counts, expired entries and why, and the finalists target. */
export function closingReportMail(edition: Edition, track: Track, report: ClosingReport): Mail {
  const finalists = report.counts.complete;
  const target = edition.settings.finalistGoal;
  const unit = track.mode === 'team' ? '支参赛队' : '名选手';
  const blocks: MailBlock[] = [
    {
      paragraph: `“${track.name}”赛项报名已于${formatDeadline(track.closesAt, edition.timeZone)}截止。`,
    },
    {
      paragraph: `报名成功 ${finalists}${unit}，${finalists >= target ? '已达到' : '未达到'}通知要求的不少于${target}${unit}。`,
    },
    {
      list: (Object.keys(statusWords) as RegistrationStatus[]).map(
        (s) => `${statusWords[s]}：${report.counts[s]}`,
      ),
    },
    { heading: '各组别、各单位报名情况' },
    {
      table: {
        head: ['组别', '单位', '报名成功', '已作废', '其他'],
        rows: report.byGroupAndUnit.map((row) => [
          groupName(track, row.groupId),
          row.unitName,
          String(row.complete),
          String(row.expired),
          String(row.other),
        ]),
      },
    },
    ...entriesSection(track, `已作废的报名（${report.expired.length}）`, '原因', report.expired, reasonOf),
    ...entriesSection(
      track,
      `待大赛执委会复核的报名（${report.awaitingDecision.length}）`,
      '待复核事项',
      report.awaitingDecision,
      () => '与同赛项其他报名的人员信息冲突，截止时未作废，请在复核队列中决定',
    ),
    ...waitingBlocks(edition, track, report.waiting),
  ];
  return {
    template: 'closing-report',
    ...renderMail({ subject: `【${track.name}】报名截止报告`, greeting: '大赛执委会', blocks }),
  };
}

/** The report's list of entries that wait for their unit's override to end; nothing when there are none. */
function waitingBlocks(edition: Edition, track: Track, waiting: ClosingReport['waiting']): MailBlock[] {
  if (waiting.length === 0) return [];
  return [
    { heading: `等待补报期限结束的报名（${waiting.length}）` },
    {
      table: {
        head: ['单位', '报名编号', '组别', '选手', '补报截止'],
        rows: waiting.map(({ unitName, until, registration: r }) => [
          unitName,
          r.registrationId,
          groupName(track, r.groupId),
          contestantNames(r),
          formatDeadline(until, edition.timeZone),
        ]),
      },
    },
    { paragraph: '补报期限结束时仍未完成的报名将作废，届时另行报告。' },
  ];
}
