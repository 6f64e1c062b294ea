/**
 * A bulk import after its check (import-check.ts): the template to fill in, the check shown again, its problems
 * as a workbook, and the commit, which submits every ready entry through the normal submission.
 */
import { AppError } from '#shared/domain/errors.ts';
import type { ImportEntry, ImportRecord } from '#shared/domain/import-record.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { isoAt } from '#shared/ports/clock.ts';
import type { EditionStore } from '#shared/ports/stores.ts';
import { hashBody } from '#shared/security/tokens.ts';
import { loadEdition } from './competitions.ts';
import type { ImportDeps } from './import-check.ts';
import { type RequestContext, requireUnit, submitRegistration } from './registrations.ts';

/** The template of a competition, for a unit or the secretariat (any caller with a key). */
export async function importTemplate(
  deps: { editions: EditionStore; workbooks: ImportDeps['workbooks'] },
  competitionId: string,
): Promise<Buffer> {
  return deps.workbooks.template(await loadEdition(deps.editions, competitionId));
}

/** An import its caller may read: the unit that made it, or the secretariat; another unit's is NOT_FOUND. */
async function loadImport(deps: ImportDeps, principal: Principal, importId: string) {
  const found = await deps.imports.get(importId, isoAt(deps.clock.nowMs()));
  if (!found || (principal.role === 'unit' && found.record.unitId !== principal.unitId)) {
    throw new AppError('NOT_FOUND', 'no such import (imports expire a day after their check)');
  }
  return found;
}

export async function readImport(
  deps: ImportDeps,
  principal: Principal,
  importId: string,
): Promise<ImportRecord> {
  return (await loadImport(deps, principal, importId)).record;
}

export async function importProblems(
  deps: ImportDeps,
  principal: Principal,
  importId: string,
): Promise<Buffer> {
  const { record } = await loadImport(deps, principal, importId);
  return deps.workbooks.problems(record.problems);
}

/** Why the submission of a ready entry failed, in the words a unit reads. */
function failureZh(error: AppError): string {
  switch (error.code) {
    case 'QUOTA_FULL':
      return '名额已用完（检查之后有其他报名占用了名额）';
    case 'DUPLICATE_CONTESTANT':
      return '有选手已在本赛项报名（检查之后由其他报名提交）';
    case 'REGISTRATION_CLOSED':
      return '赛项报名已截止';
    default:
      return error.errors?.find((e) => e.messageZh)?.messageZh ?? '提交未成功，请在报名页面逐条检查';
  }
}

/**
 * The idempotency key of an entry of an import: the same for every commit of it, so a commit repeated (or two at
 * once) submits each entry once, and the second answers with the entry the first created.
 */
const idempotencyKeyOf = (importId: string, entryKey: string) =>
  `import.${importId}.${hashBody(entryKey).slice(0, 22)}`;

/**
 * Submits every ready entry of the import through the normal submission, and records each result; the bodies
 * are then dropped. A committed import answers with its results and submits nothing.
 */
export async function commitImport(
  deps: ImportDeps,
  req: RequestContext & { importId: string },
): Promise<ImportRecord> {
  requireUnit(req.principal);
  const { record, submissions } = await loadImport(deps, req.principal, req.importId);
  if (record.state === 'committed' || !submissions) return record;
  const entries: ImportEntry[] = [];
  // One at a time, in the file's order: the places go to the entries the check gave them to.
  for (const entry of record.entries) {
    if (entry.status !== 'ready') {
      entries.push(entry);
      continue;
    }
    const body = submissions[entry.key];
    try {
      const { registration } = await submitRegistration(deps, {
        principal: req.principal,
        correlationId: req.correlationId,
        competitionId: record.competitionId,
        body,
        rawBody: JSON.stringify(body),
        idempotencyKey: idempotencyKeyOf(record.importId, entry.key),
      });
      entries.push({ ...entry, status: 'created', registrationId: registration.registrationId });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      entries.push({ ...entry, status: 'failed', problem: { code: error.code, message: failureZh(error) } });
    }
  }
  const committed: ImportRecord = {
    ...record,
    state: 'committed',
    committedAt: isoAt(deps.clock.nowMs()),
    entries,
  };
  if (await deps.imports.markCommitted(committed)) return committed;
  // Another commit recorded first; its results name the same entries (the idempotency keys saw to that).
  return readImport(deps, req.principal, req.importId);
}
