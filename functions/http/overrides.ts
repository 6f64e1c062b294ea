import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { sealedPage } from '#functions/lib/paging.ts';
import { cursorSeal, overrideDeps, rateLimitDeps, unitStore } from '#shared/composition.ts';
import type { OverridePage, OverrideView, Shown } from '#shared/domain/views.ts';
import { grantOverride, listOverrides } from '#shared/use-cases/deadline-overrides.ts';

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'POST /v1/competitions/{competitionId}/tracks/{trackId}/overrides': async (req) => {
    const override = await grantOverride(overrideDeps(), await req.principal(), {
      competitionId: req.params.competitionId ?? '',
      trackId: req.params.trackId ?? '',
      body: req.json(),
    });
    return { status: 201, body: override satisfies Shown<typeof OverrideView> };
  },
  'GET /v1/competitions/{competitionId}/overrides': async (req) => {
    const principal = await req.principal();
    const page = await sealedPage(req, cursorSeal(), { name: 'overrides' }, (page) =>
      listOverrides(overrideDeps(), principal, { competitionId: req.params.competitionId ?? '', ...page }),
    );
    return { status: 200, body: page satisfies Shown<typeof OverridePage> };
  },
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
