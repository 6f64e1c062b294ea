import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { deadLetters, rateLimitDeps, unitStore } from '#shared/composition.ts';
import type { DeadLetters, Shown } from '#shared/domain/views.ts';
import { waitingDeadLetters } from '#shared/use-cases/dead-letters.ts';

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'GET /v1/dead-letters': async (req) => ({
    status: 200,
    body: (await waitingDeadLetters(deadLetters(), await req.principal())) satisfies Shown<
      typeof DeadLetters
    >,
  }),
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
