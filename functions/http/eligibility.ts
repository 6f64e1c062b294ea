import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { sealedPage } from '#functions/lib/paging.ts';
import { cursorSeal, eligibilityDeps, rateLimitDeps, unitStore } from '#shared/composition.ts';
import type { DraftVerdict, ExclusionFacts, ExclusionsReplaced, Shown } from '#shared/domain/views.ts';
import { registrationPageView, registrationView } from '#shared/domain/views.ts';
import {
  exclusionFacts,
  listReviews,
  replaceExclusions,
  reviewRegistration,
  searchByIdNumber,
  validateDraft,
} from '#shared/use-cases/eligibility-api.ts';

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'POST /v1/competitions/{competitionId}/registrations/validate': async (req) => ({
    status: 200,
    body: (await validateDraft(
      eligibilityDeps(),
      await req.principal(),
      req.params.competitionId ?? '',
      req.json(),
    )) satisfies Shown<typeof DraftVerdict>,
  }),
  'GET /v1/competitions/{competitionId}/reviews': async (req) => {
    const { trackId } = req.query;
    const principal = await req.principal();
    const page = await sealedPage(req, cursorSeal(), { name: 'reviews', filters: { trackId } }, (page) =>
      listReviews(eligibilityDeps(), principal, {
        competitionId: req.params.competitionId ?? '',
        ...page,
        ...(trackId ? { trackId } : {}),
      }),
    );
    return { status: 200, body: registrationPageView(page) };
  },
  'POST /v1/registrations/{registrationId}/review': async (req) => {
    const registration = await reviewRegistration(eligibilityDeps(), {
      principal: await req.principal(),
      registrationId: req.params.registrationId ?? '',
      body: req.json(),
      correlationId: req.requestId,
    });
    return {
      status: 200,
      body: registrationView(registration),
      headers: { etag: `"${registration.version}"` },
    };
  },
  'POST /v1/competitions/{competitionId}/registrations/search': async (req) => {
    const found = await searchByIdNumber(eligibilityDeps(), await req.principal(), {
      competitionId: req.params.competitionId ?? '',
      body: req.json(),
    });
    return { status: 200, body: registrationPageView({ items: found }) };
  },
  'GET /v1/competitions/{competitionId}/exclusions': async (req) => ({
    status: 200,
    body: (await exclusionFacts(
      eligibilityDeps(),
      await req.principal(),
      req.params.competitionId ?? '',
    )) satisfies Shown<typeof ExclusionFacts>,
  }),
  'PUT /v1/competitions/{competitionId}/exclusions': async (req) => ({
    status: 200,
    body: (await replaceExclusions(eligibilityDeps(), {
      principal: await req.principal(),
      competitionId: req.params.competitionId ?? '',
      body: req.json(),
      correlationId: req.requestId,
    })) satisfies Shown<typeof ExclusionsReplaced>,
  }),
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
