import { httpFunction } from '#functions/lib/http.ts';
import { mailLogStore, rateLimitDeps, unitStore } from '#shared/composition.ts';
import { listUnitMails } from '#shared/use-cases/mail-log.ts';

export const handler = httpFunction(
  {
    'GET /v1/units/{unitId}/mails': async (req) => {
      const items = await listUnitMails(
        { mailLog: mailLogStore(), units: unitStore() },
        await req.principal(),
        req.params.unitId ?? '',
      );
      return { status: 200, body: { items } };
    },
  },
  { tokens: unitStore, rateLimit: rateLimitDeps },
);
