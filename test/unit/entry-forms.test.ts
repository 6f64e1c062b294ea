/**
 * The 附件4 form's content (shared/domain/entry-form.ts) and the use case's edges the local runtime cannot reach:
 * a photo accepted but gone from the bucket, and a unit with more entries than one answer may carry.
 */
import { describe, expect, it } from 'vitest';
import { entryFormFileNames, entryFormPages } from '#shared/domain/entry-form.ts';
import type { PrintedEntryForm } from '#shared/ports/documents.ts';
import {
  type EntryFormDeps,
  entryFormDocument,
  MAX_FORMS_PER_ARCHIVE,
  unitEntryForms,
} from '#shared/use-cases/entry-forms.ts';
import {
  edition2023,
  enterpriseUnit,
  FixedClock,
  InMemoryEditionStore,
  InMemoryRegistrationStore,
  InMemoryUnitStore,
  secretariatMember,
  unitPrincipal,
} from '../support/fake-ports.ts';
import { contestant, storedRegistration } from '../support/registrations.ts';

function fakeDeps() {
  const registrations = new InMemoryRegistrationStore();
  const written: PrintedEntryForm[][] = [];
  const deps: EntryFormDeps = {
    registrations,
    editions: new InMemoryEditionStore(edition2023()),
    units: new InMemoryUnitStore(enterpriseUnit('unit_1')),
    photos: { read: async () => undefined },
    forms: {
      write: async (pages) => {
        written.push([...pages]);
        return new Uint8Array([1]);
      },
    },
    archiver: { zip: async (files) => new Uint8Array(files.length) },
    clock: new FixedClock(Date.parse('2023-09-02T01:00:00.000Z')),
  };
  const store = (r = storedRegistration()) => {
    registrations.entries.set(r.registrationId, { registration: r, history: [] });
    return r;
  };
  return { deps, registrations, written, store };
}

describe('the 附件4 form of an entry', () => {
  it("says what the notice's form asks, in its words, and the day of submission in the edition's zone", () => {
    const r = storedRegistration({
      trackId: 'ai-trainer',
      groupId: 'student',
      advisor: { name: '赵老师', phone: '13600001234' },
      // 23:30 UTC is the next morning in Beijing.
      createdAt: '2023-09-01T23:30:00.000Z',
      contestants: [
        contestant({
          identity: 'student',
          qualificationLevel: null,
          photo: { status: 'pending', reasons: [] },
        }),
      ],
    });
    const [page] = entryFormPages(edition2023(), r, '重庆机械技师学院');
    expect(page).toMatchObject({
      competition: '“巴渝工匠”杯重庆市首届人工智能和工业互联网职业技能竞赛',
      filledOn: '2023年9月2日',
      track: '人工智能训练师（学生组）',
      identity: '学生',
      birthDate: '1990年1月1日',
      qualification: '无',
      advisorName: '赵老师',
      advisorPhone: '13600001234',
      photo: { missing: '照片审核中' },
    });
  });

  it('names files safely, a repeated name numbered', () => {
    const r = storedRegistration({ contestants: [contestant({ name: '张伟' })] });
    const names = entryFormFileNames(edition2023(), [
      { registration: r, unitName: '重庆/测试:公司' },
      { registration: r, unitName: '重庆/测试:公司' },
    ]);
    expect(names).toEqual([
      '重庆_测试_公司-人工智能与机器视觉技术-不分组-张伟.docx',
      '重庆_测试_公司-人工智能与机器视觉技术-不分组-张伟 (2).docx',
    ]);
  });

  it('leaves the box with a note where an accepted photo is no longer in the bucket', async () => {
    const { deps, written, store } = fakeDeps();
    const r = store(
      storedRegistration({
        contestants: [contestant({ photo: { status: 'accepted', reasons: [], objectKey: 'photos/x.jpg' } })],
      }),
    );
    await entryFormDocument(deps, unitPrincipal('unit_1'), r.registrationId);
    expect(written[0]![0]!.photo).toEqual({ missing: '照片已删除' });
  });
});

describe("a unit's forms in one ZIP", () => {
  it(`refuses a unit with more than ${MAX_FORMS_PER_ARCHIVE} active entries before recording or making anything`, async () => {
    const { deps, registrations, written, store } = fakeDeps();
    for (let i = 0; i <= MAX_FORMS_PER_ARCHIVE; i++) store();
    await expect(unitEntryForms(deps, secretariatMember, 'bayu-2023', 'unit_1')).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(written).toEqual([]);
    expect([...registrations.entries.values()].every((e) => e.history.length === 0)).toBe(true);
  });

  it('leaves out entries no longer active, and holds the rest', async () => {
    const { deps, store } = fakeDeps();
    for (let i = 0; i < MAX_FORMS_PER_ARCHIVE; i++) store();
    store(storedRegistration({ status: 'withdrawn' }));
    const archive = await unitEntryForms(deps, secretariatMember, 'bayu-2023', 'unit_1');
    expect(archive.files).toBe(MAX_FORMS_PER_ARCHIVE);
    expect(archive.fileName).toBe('重庆测试公司-报名表.zip');
  });
});
