import { type HttpRequest, httpFunction, type Routes } from '#functions/lib/http.ts';
import { sealedCursor, sealedPage } from '#functions/lib/paging.ts';
import { cursorSeal, rateLimitDeps, registrationDeps, unitStore } from '#shared/composition.ts';
import { AppError } from '#shared/domain/errors.ts';
import type { HistoryPage, RegistrationView, Shown, WholeNumbers } from '#shared/domain/views.ts';
import { asSeenBy, registrationPageView, registrationView } from '#shared/domain/views.ts';
import { viewContestantNumbers } from '#shared/use-cases/personal-data-viewing.ts';
import {
  amendRegistration,
  listRegistrations,
  readRegistration,
  registrationHistory,
  submitRegistration,
  withdrawRegistration,
} from '#shared/use-cases/registrations.ts';

const headerError = (header: string, message: string) =>
  new AppError('MALFORMED_REQUEST', `${header}: ${message}`);

function idempotencyKey(req: HttpRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    throw headerError('Idempotency-Key', '1 to 255 visible ASCII characters');
  return key;
}

/** If-Match carries the version the caller read (the ETag of a registration). */
function expectedVersion(req: HttpRequest): number | undefined {
  const raw = req.headers['if-match'];
  if (raw === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim());
  if (!match?.[1])
    throw headerError('If-Match', 'the registration version as returned in its ETag, e.g. "3"');
  return Number(match[1]);
}

const etag = (version: number) => ({ etag: `"${version}"` });

/** An entry's history, paged; its first page comes with the entry. */
const HISTORY = { name: 'history' };

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'POST /v1/competitions/{competitionId}/registrations': async (req) => {
    const key = idempotencyKey(req);
    const principal = await req.principal();
    const { registration, replayed } = await submitRegistration(registrationDeps(), {
      principal,
      correlationId: req.requestId,
      competitionId: req.params.competitionId ?? '',
      body: req.json(),
      rawBody: req.rawBody,
      ...(key ? { idempotencyKey: key } : {}),
    });
    return {
      status: 201,
      body: registrationView(asSeenBy(principal, registration)),
      headers: {
        location: `/v1/registrations/${registration.registrationId}`,
        ...etag(registration.version),
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      },
    };
  },
  'GET /v1/competitions/{competitionId}/registrations': async (req) => {
    const { unitId, trackId } = req.query;
    const principal = await req.principal();
    const listing = { name: 'registrations', filters: { unitId, trackId } };
    const page = await sealedPage(req, cursorSeal(), listing, (page) =>
      listRegistrations(registrationDeps(), principal, {
        competitionId: req.params.competitionId ?? '',
        ...page,
        ...(unitId ? { unitId } : {}),
        ...(trackId ? { trackId } : {}),
      }),
    );
    const items = page.items.map((r) => asSeenBy(principal, r));
    return { status: 200, body: registrationPageView({ ...page, items }) };
  },
  'GET /v1/registrations/{registrationId}': async (req) => {
    const principal = await req.principal();
    const { registration, history } = await readRegistration(
      registrationDeps(),
      principal,
      req.params.registrationId ?? '',
    );
    const historyCursor = await sealedCursor(req, cursorSeal(), HISTORY, history.cursor);
    return {
      status: 200,
      body: {
        ...registrationView(asSeenBy(principal, registration), history.items),
        ...(historyCursor ? { historyCursor } : {}),
      } satisfies RegistrationView,
      headers: etag(registration.version),
    };
  },
  'GET /v1/registrations/{registrationId}/history': async (req) => {
    const principal = await req.principal();
    const page = await sealedPage(req, cursorSeal(), HISTORY, (page) =>
      registrationHistory(registrationDeps(), principal, req.params.registrationId ?? '', page),
    );
    return { status: 200, body: page satisfies Shown<typeof HistoryPage> };
  },
  'PUT /v1/registrations/{registrationId}': async (req) => {
    const principal = await req.principal();
    const registration = await amendRegistration(registrationDeps(), {
      principal,
      correlationId: req.requestId,
      registrationId: req.params.registrationId ?? '',
      body: req.json(),
      ...optional('expectedVersion', expectedVersion(req)),
    });
    return {
      status: 200,
      body: registrationView(asSeenBy(principal, registration)),
      headers: etag(registration.version),
    };
  },
  'DELETE /v1/registrations/{registrationId}': async (req) => {
    await withdrawRegistration(registrationDeps(), {
      principal: await req.principal(),
      correlationId: req.requestId,
      registrationId: req.params.registrationId ?? '',
      ...optional('expectedVersion', expectedVersion(req)),
    });
    return { status: 204 };
  },
  'POST /v1/registrations/{registrationId}/contestants/{index}/numbers': async (req) => ({
    status: 200,
    body: (await viewContestantNumbers(registrationDeps(), await req.principal(), {
      registrationId: req.params.registrationId ?? '',
      index: req.params.index ?? '',
    })) satisfies Shown<typeof WholeNumbers>,
    // Whole personal numbers: never kept by a browser or a proxy.
    headers: { 'cache-control': 'no-store' },
  }),
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
