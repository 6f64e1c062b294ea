import { download } from '#functions/lib/download.ts';
import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { entryFormDeps, rateLimitDeps, unitStore } from '#shared/composition.ts';
import { DOCX_TYPE, ZIP_TYPE } from '#shared/domain/entry-form.ts';
import { entryFormDocument, unitEntryForms } from '#shared/use-cases/entry-forms.ts';

/** Forms are saved under the Chinese names the use case gives them; these are the types and ASCII names. */
const DOCX = { type: DOCX_TYPE, fallbackName: 'form.docx' };
const ZIP = { type: ZIP_TYPE, fallbackName: 'forms.zip' };

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'GET /v1/registrations/{registrationId}/form.docx': async (req) =>
    download({
      ...(await entryFormDocument(entryFormDeps(), await req.principal(), req.params.registrationId ?? '')),
      ...DOCX,
    }),
  'GET /v1/competitions/{competitionId}/units/{unitId}/forms.zip': async (req) =>
    download({
      ...(await unitEntryForms(
        entryFormDeps(),
        await req.principal(),
        req.params.competitionId ?? '',
        req.params.unitId ?? '',
      )),
      ...ZIP,
    }),
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
