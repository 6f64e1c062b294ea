import { download } from '#functions/lib/download.ts';
import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { importDeps, rateLimitDeps, unitStore } from '#shared/composition.ts';
import { type ImportView, importView } from '#shared/domain/import-view.ts';
import { XLSX_TYPE } from '#shared/domain/sheet.ts';
import type { Shown } from '#shared/domain/views.ts';
import { checkImport } from '#shared/use-cases/import-check.ts';
import { commitImport, importProblems, importTemplate, readImport } from '#shared/use-cases/imports.ts';

/** A workbook to download, saved under its Chinese name (an ASCII one for clients that cannot read it). */
const workbook = (bytes: Buffer, fileName: string, fallbackName: string) =>
  download({ bytes, fileName: `${fileName}.xlsx`, fallbackName: `${fallbackName}.xlsx`, type: XLSX_TYPE });

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'GET /v1/competitions/{competitionId}/import-template.xlsx': async (req) => {
    await req.principal();
    const competitionId = req.params.competitionId ?? '';
    return workbook(
      await importTemplate(importDeps(), competitionId),
      `批量报名模板-${competitionId}`,
      `import-template-${competitionId}`,
    );
  },
  'POST /v1/competitions/{competitionId}/imports': async (req) => {
    const record = await checkImport(importDeps(), {
      principal: await req.principal(),
      correlationId: req.requestId,
      competitionId: req.params.competitionId ?? '',
      file: req.bytes(),
    });
    return {
      status: 201,
      body: importView(record) satisfies Shown<typeof ImportView>,
      headers: { location: `/v1/imports/${record.importId}` },
    };
  },
  'GET /v1/imports/{importId}': async (req) => ({
    status: 200,
    body: importView(
      await readImport(importDeps(), await req.principal(), req.params.importId ?? ''),
    ) satisfies Shown<typeof ImportView>,
  }),
  'GET /v1/imports/{importId}/errors.xlsx': async (req) => {
    const importId = req.params.importId ?? '';
    return workbook(
      await importProblems(importDeps(), await req.principal(), importId),
      `问题清单-${importId}`,
      `errors-${importId}`,
    );
  },
  'POST /v1/imports/{importId}/commit': async (req) => ({
    status: 200,
    body: importView(
      await commitImport(importDeps(), {
        principal: await req.principal(),
        correlationId: req.requestId,
        importId: req.params.importId ?? '',
      }),
    ) satisfies Shown<typeof ImportView>,
  }),
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
