import { httpFunction } from '#functions/lib/http.ts';

export const handler = httpFunction({
  'GET /v1/health': async () => ({ status: 200, body: { status: 'ok' } }),
});
