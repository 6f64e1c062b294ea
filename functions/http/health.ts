import { httpFunction, type Routes } from '#functions/lib/http.ts';

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'GET /v1/health': async () => ({ status: 200, body: { status: 'ok' } }),
} satisfies Routes;

export const handler = httpFunction(routes);
