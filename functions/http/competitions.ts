import { httpFunction } from '#functions/lib/http.ts';
import { editionStore } from '#shared/composition.ts';
import { getCompetition } from '#shared/use-cases/competitions.ts';

export const handler = httpFunction({
  'GET /v1/competitions/{competitionId}': async (req) => ({
    status: 200,
    body: await getCompetition(editionStore(), req.params.competitionId ?? ''),
  }),
});
