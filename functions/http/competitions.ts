import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { editionStore } from '#shared/composition.ts';
import { getCompetition } from '#shared/use-cases/competitions.ts';

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'GET /v1/competitions/{competitionId}': async (req) => ({
    status: 200,
    body: await getCompetition(editionStore(), req.params.competitionId ?? ''),
  }),
} satisfies Routes;

export const handler = httpFunction(routes);
