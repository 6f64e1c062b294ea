import { describe, expect, it } from 'vitest';
import { SEND_DIGEST_TIMEOUT_SECONDS } from '#shared/config/function-timeouts.ts';
import { attachmentsFit, digestFigures, renderDigest } from '#shared/domain/digest.ts';
import { SummaryTally } from '#shared/domain/summary-tally.ts';
import { type DigestDeps, sendNightlyDigest } from '#shared/use-cases/digest.ts';
import {
  edition2023,
  FixedClock,
  InMemoryEditionStore,
  InMemoryRegistrationStore,
} from '../support/fake-ports.ts';
import { FakeSummaryFiles, fakeMailer, InMemorySummaryStore } from '../support/fake-summary-ports.ts';
import { contestant, storedRegistration } from '../support/registrations.ts';

const edition = edition2023();
const MB = 1024 * 1024;

describe('digest figures', () => {
  it('counts days left to each last day in Beijing time, 0 on the day, none once closed', () => {
    const days = (asOf: string) =>
      digestFigures(edition, new SummaryTally({ since: undefined, until: asOf }), asOf, undefined).tracks.map(
        (t) => [t.lastDay, t.daysLeft],
      );
    // 02:00 on 2 September in Beijing.
    expect(days('2023-09-01T18:00:00Z')).toEqual([
      ['2023-09-28', 26],
      ['2023-09-22', 20],
    ]);
    expect(days('2023-09-22T15:59:59Z')[1]).toEqual(['2023-09-22', 0]);
    expect(days('2023-09-22T16:00:00Z')[1]).toEqual(['2023-09-22', undefined]);
  });

  it('words each deadline at its own time of day, as the mails to units do', () => {
    const early = edition2023();
    early.tracks[1]!.closesAt = '2023-09-10T17:00:00+08:00';
    const asOf = '2023-09-09T18:00:00Z'; // 02:00 on 10 September in Beijing
    const { text } = renderDigest(
      digestFigures(early, new SummaryTally({ since: undefined, until: asOf }), asOf, undefined),
      [],
    );
    expect(text).toContain('报名今天截止：2023年9月10日 17:00（北京时间）');
    expect(text).toContain('报名截止 2023年9月28日24:00（北京时间），还剩 18 天');
  });

  it('attaches workbooks only while the encoded message stays under the SES limit', () => {
    expect(attachmentsFit([10 * MB, 10 * MB])).toBe(true);
    expect(attachmentsFit([15 * MB, 15 * MB])).toBe(false);
    // 29 MB is 38.7 MB of base64, and 1 MB more of line ends: over the limit once the margin is kept.
    expect(attachmentsFit([29 * MB])).toBe(false);
    expect(attachmentsFit([28 * MB])).toBe(true);
  });

  it('escapes every value in the HTML body', () => {
    const asOf = '2023-09-01T18:00:00Z';
    const figures = digestFigures(
      edition,
      new SummaryTally({ since: undefined, until: asOf }),
      asOf,
      undefined,
    );
    const { html, text } = renderDigest(figures, [{ fileName: '<b>x</b>.xlsx', url: 'https://h/x?a=1&b=2' }]);
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;.xlsx');
    expect(html).toContain('<a href="https://h/x?a=1&amp;b=2">');
    expect(html).not.toContain('<b>');
    expect(text).toContain('https://h/x?a=1&b=2');
  });
});

function digestDeps(bytes = 3, settings: Partial<typeof edition.settings> = {}) {
  const clock = new FixedClock('2023-09-02T02:00:30+08:00');
  const registrations = new InMemoryRegistrationStore();
  const summaries = new InMemorySummaryStore();
  const mailer = fakeMailer();
  const deps: DigestDeps = {
    summaries,
    files: new FakeSummaryFiles(new Uint8Array(bytes)),
    registrations,
    editions: new InMemoryEditionStore({ ...edition, settings: { ...edition.settings, ...settings } }),
    apiUrl: () => 'https://api.example/',
    mailer,
    pageSize: 100,
    clock,
    timeoutSeconds: SEND_DIGEST_TIMEOUT_SECONDS,
  };
  const store = (r: ReturnType<typeof storedRegistration>) =>
    registrations.entries.set(r.registrationId, { registration: r, history: [] });
  return { deps, mailer, store, summaries, clock, registrations };
}

