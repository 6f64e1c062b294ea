/**
 * What the API shows of an import: per row, ok or its problems (values masked, as stored); per entry, whether it
 * will be (or was) submitted; the places; the totals. Never the entries' bodies.
 */
import * as z from 'zod';
import { IMPORT_ROW_LIMIT } from './import-columns.ts';
import type { ImportRecord } from './import-record.ts';

const Problem = z
  .object({
    column: z.string().meta({ description: "the column's header", examples: ['身份证号码'] }),
    code: z.string().meta({ examples: ['INVALID_PHONE'] }),
    message: z
      .string()
      .meta({ description: 'in Chinese', examples: ['手机号码应为11位手机号码（以13至19开头）'] }),
    value: z
      .string()
      .optional()
      .meta({ description: 'the cell, ID numbers and phones masked', examples: ['500103********0115'] }),
  })
  .meta({ id: 'ImportProblem' });

export const ImportView = z
  .object({
    importId: z.string().meta({ examples: ['imp_01HB8Z6Q3J5Y7M2N4P6R8T0V2X'] }),
    competitionId: z.string(),
    unitId: z.string(),
    state: z.enum(['checked', 'committed']),
    createdAt: z.string(),
    expiresAt: z
      .string()
      .meta({ description: 'the import (and what it keeps of the rows) is gone after this' }),
    committedAt: z.string().optional(),
    rowLimit: z
      .number()
      .int()
      .meta({ examples: [IMPORT_ROW_LIMIT] }),
    totals: z.object({
      rows: z.number().int(),
      okRows: z.number().int(),
      problemRows: z.number().int(),
      problems: z.number().int(),
      entries: z.number().int(),
      readyEntries: z.number().int(),
      createdEntries: z.number().int(),
      failedEntries: z.number().int(),
    }),
    rows: z.array(
      z.object({
        row: z.number().int().meta({ description: 'as Excel numbers it' }),
        ok: z.boolean(),
        problems: z.array(Problem),
        notes: z
          .array(Problem)
          .meta({ description: 'what the secretariat will review; it does not stop the entry' }),
      }),
    ),
    entries: z.array(
      z.object({
        key: z.string().meta({ description: 'the track and 队号 (or row) in the file' }),
        trackId: z.string().optional(),
        groupId: z.string().optional(),
        rows: z.array(z.number().int()),
        status: z.enum(['ready', 'invalid', 'created', 'failed']),
        registrationId: z.string().optional(),
        problem: z.object({ code: z.string(), message: z.string() }).optional(),
      }),
    ),
    places: z.array(
      z.object({
        trackId: z.string(),
        groupId: z.string(),
        places: z.number().int(),
        taken: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Import' });

const byRow = <T extends { row: number }>(items: readonly T[]) => {
  const map = new Map<number, Omit<T, 'row'>[]>();
  for (const { row, ...rest } of items) map.set(row, [...(map.get(row) ?? []), rest]);
  return map;
};

export function importView(record: ImportRecord): z.output<typeof ImportView> {
  const problems = byRow(record.problems);
  const notes = byRow(record.notes);
  const count = (status: string) => record.entries.filter((e) => e.status === status).length;
  return {
    importId: record.importId,
    competitionId: record.competitionId,
    unitId: record.unitId,
    state: record.state,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    ...(record.committedAt ? { committedAt: record.committedAt } : {}),
    rowLimit: IMPORT_ROW_LIMIT,
    totals: {
      rows: record.rows.length,
      okRows: record.rows.filter((r) => !problems.has(r)).length,
      problemRows: problems.size,
      problems: record.problems.length,
      entries: record.entries.length,
      readyEntries: count('ready'),
      createdEntries: count('created'),
      failedEntries: count('failed'),
    },
    rows: record.rows.map((row) => ({
      row,
      ok: !problems.has(row),
      problems: problems.get(row) ?? [],
      notes: notes.get(row) ?? [],
    })),
    entries: record.entries,
    places: record.places,
  };
}
