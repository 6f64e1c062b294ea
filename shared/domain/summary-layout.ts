/**
 * The summary workbook's sheets, laid out as the secretariat expects them: 附件5 参赛信息汇总表 per unit exactly as
 * the notice prints it, a master sheet of every contestant, statistics, and what every unfinished entry lacks.
 * Pure: it turns registrations into rows; reading them and writing the file happen elsewhere.
 */
import { type Edition, findGroup, findTrack, type Track, type UnitKind, unitKinds } from './edition.ts';
import { findingTexts } from './eligibility/messages.ts';
import {
  educationZh,
  eligibilityZh,
  genderZh,
  identityZh,
  localDay,
  localMinute,
  photoZh,
  qualificationZh,
  statusZh,
  typographicQuotes,
  unitKindZh,
} from './labels-zh.ts';
import { type Gap, missingGaps, type StateGapCode } from './missing.ts';
import { photoReasonWords } from './photo-rules.ts';
import type { Registration } from './registration.ts';
import { type CellValue, columnLetter, type SheetRow, type SheetSpec, safeText, sheetName } from './sheet.ts';
import { type Counts, countsOf, type SummaryTally, type UnitInfo } from './summary-tally.ts';

const row = (style: SheetRow['style'], cells: CellValue[]): SheetRow => ({ style, cells });

const trackName = (edition: Edition, trackId: string) => findTrack(edition, trackId)?.name ?? trackId;
const groupName = (edition: Edition, r: Registration) => {
  const track = findTrack(edition, r.trackId);
  const group = track ? findGroup(track, r.groupId) : undefined;
  return group?.name ?? r.groupId;
};

// ---------------------------------------------------------------------------------------------------------
// 附件5 参赛信息汇总表: one sheet per unit.

/** The columns of 附件5, in the notice's order; the last two are the halves of 指导教师（领队）信息. */
export const ATTACHMENT5_HEADERS = ['序号', '参赛赛项', '姓名', '性别', '身份证号', '联系电话'] as const;
export const ATTACHMENT5_CONTACT_HEADER = '指导教师（领队）信息';
export const ATTACHMENT5_CONTACT_COLUMNS = ['姓名', '联系电话'] as const;
export const ATTACHMENT5_TITLE = '参赛信息汇总表';

/** Rows above the first contestant: two title lines, the unit/date line and two header lines. */
export const ATTACHMENT5_HEADER_ROWS = 5;

export function attachment5Spec(serial: number, unitName: string): SheetSpec {
  return {
    name: sheetName(`${serial} ${unitName}`),
    columns: [
      { width: 6 },
      { width: 24 },
      { width: 10 },
      { width: 6 },
      { width: 22, text: true },
      { width: 14, text: true },
      { width: 10 },
      { width: 14, text: true },
    ],
    // Titles across the page; 报名单位 over 序号..身份证号 and 报名日期 over the rest; the two-line header.
    merges: [
      'A1:H1',
      'A2:H2',
      'A3:E3',
      'F3:H3',
      'A4:A5',
      'B4:B5',
      'C4:C5',
      'D4:D5',
      'E4:E5',
      'F4:F5',
      'G4:H4',
    ],
    frozenRows: ATTACHMENT5_HEADER_ROWS,
    print: { orientation: 'portrait', titleRows: '4:5' },
  };
}

/**
 * `date` goes on the 报名日期 line: the day the sheet was compiled (the summary's as-of day), since a unit's
 * entries may span several days and the stamped paper form carries one date.
 */
export function attachment5Header(edition: Edition, unit: UnitInfo, date: string): SheetRow[] {
  const blanks = (n: number): CellValue[] => Array.from({ length: n }, () => null);
  return [
    row('title', [typographicQuotes(edition.name), ...blanks(7)]),
    row('title', [ATTACHMENT5_TITLE, ...blanks(7)]),
    row('caption', [
      `报名单位（盖章）：${safeText(unit.name)}`,
      ...blanks(4),
      `报名日期：${date}`,
      null,
      null,
    ]),
    row('header', [...ATTACHMENT5_HEADERS, ATTACHMENT5_CONTACT_HEADER, null]),
    row('header', [...blanks(6), ...ATTACHMENT5_CONTACT_COLUMNS]),
  ];
}

