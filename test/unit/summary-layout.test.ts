import { describe, expect, it } from 'vitest';
import { localDay, localMinute } from '#shared/domain/labels-zh.ts';
import { missingItems } from '#shared/domain/missing.ts';
import { columnLetter, safeText, sheetName } from '#shared/domain/sheet.ts';
import { nightlySummaryId } from '#shared/domain/summary.ts';
import {
  ATTACHMENT5_CONTACT_HEADER,
  attachment5Header,
  attachment5Rows,
  attachment5Spec,
  hasIssues,
  masterRows,
  statisticsRows,
  whatIsMissing,
} from '#shared/domain/summary-layout.ts';
import { SummaryTally } from '#shared/domain/summary-tally.ts';
import { edition2023 } from '../support/fake-ports.ts';
import { makeIdNumberEndingInX } from '../support/id-numbers.ts';
import { contestant, storedRegistration } from '../support/registrations.ts';

const edition = edition2023();
const unit = { unitId: 'unit_1', name: '重庆机械技师学院', kind: 'school' as const, district: '巴南区' };

describe('safeText', () => {
  it('neutralises every string a spreadsheet could read as a formula', () => {
    for (const value of ['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")']) {
      expect(safeText(value)).toBe(`'${value}`);
    }
  });

  it('leaves other strings alone and turns missing values into empty text', () => {
    expect(safeText('重庆机械技师学院')).toBe('重庆机械技师学院');
    expect(safeText('500103199001010014')).toBe('500103199001010014');
    expect(safeText(undefined)).toBe('');
  });
});

describe('sheet names and columns', () => {
  it('keeps sheet names within Excel limits', () => {
    expect(sheetName('a/b:c*d?e[f]g\\h')).toBe('a b c d e f g h');
    expect(Array.from(sheetName('很'.repeat(40)))).toHaveLength(31);
    // Characters beyond the BMP take two UTF-16 units, which is what Excel counts; none is cut in half.
    expect(sheetName('𠀋'.repeat(20))).toBe('𠀋'.repeat(15));
    expect(sheetName(`1 St. Mary's`)).toBe('1 St. Mary’s');
  });

  it('names columns as Excel does', () => {
    expect([1, 8, 26, 27, 52].map(columnLetter)).toEqual(['A', 'H', 'Z', 'AA', 'AZ']);
  });
});

describe('附件5 sheet', () => {
  it('has the notice title, the unit and date line and the two-line header in the notice order', () => {
    const rows = attachment5Header(edition, unit, '2023-09-02');
    expect(rows.map((r) => r.cells)).toEqual([
      ['“巴渝工匠”杯重庆市首届人工智能和工业互联网职业技能竞赛', null, null, null, null, null, null, null],
      ['参赛信息汇总表', null, null, null, null, null, null, null],
      ['报名单位（盖章）：重庆机械技师学院', null, null, null, null, '报名日期：2023-09-02', null, null],
      ['序号', '参赛赛项', '姓名', '性别', '身份证号', '联系电话', ATTACHMENT5_CONTACT_HEADER, null],
      [null, null, null, null, null, null, '姓名', '联系电话'],
    ]);
    const spec = attachment5Spec(3, unit.name);
    expect(spec.name).toBe('3 重庆机械技师学院');
    expect(spec.columns.filter((c) => c.text)).toHaveLength(3);
    expect(spec.merges).toContain('G4:H4');
  });

  it('writes one row per contestant with the advisor, or the leader when there is none', () => {
    const idNumber = makeIdNumberEndingInX({ birthDate: '2003-05-06', gender: 'female' });
    const team = storedRegistration({
      trackId: 'ai-trainer',
      groupId: 'student',
      advisor: { name: '李老师', phone: '13600001111' },
      contestants: [contestant({ name: '张三', gender: 'female', idNumber }), contestant({ name: '李四' })],
    });
    const rows = attachment5Rows(edition, team, 5);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.cells).toEqual([
      5,
      '人工智能训练师',
      '张三',
      '女',
      idNumber,
      team.contestants[0]?.phone,
      '李老师',
      '13600001111',
    ]);
    expect(rows[1]?.cells[0]).toBe(6);
    const single = attachment5Rows(edition, storedRegistration(), 1);
    expect(single[0]?.cells.slice(6)).toEqual(['王领队', '13700001234']);
  });

  it('neutralises a formula-like unit name on the unit line', () => {
    const rows = attachment5Header(edition, { ...unit, name: '=cmd|"/c calc"!A1' }, '2023-09-02');
    expect(rows[2]?.cells[0]).toBe(`报名单位（盖章）：'=cmd|"/c calc"!A1`);
  });
});

describe('master sheet', () => {
  it('shows gender, states and levels in Chinese and the submission day in Beijing time', () => {
    const r = storedRegistration({ createdAt: '2023-09-01T17:30:00.000Z', status: 'complete' });
    const [cells] = masterRows(edition, r, unit, 1).map((row) => row.cells);
    expect(cells).toContain('男');
    expect(cells).toContain('报名完成');
    expect(cells).toContain('三级/高级工');
    expect(cells?.at(-1)).toBe('2023-09-02');
  });
});

