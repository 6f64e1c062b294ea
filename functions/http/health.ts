import { httpFunction, type Routes } from '#functions/lib/http.ts';
import type { Health, Shown } from '#shared/domain/views.ts';

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'GET /v1/health': async () => ({ status: 200, body: { status: 'ok' } satisfies Shown<typeof Health> }),
} satisfies Routes;

export const handler = httpFunction(routes);