/** One row per contestant; the contact is the advisor where there is one, otherwise the leader. */
export function attachment5Rows(edition: Edition, r: Registration, firstSerial: number): SheetRow[] {
  const contact = r.advisor ?? r.leader;
  return r.contestants.map((c, i) =>
    row('data', [
      firstSerial + i,
      trackName(edition, r.trackId),
      safeText(c.name),
      genderZh[c.gender],
      safeText(c.idNumber),
      safeText(c.phone),
      safeText(contact.name),
      safeText(contact.phone),
    ]),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Plain tables (总表, 待补充事项): one header row, kept in view, with filters; landscape, header on every page.

interface TableColumn {
  header: string;
  width: number;
  text?: boolean;
}

function tableSpec(name: string, columns: TableColumn[]): SheetSpec {
  return {
    name,
    columns: columns.map(({ width, text }) => ({ width, ...(text ? { text } : {}) })),
    frozenRows: 1,
    autoFilter: `A1:${columnLetter(columns.length)}1`,
    print: { orientation: 'landscape', titleRows: '1:1' },
  };
}

const tableHeader = (columns: TableColumn[]): SheetRow[] => [
  row(
    'header',
    columns.map((c) => c.header),
  ),
];

// ---------------------------------------------------------------------------------------------------------
// 总表: every contestant, with the entry's state.

const MASTER_COLUMNS: TableColumn[] = [
  { header: '序号', width: 7 },
  { header: '参赛赛项', width: 22 },
  { header: '组别', width: 8 },
  { header: '参赛单位', width: 28 },
  { header: '单位类型', width: 8 },
  { header: '所在区县', width: 10 },
  { header: '报名编号', width: 32 },
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '身份证号', width: 21, text: true },
  { header: '联系电话', width: 14, text: true },
  { header: '参加身份', width: 8 },
  { header: '文化程度', width: 12 },
  { header: '所学专业', width: 18 },
  { header: '职业资格等级', width: 14 },
  { header: '通讯地址', width: 30 },
  { header: '邮编', width: 8, text: true },
  { header: '领队', width: 10 },
  { header: '领队电话', width: 14, text: true },
  { header: '指导教师', width: 10 },
  { header: '指导教师电话', width: 14, text: true },
  { header: '报名状态', width: 10 },
  { header: '资格审核', width: 10 },
  { header: '照片', width: 8 },
  { header: '提交日期', width: 12 },
];

export const MASTER_SHEET = '总表';
export const masterSpec = (): SheetSpec => tableSpec(MASTER_SHEET, MASTER_COLUMNS);
export const masterHeader = (): SheetRow[] => tableHeader(MASTER_COLUMNS);

export function masterRows(
  edition: Edition,
  r: Registration,
  unit: UnitInfo | undefined,
  firstSerial: number,
): SheetRow[] {
  return r.contestants.map((c, i) =>
    row('plain', [
      firstSerial + i,
      trackName(edition, r.trackId),
      groupName(edition, r),
      safeText(unit?.name ?? r.unitId),
      unit ? unitKindZh[unit.kind] : '',
      safeText(unit?.district),
      r.registrationId,
      safeText(c.name),
      genderZh[c.gender],
      safeText(c.idNumber),
      safeText(c.phone),
      identityZh[c.identity],
      educationZh[c.education] ?? c.education,
      safeText(c.major),
      qualificationZh(c.qualificationLevel),
      safeText(c.address),
      safeText(c.postcode),
      safeText(r.leader.name),
      safeText(r.leader.phone),
      safeText(r.advisor?.name),
      safeText(r.advisor?.phone),
      statusZh[r.status],
      eligibilityZh[r.eligibility.status],
      photoZh[c.photo.status],
      localDay(r.createdAt, edition.timeZone),
    ]),
  );
}

// ---------------------------------------------------------------------------------------------------------
// 待补充: what each unfinished entry lacks.

export const ISSUES_SHEET = '待补充事项';
const ISSUE_COLUMNS: TableColumn[] = [
  { header: '序号', width: 7 },
  { header: '参赛赛项', width: 22 },
  { header: '组别', width: 8 },
  { header: '参赛单位', width: 28 },
  { header: '报名编号', width: 32 },
  { header: '报名状态', width: 10 },
  { header: '提交日期', width: 12 },
  { header: '缺少或问题', width: 80 },
];

export const issuesSpec = (): SheetSpec => tableSpec(ISSUES_SHEET, ISSUE_COLUMNS);
export const issuesHeader = (): SheetRow[] => tableHeader(ISSUE_COLUMNS);

/** Entries the secretariat still waits on: not complete, and not withdrawn by their unit. */
export const hasIssues = (r: Registration): boolean => r.status !== 'complete' && r.status !== 'withdrawn';

/** A gap in the secretariat's words: the findings' own text, every name made safe for a cell. */
function secretariatWords(r: Registration, gap: Gap<StateGapCode>): string {
  const findings = (outcome: 'failed' | 'review') =>
    r.eligibility.findings
      .filter((f) => f.outcome === outcome)
      .map((f) => safeText(findingTexts(f).message))
      .join('；') || '见审核意见';
  const who = `选手${safeText(r.contestants[gap.contestantIndex ?? 0]?.name)}`;
  switch (gap.code) {
    case 'ELIGIBILITY_PENDING':
      return '资格审核尚未完成';
    case 'ELIGIBILITY_FAILED':
      return `资格不符：${findings('failed')}`;
    case 'ELIGIBILITY_REVIEW':
      return `待执委会人工复核：${findings('review')}`;
    case 'PHOTO_MISSING':
      return `${who}：未上传二寸红底免冠照片`;
    case 'PHOTO_PENDING':
      return `${who}：照片审核中`;
    case 'PHOTO_REJECTED': {
      const reasons = photoReasonWords(gap.photoReasons ?? [])
        .map(safeText)
        .join('，');
      return `${who}：照片不合格${reasons ? `（${reasons}）` : ''}，需重新上传`;
    }
  }
}

/** Exactly what keeps an entry from being complete, one item per missing piece, in Chinese. */
export function whatIsMissing(r: Registration): string[] {
  const ended: string[] = [];
  if (r.status === 'rejected') ended.push('报名未通过审核');
  if (r.status === 'expired') ended.push('赛项报名截止时仍未完成');
  return [...ended, ...missingGaps(r).map((gap) => secretariatWords(r, gap))];
}

export function issuesRow(
  edition: Edition,
  r: Registration,
  unit: UnitInfo | undefined,
  serial: number,
): SheetRow {
  return row('plain', [
    serial,
    trackName(edition, r.trackId),
    groupName(edition, r),
    safeText(unit?.name ?? r.unitId),
    r.registrationId,
    statusZh[r.status],
    localDay(r.createdAt, edition.timeZone),
    whatIsMissing(r).join('；'),
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// 统计: entries and contestants against the quotas and the finalist goal.

export const STATISTICS_SHEET = '统计';

export function statisticsSpec(): SheetSpec {
  return {
    name: STATISTICS_SHEET,
    columns: [{ width: 22 }, { width: 14 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 14 }],
    print: { orientation: 'portrait' },
  };
}

export interface StatisticsContext {
  edition: Edition;
  tracks: Track[];
  tally: SummaryTally;
  /** Units of each kind in the system: each may hold its kind's quota in every group. */
  unitsByKind: Record<UnitKind, number>;
  asOf: string;
  /** The previous nightly summary's as-of instant; undefined when this is the first. */
  since: string | undefined;
}

export function statisticsRows(ctx: StatisticsContext): SheetRow[] {
  const { edition, tally } = ctx;
  const goal = edition.settings.finalistGoal;
  const sinceText = ctx.since ? `上次汇总（${localMinute(ctx.since, edition.timeZone)}）以来` : '全部';
  const rows: SheetRow[] = [
    row('title', [`${typographicQuotes(edition.name)} 报名统计`]),
    row('caption', [`截至 ${localMinute(ctx.asOf, edition.timeZone)}（北京时间）；新增：${sinceText}`]),
  ];
  const counts = (c: Counts): CellValue[] => [c.entries, c.contestants, c.complete, c.newEntries];
  for (const track of ctx.tracks) {
    const t = tally.track(track.id);
    rows.push(
      row('plain', []),
      row('caption', [`${track.name}（${track.mode === 'team' ? '团体' : '个人'}）`]),
    );
    rows.push(row('header', ['组别', '有效报名', '选手数', '已完成', '新增报名', '名额上限']));
    for (const group of track.groups) {
      const places = unitKinds.reduce(
        (sum, kind) => sum + (group.quota[kind] ?? 0) * ctx.unitsByKind[kind],
        0,
      );
      rows.push(row('data', [group.name, ...counts(countsOf(t.groups, group.id)), places]));
    }
    rows.push(row('data', ['合计', ...counts(t.total), null]));
    rows.push(row('header', ['单位类型', '有效报名', '选手数', '已完成', '新增报名', '参赛单位数']));
    for (const kind of unitKinds) {
      const c = countsOf(t.kinds, kind);
      rows.push(row('data', [unitKindZh[kind], ...counts(c), c.units.size]));
    }
    rows.push(row('header', ['所在区县', '有效报名', '选手数', '已完成', '新增报名', '参赛单位数']));
    const districts = [...t.districts.keys()].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    for (const district of districts) {
      const c = countsOf(t.districts, district);
      rows.push(row('data', [safeText(district) || '未填写', ...counts(c), c.units.size]));
    }
    const unit = track.mode === 'team' ? '支队伍' : '名选手';
    rows.push(
      row('header', ['决赛目标', '目标', '有效报名', '已完成', '完成进度', '']),
      row('data', [
        `至少${goal}${unit}进入决赛`,
        goal,
        t.total.entries,
        t.total.complete,
        `${Math.round((100 * t.total.complete) / goal)}%`,
        null,
      ]),
    );
  }
  return rows;
}