const published = (night: string, asOf: string, bytes = 3) => ({
  summaryId: `sum_${night}`,
  competitionId: 'bayu-2023',
  kind: 'nightly' as const,
  night,
  asOf,
  files: [{ scope: 'all', fileName: '全部赛项-参赛信息汇总.xlsx', key: 'summaries/x/all.xlsx', bytes }],
});

describe('sending the nightly digest', () => {
  it('sends the figures and links to the signed-in download, no workbook and no personal data, once per night', async () => {
    const { deps, mailer, store, registrations } = digestDeps();
    const team = { trackId: 'ai-trainer', groupId: 'employee', contestants: [contestant(), contestant()] };
    store(storedRegistration({ ...team, status: 'complete' }));
    store(storedRegistration({ ...team, eligibility: { status: 'review', findings: [] } }));
    store(storedRegistration({ status: 'withdrawn', updatedAt: '2023-09-01T10:00:00.000Z' }));

    const first = await sendNightlyDigest(deps, published('2023-09-02', '2023-09-01T18:00:00.000Z'));
    const again = await sendNightlyDigest(deps, published('2023-09-02', '2023-09-01T18:05:00.000Z'));

    expect([first, again]).toEqual(['sent', 'already-sent']);
    expect(mailer.send).toHaveBeenCalledTimes(1);
    const [message] = mailer.sent;
    expect(message?.to).toEqual(edition.secretariatEmails);
    expect(message?.attachments).toBeUndefined();
    // The route that asks for the secretariat's sign-in, never a link that works on its own.
    expect(message?.text).toContain(
      '全部赛项-参赛信息汇总.xlsx：https://api.example/v1/summaries/sum_2023-09-02/files/all',
    );
    expect(message?.text).not.toMatch(/signature|expires=/);
    const people = [...registrations.entries.values()].flatMap((e) => e.registration.contestants);
    for (const value of people.flatMap((c) => [c.idNumber, c.phone, c.address, c.name])) {
      expect(`${message?.text}${message?.html}${message?.subject}`).not.toContain(value);
    }
    expect(message?.text).toContain('职工组：有效报名 2 个（选手 4 人），已完成 1 个');
    expect(message?.text).toContain('新增 2 个，撤回 0 个，未通过 0 个；待人工复核 1 个');
    expect(message?.text).toContain('决赛目标：至少 30 支队伍；已完成 1（3%），有效报名 2（7%）');
    expect(message?.text).toContain('新增 1 个，撤回 1 个');
    expect(message?.subject).toBe('报名日报 2023-09-02：有效报名 2 个，新增 3 个');
  });

  it('counts "since" from the previous digest', async () => {
    const { deps, mailer, store } = digestDeps();
    await sendNightlyDigest(deps, published('2023-09-02', '2023-09-01T18:00:00.000Z'));
    store(storedRegistration({ createdAt: '2023-09-02T03:00:00.000Z' }));
    await sendNightlyDigest(deps, published('2023-09-03', '2023-09-02T18:00:00.000Z'));
    expect(mailer.sent[1]?.text).toContain('2023-09-02 02:00 上次日报以来');
    expect(mailer.sent[1]?.text).toContain('合计：有效报名 1 个');
  });

  it('attaches the workbooks when the edition turns attachments on', async () => {
    const { deps, mailer } = digestDeps(3, { digestAttachments: true });
    await sendNightlyDigest(deps, published('2023-09-02', '2023-09-01T18:00:00.000Z'));
    expect(mailer.sent[0]?.attachments?.map((a) => a.filename)).toEqual(['全部赛项-参赛信息汇总.xlsx']);
    expect(mailer.sent[0]?.text).toContain('汇总表见附件');
    expect(mailer.sent[0]?.text).not.toContain('https://');
  });

  it('links workbooks too big to attach even when attachments are on', async () => {
    const { deps, mailer } = digestDeps(45 * MB, { digestAttachments: true });
    await sendNightlyDigest(deps, published('2023-09-02', '2023-09-01T18:00:00.000Z', 45 * MB));
    expect(mailer.sent[0]?.attachments).toBeUndefined();
    const link = new URL(/https:\/\/api\.example\/\S+/.exec(mailer.sent[0]?.text ?? '')?.[0] ?? '');
    expect(link.pathname).toBe('/v1/summaries/sum_2023-09-02/files/all');
    expect(link.search).toBe('');
  });

  it('gives the night back when the mail fails, so the retry sends it', async () => {
    const { deps, mailer } = digestDeps();
    mailer.send.mockRejectedValueOnce(new Error('throttled'));
    const event = published('2023-09-02', '2023-09-01T18:00:00.000Z');
    await expect(sendNightlyDigest(deps, event)).rejects.toThrow('throttled');
    expect(await sendNightlyDigest(deps, event)).toBe('sent');
  });

  it('lets a retry take over a night whose sender died, once the claim has outlived the sender', async () => {
    const { deps, mailer, summaries, clock } = digestDeps();
    const event = published('2023-09-02', '2023-09-01T18:00:00.000Z');
    // A sender claimed the night and was stopped at its timeout: no mail, no release.
    await summaries.claimDigest(
      { competitionId: 'bayu-2023', night: '2023-09-02', asOf: event.asOf },
      '2023-09-01T18:00:30.000Z',
      '2023-09-01T17:55:00.000Z',
    );
    // Within the lease the night may still be in the works: the delivery fails, to be retried.
    clock.set('2023-09-01T18:02:00.000Z');
    await expect(sendNightlyDigest(deps, event)).rejects.toThrow('being sent by another invocation');
    clock.set('2023-09-01T18:07:00.000Z');
    expect(await sendNightlyDigest(deps, event)).toBe('sent');
    clock.set('2023-09-01T18:20:00.000Z');
    expect(await sendNightlyDigest(deps, event)).toBe('already-sent');
    expect(mailer.send).toHaveBeenCalledTimes(1);
  });

  it('counts "since" from the last digest sent, not from one that was only claimed', async () => {
    const { deps, mailer, summaries, store } = digestDeps();
    await summaries.claimDigest(
      { competitionId: 'bayu-2023', night: '2023-09-02', asOf: '2023-09-01T18:00:00.000Z' },
      '2023-09-01T18:00:30.000Z',
      '2023-09-01T17:55:00.000Z',
    );
    store(storedRegistration({ createdAt: '2023-09-01T12:00:00.000Z' }));
    await sendNightlyDigest(deps, published('2023-09-03', '2023-09-02T18:00:00.000Z'));
    expect(mailer.sent[0]?.text).not.toContain('上次日报以来');
    expect(mailer.sent[0]?.subject).toContain('新增 1 个');
  });

  it('reports the mail error, not a failure to give the night back', async () => {
    const { deps, mailer, summaries } = digestDeps();
    mailer.send.mockRejectedValueOnce(new Error('throttled'));
    summaries.releaseDigest = async () => {
      throw new Error('table unavailable');
    };
    await expect(
      sendNightlyDigest(deps, published('2023-09-02', '2023-09-01T18:00:00.000Z')),
    ).rejects.toThrow('throttled');
  });

  it('sends nothing after an on-demand summary', async () => {
    const { deps, mailer } = digestDeps();
    const { night: _night, ...rest } = published('2023-09-02', '2023-09-01T18:00:00.000Z');
    expect(await sendNightlyDigest(deps, { ...rest, kind: 'on-demand' })).toBe('not-nightly');
    expect(mailer.send).not.toHaveBeenCalled();
  });
});
