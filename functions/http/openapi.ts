import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { openApiDocument } from '#functions/lib/openapi.ts';

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  // Public, as the contract portals generate their clients from; the same for every caller, so it may be cached.
  'GET /v1/openapi.json': async () => ({
    status: 200,
    body: openApiDocument(),
    headers: { 'cache-control': 'public, max-age=300' },
  }),
} satisfies Routes;

export const handler = httpFunction(routes);
