import { httpFunction, pageSize } from '#functions/lib/http.ts';
import { unitStore } from '#shared/composition.ts';
import { overrideDeps } from '#shared/override-composition.ts';
import { grantOverride, listOverrides } from '#shared/use-cases/deadline-overrides.ts';

export const handler = httpFunction(
  {
    'POST /v1/competitions/{competitionId}/tracks/{trackId}/overrides': async (req) => {
      const override = await grantOverride(overrideDeps(), await req.principal(), {
        competitionId: req.params.competitionId ?? '',
        trackId: req.params.trackId ?? '',
        body: req.json(),
      });
      return { status: 201, body: override };
    },
    'GET /v1/competitions/{competitionId}/overrides': async (req) => {
      const { cursor } = req.query;
      const page = await listOverrides(overrideDeps(), await req.principal(), {
        competitionId: req.params.competitionId ?? '',
        limit: pageSize(req.query),
        ...(cursor ? { cursor } : {}),
      });
      return { status: 200, body: page };
    },
  },
  { tokens: unitStore },
);
