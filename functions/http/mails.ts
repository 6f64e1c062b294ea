import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { mailLogStore, rateLimitDeps, unitStore } from '#shared/composition.ts';
import type { MailList, Shown } from '#shared/domain/views.ts';
import { listUnitMails } from '#shared/use-cases/mail-log.ts';

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'GET /v1/units/{unitId}/mails': async (req) => {
    const items = await listUnitMails(
      { mailLog: mailLogStore(), units: unitStore() },
      await req.principal(),
      req.params.unitId ?? '',
    );
    return { status: 200, body: { items } satisfies Shown<typeof MailList> };
  },
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
