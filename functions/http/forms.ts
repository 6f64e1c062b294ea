import { type HttpResult, httpFunction, type Routes } from '#functions/lib/http.ts';
import { entryFormDeps, rateLimitDeps, unitStore } from '#shared/composition.ts';
import { DOCX_TYPE, ZIP_TYPE } from '#shared/domain/entry-form.ts';
import { type DownloadedFile, entryFormDocument, unitEntryForms } from '#shared/use-cases/entry-forms.ts';

/** A file as the answer, saved under its name; never cached anywhere: the forms carry whole ID numbers. */
const download = (file: DownloadedFile, kind: { type: string; fallback: string }): HttpResult => ({
  status: 200,
  bytes: file.bytes,
  headers: {
    'content-type': kind.type,
    // RFC 6266: an ASCII name for old clients, and the Chinese one for every client that reads filename*.
    'content-disposition': `attachment; filename="${kind.fallback}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'cache-control': 'no-store',
  },
});

const DOCX = { type: DOCX_TYPE, fallback: 'form.docx' };
const ZIP = { type: ZIP_TYPE, fallback: 'forms.zip' };

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'GET /v1/registrations/{registrationId}/form.docx': async (req) =>
    download(
      await entryFormDocument(entryFormDeps(), await req.principal(), req.params.registrationId ?? ''),
      DOCX,
    ),
  'GET /v1/competitions/{competitionId}/units/{unitId}/forms.zip': async (req) =>
    download(
      await unitEntryForms(
        entryFormDeps(),
        await req.principal(),
        req.params.competitionId ?? '',
        req.params.unitId ?? '',
      ),
      ZIP,
    ),
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
