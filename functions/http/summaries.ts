import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { rateLimitDeps, summaryApiDeps, unitStore } from '#shared/composition.ts';
import type { Summary } from '#shared/domain/summary.ts';
import type { Shown, SummaryList, SummaryView } from '#shared/domain/views.ts';
import {
  getSummary,
  listSummaries,
  requestSummary,
  summaryFileDownload,
} from '#shared/use-cases/summaries.ts';

/** What the API shows of a summary: its state and files, never the bucket's keys. */
const summaryView = ({ files, ...summary }: Summary) => ({
  ...summary,
  files: files.map(({ scope, fileName, bytes }) => ({ scope, fileName, bytes })),
});

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'POST /v1/competitions/{competitionId}/summaries': async (req) => {
    const summary = await requestSummary(summaryApiDeps(), {
      principal: await req.principal(),
      correlationId: req.requestId,
      competitionId: req.params.competitionId ?? '',
    });
    return {
      status: 202,
      body: summaryView(summary) satisfies Shown<typeof SummaryView>,
      headers: { location: `/v1/summaries/${summary.summaryId}` },
    };
  },
  'GET /v1/competitions/{competitionId}/summaries': async (req) => {
    const latest = await listSummaries(
      summaryApiDeps(),
      await req.principal(),
      req.params.competitionId ?? '',
    );
    return { status: 200, body: { items: latest.map(summaryView) } satisfies Shown<typeof SummaryList> };
  },
  'GET /v1/summaries/{summaryId}': async (req) => {
    const { summary, downloads, expiresInSeconds } = await getSummary(
      summaryApiDeps(),
      await req.principal(),
      req.params.summaryId ?? '',
    );
    return {
      status: 200,
      body: {
        ...summaryView(summary),
        ...(summary.state === 'ready' ? { downloads, downloadsExpireInSeconds: expiresInSeconds } : {}),
      } satisfies Shown<typeof SummaryView>,
    };
  },
  // Where the digest's links lead: the secretariat's token, then a redirect to a five-minute URL.
  'GET /v1/summaries/{summaryId}/files/{scope}': async (req) => {
    const url = await summaryFileDownload(summaryApiDeps(), {
      principal: await req.principal(),
      summaryId: req.params.summaryId ?? '',
      scope: req.params.scope ?? '',
    });
    return { status: 302, headers: { location: url, 'cache-control': 'no-store' } };
  },
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