describe('what an entry lacks', () => {
  it('lists pending checks, missing and rejected photos, one item each', () => {
    const r = storedRegistration({
      eligibility: {
        status: 'review',
        findings: [{ rule: 'retirement', outcome: 'review', message: '女职工岗位待确认' }],
      },
      contestants: [
        contestant({ name: '甲', photo: { status: 'missing', reasons: [] } }),
        contestant({ name: '乙', photo: { status: 'rejected', reasons: ['BACKGROUND_NOT_RED'] } }),
      ],
    });
    expect(whatIsMissing(r)).toEqual([
      '待执委会人工复核：女职工岗位待确认',
      '选手甲：未上传二寸红底免冠照片',
      '选手乙：照片不合格（背景不是红色（须为红底免冠照片）），需重新上传',
    ]);
    expect(hasIssues(r)).toBe(true);
    expect(hasIssues(storedRegistration({ status: 'complete' }))).toBe(false);
    expect(hasIssues(storedRegistration({ status: 'withdrawn' }))).toBe(false);
  });

  it('names the same gaps the units read, after how an ended entry ended', () => {
    const r = storedRegistration({
      status: 'expired',
      eligibility: { status: 'pending', findings: [] },
      contestants: [contestant({ name: '丙', photo: { status: 'pending', reasons: [] } })],
    });
    expect(whatIsMissing(r)).toEqual(['赛项报名截止时仍未完成', '资格审核尚未完成', '选手丙：照片审核中']);
    expect(missingItems(r)).toHaveLength(whatIsMissing(r).length - 1);
  });
});

describe('statistics', () => {
  it('counts entries and contestants per group against the quota places, and progress to the goal', () => {
    const tally = new SummaryTally({ since: '2023-09-01T00:00:00.000Z', until: '2023-09-03T18:00:00.000Z' });
    const team = (status: 'submitted' | 'complete' | 'withdrawn', createdAt = '2023-09-02T00:00:00.000Z') =>
      storedRegistration({
        trackId: 'ai-trainer',
        groupId: 'employee',
        status,
        createdAt,
        updatedAt: createdAt,
        contestants: [contestant(), contestant()],
      });
    tally.add(team('complete'), unit);
    tally.add(team('submitted', '2023-08-01T00:00:00.000Z'), unit);
    tally.add(team('withdrawn'), unit);
    const rows = statisticsRows({
      edition,
      tracks: [edition.tracks[0]!],
      tally,
      unitsByKind: { enterprise: 3, school: 1 },
      asOf: '2023-09-03T18:00:00.000Z',
      since: '2023-09-01T00:00:00.000Z',
    });
    const cells = rows.map((r) => r.cells);
    // 职工组: 2 active entries, 4 contestants, 1 complete, 2 new (one since withdrawn); 3x2 + 1x2 places.
    expect(cells).toContainEqual(['职工组', 2, 4, 1, 2, 8]);
    expect(cells).toContainEqual(['学生组', 0, 0, 0, 0, 2]);
    expect(cells).toContainEqual(['巴南区', 2, 4, 1, 2, 1]);
    expect(cells).toContainEqual(['至少30支队伍进入决赛', 30, 2, 1, '3%', null]);
  });
});

describe('the tally window', () => {
  const night1 = '2023-09-01T18:00:00.000Z';
  const night2 = '2023-09-02T18:00:00.000Z';
  const entry = (status: 'submitted' | 'withdrawn', createdAt: string, updatedAt = createdAt) =>
    storedRegistration({ trackId: 'ai-trainer', groupId: 'employee', status, createdAt, updatedAt });
  const total = (tally: SummaryTally) => tally.track('ai-trainer').total;

  it('leaves out entries made after the as-of instant, though they are read after it', () => {
    const tally = new SummaryTally({ since: undefined, until: night1 });
    tally.add(entry('submitted', '2023-09-01T17:59:59.999Z'), unit);
    tally.add(entry('submitted', '2023-09-01T18:03:00.000Z'), unit);
    expect(total(tally)).toMatchObject({ entries: 1, newEntries: 1 });
  });

  it('counts an entry as new, and a withdrawal as since, in one night only', () => {
    // Made before night 1's as-of instant, withdrawn minutes after it, while night 1 was still being read.
    const late = entry('withdrawn', '2023-09-01T10:00:00.000Z', '2023-09-01T18:03:00.000Z');
    const first = new SummaryTally({ since: undefined, until: night1 });
    const second = new SummaryTally({ since: night1, until: night2 });
    first.add(late, unit);
    second.add(late, unit);
    expect(total(first)).toMatchObject({ newEntries: 1, withdrawnSince: 0 });
    expect(total(second)).toMatchObject({ newEntries: 0, withdrawnSince: 1 });
  });
});

describe('the nightly summary', () => {
  // Its schedule (a deployment fact) is tested with the other schedules (schedules.test.ts).
  it('has one summary id per local night of the edition', () => {
    // 18:30 UTC is 02:30 the next day in Beijing.
    expect(nightlySummaryId(edition, Date.parse('2023-09-01T18:30:00Z'))).toEqual({
      summaryId: 'sum_bayu-2023_20230902',
      night: '2023-09-02',
    });
  });
});

describe('local days and minutes', () => {
  it('read instants in the zone, across daylight-saving changes too', () => {
    expect(localMinute('2023-09-01T18:30:00Z', 'Asia/Shanghai')).toBe('2023-09-02 02:30');
    expect(localDay('2023-09-22T15:59:59.999Z', 'Asia/Shanghai')).toBe('2023-09-22');
    expect(localMinute('2024-03-10T06:59:00Z', 'America/New_York')).toBe('2024-03-10 01:59');
    expect(localMinute('2024-03-10T07:30:00Z', 'America/New_York')).toBe('2024-03-10 03:30');
    expect(localMinute('2024-12-31T23:59:59Z', 'Asia/Kathmandu')).toBe('2025-01-01 05:44');
  });
});
