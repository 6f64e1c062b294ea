/**
 * The competition-wide summary workbook for 100,000 registrations (half AI-trainer teams of two, half
 * machine-vision individuals: 150,000 contestants) from 1,000 units, read page by page from an in-memory
 * stand-in of the two indexes and written by the real sheet code and the real xlsx writer to a stream that
 * discards the bytes (S3 is not what is measured).
 *
 * The floor turns the very same sheets and rows into CSV and deflates it: the same reading and row-building,
 * with the cheapest serialisation there is. What the workbook adds over the floor is the xlsx writing.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflate } from 'node:zlib';
import { writeXlsx } from '#shared/adapters/xlsx/xlsx-writer.ts';
import { parseEdition } from '#shared/domain/edition.ts';
import type { Registration } from '#shared/domain/registration.ts';
import type { Sheet } from '#shared/domain/sheet.ts';
import type { UnitInfo } from '#shared/domain/summary-tally.ts';
import edition2023 from '#shared/editions/bayu-2023.json' with { type: 'json' };
import type { Page, RegistrationQuery } from '#shared/ports/stores.ts';
import { summarySheets } from '#shared/use-cases/summary-workbook.ts';
import { makeIdNumber } from '../support/id-numbers.ts';
import type { Benchmark } from './benchmark.ts';

const REGISTRATIONS = 100_000;
const UNITS = 1_000;
const PAGE_SIZE = 500;
const edition = parseEdition(edition2023);
const districts = ['渝中区', '九龙坡区', '沙坪坝区', '南岸区', '江北区', '渝北区', '巴南区', '北碚区'];

const units = new Map<string, UnitInfo>(
  Array.from({ length: UNITS }, (_, u) => [
    `unit_${u}`,
    {
      unitId: `unit_${u}`,
      name: `重庆第${u}职业技术学院`,
      kind: u % 2 === 0 ? 'school' : 'enterprise',
      district: districts[u % districts.length]!,
    },
  ]),
);

const statuses = ['submitted', 'complete', 'complete', 'complete', 'withdrawn'] as const;

/** A thousand different people; entries reuse them (only the shape and size of the rows matter here). */
const people = Array.from({ length: 1_000 }, (_, n) => {
  const gender = n % 2 === 0 ? ('male' as const) : ('female' as const);
  const birthDate = `19${70 + (n % 30)}-0${1 + (n % 9)}-1${n % 10}`;
  return {
    name: `张${'伟明华强军'[n % 5]}${'一二三四五六七八九十'[n % 10]}`,
    gender,
    idNumber: makeIdNumber({ region: '500106', birthDate, sequence: n % 100, gender }),
    birthDate,
    education: 'bachelor' as const,
    major: '人工智能技术应用',
    phone: `139${String(10_000_000 + n).slice(-8)}`,
    address: '重庆市沙坪坝区大学城中路1号',
    postcode: '401331',
    identity: 'employee' as const,
    qualificationLevel: 3,
    photo: { status: n % 7 === 0 ? ('missing' as const) : ('accepted' as const), reasons: [] },
  };
});

/** Registration `i`, made on demand as an index query would unmarshal it: unit i % 1000, track by parity. */
function registration(i: number): Registration {
  const team = i % 2 === 0;
  const person = (k: number) => people[(i * 2 + k) % people.length]!;
  const createdAt = new Date(Date.parse('2023-08-01T00:00:00Z') + i * 20_000).toISOString();
  return {
    registrationId: `reg_${String(i).padStart(8, '0')}`,
    competitionId: edition.id,
    unitId: `unit_${i % UNITS}`,
    trackId: team ? 'ai-trainer' : 'machine-vision',
    groupId: team ? 'employee' : 'open',
    leader: { name: '王领队', phone: '13700001234' },
    ...(i % 3 === 0 ? { advisor: { name: '李老师', phone: '13600001111' } } : {}),
    contestants: team ? [person(0), person(1)] : [person(0)],
    status: statuses[i % statuses.length]!,
    eligibility: { status: i % 11 === 0 ? 'review' : 'passed', findings: [] },
    version: 1,
    entryVersion: 1,
    createdAt,
    updatedAt: createdAt,
  };
}

/**
 * The two index queries over registrations 0..N-1: byUnit (a unit's, i = u, u + 1000, …) and byCompetition
 * (all, in index order), both optionally by track; the cursor is the next index to look at.
 */
async function list(query: RegistrationQuery): Promise<Page<Registration>> {
  const step = query.unitId ? UNITS : 1;
  let i = query.cursor ? Number(query.cursor) : query.unitId ? Number(query.unitId.slice(5)) : 0;
  const items: Registration[] = [];
  for (; i < REGISTRATIONS && items.length < query.limit; i += step) {
    const trackId = i % 2 === 0 ? 'ai-trainer' : 'machine-vision';
    if (query.trackId === undefined || query.trackId === trackId) items.push(registration(i));
  }
  return { items, ...(i < REGISTRATIONS ? { cursor: String(i) } : {}) };
}

const sheets = (): AsyncGenerator<Sheet> =>
  summarySheets(list, {
    edition,
    units,
    asOf: '2023-09-20T18:00:00.000Z',
    day: '2023-09-21',
    since: '2023-09-19T18:00:00.000Z',
    pageSize: PAGE_SIZE,
  });

/** Counts what reaches it and keeps nothing. */
function sink(): { stream: Writable; bytes: () => number } {
  let bytes = 0;
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
    bytes: () => bytes,
  };
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const benchmark: Benchmark = {
  title: `Summary workbook of ${REGISTRATIONS.toLocaleString('en')} registrations (${UNITS} units, every sheet)`,
  goal: 'Goal (issue 11): xlsx at most 2.0x the CSV+deflate floor in time, 3x in bytes; peak RSS under 256 MB.',
  cases: [
    {
      name: 'floor: CSV + deflate',
      async run() {
        const out = sink();
        let rows = 0;
        // Rows gathered into chunks of about 64 KB: deflate is fastest fed in sizeable pieces.
        async function* csv() {
          let chunk = '';
          for await (const sheet of sheets()) {
            for await (const row of sheet.rows) {
              rows += 1;
              chunk += `${row.cells.map(csvCell).join(',')}\n`;
              if (chunk.length >= 32_768) {
                yield chunk;
                chunk = '';
              }
            }
          }
          yield chunk;
        }
        await pipeline(csv, createDeflate(), out.stream);
        return { rows, bytes: out.bytes() };
      },
    },
    {
      name: 'xlsx: exceljs streaming',
      async run() {
        const out = sink();
        let rows = 0;
        async function* counted() {
          for await (const sheet of sheets()) {
            yield {
              spec: sheet.spec,
              rows: (async function* () {
                for await (const row of sheet.rows) {
                  rows += 1;
                  yield row;
                }
              })(),
            };
          }
        }
        const finished = new Promise((resolve) => out.stream.on('finish', resolve));
        await writeXlsx(out.stream, counted());
        await finished;
        return { rows, bytes: out.bytes() };
      },
    },
  ],
};
