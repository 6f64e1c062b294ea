/** In-memory fakes of the summary ports and the Mailer, for unit tests of the summary and digest use cases. */
import { vi } from 'vitest';
import type { Summary } from '#shared/domain/summary.ts';
import type { Mailer, MailMessage } from '#shared/ports/mailer.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';
import type { DigestClaim, SummaryFiles, SummaryStore } from '#shared/ports/summaries.ts';

export class InMemorySummaryStore implements SummaryStore {
  readonly summaries = new Map<string, Summary>();
  readonly events: OutboxEvent[] = [];
  readonly digests = new Map<string, DigestClaim & { status: 'sending' | 'sent'; claimedAt: string }>();

  async create(summary: Summary, event?: OutboxEvent) {
    if (this.summaries.has(summary.summaryId)) return false;
    this.summaries.set(summary.summaryId, summary);
    if (event) this.events.push(event);
    return true;
  }
  async get(summaryId: string) {
    return this.summaries.get(summaryId);
  }
  async latest(competitionId: string, limit: number) {
    return [...this.summaries.values()]
      .filter((s) => s.competitionId === competitionId)
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))
      .slice(0, limit);
  }
  async complete(summary: Summary, event: OutboxEvent) {
    if (this.summaries.get(summary.summaryId)?.state === 'ready') return false;
    this.summaries.set(summary.summaryId, summary);
    this.events.push(event);
    return true;
  }
  async startBuilding(summaryId: string, at: string, staleBefore: string) {
    const summary = this.summaries.get(summaryId);
    if (summary?.state === 'ready') return 'ready' as const;
    if (!summary || (summary.state === 'building' && (summary.buildingSince ?? '') >= staleBefore)) {
      return 'held' as const;
    }
    this.summaries.set(summaryId, { ...summary, state: 'building', buildingSince: at });
    return 'started' as const;
  }
  async markFailed(summaryId: string, at: string) {
    const summary = this.summaries.get(summaryId);
    if (!summary || summary.state === 'ready') return;
    const failedAttempts = (summary.failedAttempts ?? 0) + 1;
    this.summaries.set(summaryId, { ...summary, state: 'failed', failedAttempts, lastFailedAt: at });
  }
  async previousNightly(competitionId: string, before: string) {
    return [...this.summaries.values()]
      .filter((s) => s.competitionId === competitionId && s.kind === 'nightly' && s.state === 'ready')
      .filter((s) => (s.asOf ?? '') < before)
      .sort((a, b) => (a.asOf ?? '').localeCompare(b.asOf ?? ''))
      .at(-1);
  }
  async claimDigest(claim: DigestClaim, at: string, staleBefore: string) {
    const key = `${claim.competitionId}#${claim.night}`;
    const held = this.digests.get(key);
    if (held?.status === 'sent') return 'sent' as const;
    if (held && held.claimedAt >= staleBefore) return 'held' as const;
    this.digests.set(key, { ...claim, status: 'sending', claimedAt: at });
    return 'claimed' as const;
  }
  async markDigestSent(claim: DigestClaim, claimedAt: string) {
    const key = `${claim.competitionId}#${claim.night}`;
    const held = this.digests.get(key);
    if (held?.claimedAt === claimedAt) this.digests.set(key, { ...held, status: 'sent' });
  }
  async releaseDigest(claim: DigestClaim, claimedAt: string) {
    const key = `${claim.competitionId}#${claim.night}`;
    if (this.digests.get(key)?.claimedAt === claimedAt) this.digests.delete(key);
  }
  async previousDigest(_competitionId: string, before: string) {
    return [...this.digests.values()]
      .filter((d) => d.status === 'sent' && d.asOf < before)
      .map((d) => d.asOf)
      .sort()
      .at(-1);
  }
}

/** Serves fixed bytes for every workbook, and links that name the key. */
export class FakeSummaryFiles implements SummaryFiles {
  constructor(private readonly content = new Uint8Array([1, 2, 3])) {}
  async read() {
    return this.content;
  }
  async downloadUrl(key: string, fileName: string) {
    return `https://files.example/${key}?name=${encodeURIComponent(fileName)}`;
  }
}

export function fakeMailer(): Mailer & { sent: MailMessage[]; send: ReturnType<typeof vi.fn> } {
  const sent: MailMessage[] = [];
  return {
    sent,
    send: vi.fn(async (message: MailMessage) => {
      sent.push(message);
      return { messageId: `m${sent.length}` };
    }),
  };
}
