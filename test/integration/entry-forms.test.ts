/**
 * The 附件4 选手报名表 filled in, end to end on the local runtime: the Word document an entry's unit downloads (every
 * field, the whole ID number, the accepted photo as an image part, A4, a page per contestant), who may have it,
 * the secretariat's downloads recorded in the entries' history, and a unit's forms as one ZIP.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  aiTrainerEmployeeTeam,
  completeWithPhoto,
  createUnit,
  machineVisionEntry,
  person,
} from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
const REGISTRATIONS = '/v1/competitions/bayu-2023/registrations';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const local = localRuntimeOfFile({ clockStart: OPEN });

/** A request answered with a file: its status, headers and bytes. */
async function download(path: string, token: string) {
  const response = await fetch(`${local.runtime.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

const formOf = (id: string, token: string) => download(`/v1/registrations/${id}/form.docx`, token);

/** The document's text as Word stores it (word/document.xml), and its parts. */
async function openDocx(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { xml, parts: Object.keys(zip.files) };
}

async function submit(token: string, body: unknown): Promise<string> {
  const created = await local.call('POST', REGISTRATIONS, { token, body });
  expect(created.status).toBe(201);
  return created.body.registrationId as string;
}

/** A school's machine-vision entry with its photo accepted: 报名完成. */
async function completeEntry(unit: { token: string }, contestant = person()) {
  const id = await submit(unit.token, machineVisionEntry(contestant));
  await completeWithPhoto(local.runtime, { token: unit.token, registrationId: id });
  return id;
}

const viewings = async (id: string) => {
  const read = await local.call('GET', `/v1/registrations/${id}`, { token: local.runtime.secretariatToken });
  return (read.body.history as any[]).filter((h) => h.action === 'personal-data-viewed');
};

describe('the 附件4 form of an entry', () => {
  it("holds every field of the entry, the whole ID number and the accepted photo, on A4, for the entry's unit", async () => {
    const unit = await createUnit(local.runtime, 'school');
    const contestant = person({ qualificationLevel: 3 });
    const id = await completeEntry(unit, contestant);

    const form = await formOf(id, unit.token);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toBe(DOCX_TYPE);
    expect(form.headers.get('cache-control')).toBe('no-store');
    const name = `${unit.name}-人工智能与机器视觉技术-不分组-${contestant.name}.docx`;
    expect(form.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);

    const { xml, parts } = await openDocx(form.bytes);
    // 出生日期 is read from the ID number (YYYYMMDD from its 7th digit).
    const born = contestant.idNumber.slice(6, 14);
    const [year, month, day] = [born.slice(0, 4), Number(born.slice(4, 6)), Number(born.slice(6))];
    for (const value of [
      // The title on two lines, broken where 附件4 breaks it.
      '“巴渝工匠”杯重庆市首届人工智能和',
      '工业互联网职业技能竞赛选手报名表',
      '填报时间：2023年9月1日',
      '人工智能与机器视觉技术',
      '职工',
      contestant.name,
      contestant.gender === 'male' ? '男' : '女',
      '本科',
      contestant.major,
      `${year}年${month}月${day}日`,
      contestant.phone,
      unit.name,
      contestant.address,
      contestant.postcode,
      contestant.idNumber,
      '三级/高级工',
      '选手所在',
      '执委会',
      '公章：',
    ]) {
      expect(xml, value).toContain(`>${value}<`);
    }
    // No advisor on this entry: the notice's 无.
    expect(xml.match(/<w:t[^>]*>无<\/w:t>/g)).toHaveLength(2);
    // The photo is an image part, placed in the 35 x 49 mm box (EMUs: 36000 a millimetre, at 96 px an inch).
    expect(parts.filter((p) => /^word\/media\/.+\.(jpe?g)$/.test(p))).toHaveLength(1);
    expect(xml).toMatch(/<wp:extent cx="\d+" cy="\d+"\/>/);
    expect(xml).toContain('w:w="11906" w:h="16838"');
    expect(xml).toContain('w:eastAsia="SimSun"');
    expect(xml).toContain('w:eastAsia="SimHei"');
    // The unit's own form is no viewing to record.
    expect(await viewings(id)).toEqual([]);
  });

  it("puts each of a team's contestants on a page of their own, with 无 for an employees' group's advisor", async () => {
    const unit = await createUnit(local.runtime, 'enterprise');
    const team = aiTrainerEmployeeTeam();
    const id = await submit(unit.token, team);
    const { xml, parts } = await openDocx((await formOf(id, unit.token)).bytes);
    // A section per contestant, each A4 and starting on a new page (a section's default break).
    expect(xml.match(/<w:sectPr\b/g)).toHaveLength(2);
    expect(xml.match(/<w:pgSz w:w="11906" w:h="16838"/g)).toHaveLength(2);
    expect(xml).not.toContain('w:type w:val="continuous"');
    for (const c of team.contestants) expect(xml).toContain(`>${c.idNumber}<`);
    expect(xml.match(/<w:t[^>]*>无<\/w:t>/g)).toHaveLength(4);
    expect(xml).toContain('人工智能训练师（职工组）');
    // No photo accepted yet: the box says so, and there is no image.
    expect(xml.match(/>照片未上传</g)).toHaveLength(2);
    expect(parts.some((p) => p.startsWith('word/media/'))).toBe(false);
  });

  it("names a students' group's advisor and phone", async () => {
    const unit = await createUnit(local.runtime, 'school');
    const id = await submit(unit.token, {
      ...aiTrainerEmployeeTeam(),
      groupId: 'student',
      advisor: { name: '赵老师', phone: '13600001234' },
      contestants: [
        person({ identity: 'student', qualificationLevel: null }),
        person({ identity: 'student', qualificationLevel: null }),
      ],
    });
    const { xml } = await openDocx((await formOf(id, unit.token)).bytes);
    expect(xml.match(/>赵老师</g)).toHaveLength(2);
    expect(xml.match(/>13600001234</g)).toHaveLength(2);
    expect(xml).toContain('>学生<');
    // 无 only as the students' qualification, never for the advisor.
    expect(xml.match(/<w:t[^>]*>无<\/w:t>/g)).toHaveLength(2);
  });

  it('is not found for another unit, nor for an entry that does not exist, as problem+json', async () => {
    const owner = await createUnit(local.runtime);
    const id = await submit(owner.token, machineVisionEntry());
    const other = await createUnit(local.runtime);
    for (const path of [`/v1/registrations/${id}/form.docx`, '/v1/registrations/reg_0NOSUCH/form.docx']) {
      const response = await local.call('GET', path, { token: other.token });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body.code).toBe('NOT_FOUND');
    }
    expect((await local.call('GET', `/v1/registrations/${id}/form.docx`)).status).toBe(401);
  });

  it("is recorded in the entry's history when the secretariat downloads it, with the member's name", async () => {
    const unit = await createUnit(local.runtime);
    const id = await submit(unit.token, aiTrainerEmployeeTeam());
    const form = await formOf(id, local.runtime.secretariatToken);
    expect(form.status).toBe(200);
    const [viewing, ...more] = await viewings(id);
    expect(more).toEqual([]);
    expect(viewing).toMatchObject({
      actorName: expect.any(String),
      changedPaths: [],
      viewedPaths: [
        '/contestants/0/idNumber',
        '/contestants/0/phone',
        '/contestants/1/idNumber',
        '/contestants/1/phone',
      ],
    });
  });
});

describe("a unit's forms as one ZIP", () => {
  it('holds a document per active entry, named 单位-赛项-组别-选手姓名.docx, recorded for each entry', async () => {
    const unit = await createUnit(local.runtime, 'school');
    const single = person();
    const complete = await completeEntry(unit, single);
    const team = aiTrainerEmployeeTeam();
    const teamId = await submit(unit.token, team);
    const withdrawn = await submit(unit.token, machineVisionEntry());
    expect((await local.call('DELETE', `/v1/registrations/${withdrawn}`, { token: unit.token })).status).toBe(
      204,
    );

    const path = `/v1/competitions/bayu-2023/units/${unit.unitId}/forms.zip`;
    const archive = await download(path, local.runtime.secretariatToken);
    expect(archive.status).toBe(200);
    expect(archive.headers.get('content-type')).toBe('application/zip');
    expect(archive.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${unit.name}-报名表.zip`)}`,
    );
    const zip = await JSZip.loadAsync(archive.bytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      [
        `${unit.name}-人工智能与机器视觉技术-不分组-${single.name}.docx`,
        `${unit.name}-人工智能训练师-职工组-${team.contestants[0]!.name}、${team.contestants[1]!.name}.docx`,
      ].sort(),
    );
    for (const name of names) {
      const { xml } = await openDocx(Buffer.from(await zip.file(name)!.async('uint8array')));
      expect(xml).toContain(`>${unit.name}<`);
    }
    expect(await viewings(complete)).toHaveLength(1);
    expect(await viewings(teamId)).toHaveLength(1);
  });

  it('is for the secretariat only, and for units that exist', async () => {
    const unit = await createUnit(local.runtime);
    const asUnit = await local.call('GET', `/v1/competitions/bayu-2023/units/${unit.unitId}/forms.zip`, {
      token: unit.token,
    });
    expect(asUnit.status).toBe(403);
    expect(asUnit.body.code).toBe('FORBIDDEN');
    const missing = await local.call('GET', '/v1/competitions/bayu-2023/units/unit_0NOSUCH/forms.zip', {
      token: local.runtime.secretariatToken,
    });
    expect(missing.status).toBe(404);
    const noCompetition = await local.call('GET', `/v1/competitions/nope/units/${unit.unitId}/forms.zip`, {
      token: local.runtime.secretariatToken,
    });
    expect(noCompetition.status).toBe(404);
  });
});
