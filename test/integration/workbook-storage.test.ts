/**
 * The workbook storage against the S3 stand-in: a workbook larger than two S3 parts streams through a real
 * multipart upload and reads back whole; an upload that fails stops the writer with the error instead of
 * leaving it waiting for a drain.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3WorkbookStorage } from '#shared/adapters/s3-workbook-storage.ts';
import type { Sheet, SheetRow } from '#shared/domain/sheet.ts';
import { type S3StandIn, startS3 } from '../../infra/local/stand-ins/s3.ts';

const BUCKET = 'workbooks';
/** Random text barely compresses: this many rows make a workbook of about 12 MB, three 5 MB parts. */
const ROWS = 60_000;

let s3: S3StandIn;
let client: S3Client;
let dir: string;
/** The name of every command the client sends. */
const sentCommands: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workbook-storage-test-'));
  s3 = await startS3({ directory: dir });
  client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    // s3rver checks the access key id against its single built-in account (it does not verify signatures).
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
  });
  client.middlewareStack.add(
    (next, context) => (args) => {
      sentCommands.push(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize' },
  );
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Row `i`: its number, then random text (the same for a row number on every call, for checking). */
function randomRows(count: number): {
  rows: () => AsyncGenerator<SheetRow>;
  expected: (i: number) => string;
} {
  const texts = Array.from({ length: count }, () => randomBytes(192).toString('base64'));
  return {
    async *rows() {
      yield { cells: ['序号', '内容'], style: 'header' };
      for (let i = 0; i < count; i++) yield { cells: [i + 1, texts[i] ?? ''], style: 'data' };
    },
    expected: (i) => texts[i] ?? '',
  };
}

async function* oneSheet(rows: AsyncIterable<SheetRow>): AsyncGenerator<Sheet> {
  yield {
    spec: { name: '总表', columns: [{ width: 8 }, { width: 100 }], print: { orientation: 'portrait' } },
    rows,
  };
}

describe('S3WorkbookStorage', () => {
  it('streams a workbook of several parts through a multipart upload, every row intact', async () => {
    const { rows, expected } = randomRows(ROWS);
    sentCommands.length = 0;
    const storage = new S3WorkbookStorage(client, BUCKET);
    const { bytes } = await storage.writeWorkbook('summaries/big.xlsx', oneSheet(rows()));

    expect(bytes).toBeGreaterThan(2 * 5 * 1024 * 1024);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'summaries/big.xlsx' }));
    expect(head.ContentLength).toBe(bytes);
    expect(head.ContentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sentCommands.filter((name) => name === 'UploadPartCommand')).toHaveLength(3);

    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'summaries/big.xlsx' }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await object.Body!.transformToByteArray()) as never);
    const sheet = workbook.getWorksheet('总表')!;
    expect(sheet.rowCount).toBe(ROWS + 1);
    for (const i of [0, 1, 29_999, ROWS - 1]) {
      expect(sheet.getRow(i + 2).getCell(1).value).toBe(i + 1);
      expect(sheet.getRow(i + 2).getCell(2).value).toBe(expected(i));
    }
  }, 120_000);

  it('fails with the upload’s error when the bucket cannot take it, instead of waiting for ever', async () => {
    const { rows } = randomRows(ROWS);
    const storage = new S3WorkbookStorage(client, 'no-such-bucket');
    // Before the writer learnt to give up, this waited for a drain until the test timed out.
    await expect(storage.writeWorkbook('summaries/lost.xlsx', oneSheet(rows()))).rejects.toThrow(
      /bucket does not exist/i,
    );
  }, 120_000);

  it('fails with the reading error, and aborts the upload, when the rows stop coming', async () => {
    const { rows } = randomRows(ROWS);
    sentCommands.length = 0;
    async function* brokenOff(): AsyncGenerator<SheetRow> {
      let n = 0;
      for await (const row of rows()) {
        if (++n > 40_000) throw new Error('DynamoDB read failed');
        yield row;
      }
    }
    const storage = new S3WorkbookStorage(client, BUCKET);
    await expect(storage.writeWorkbook('summaries/cut.xlsx', oneSheet(brokenOff()))).rejects.toThrow(
      'DynamoDB read failed',
    );
    // Parts had gone up (40,000 rows are more than 5 MB): the upload is aborted, its parts discarded.
    expect(sentCommands).toContain('UploadPartCommand');
    expect(sentCommands).toContain('AbortMultipartUploadCommand');
    await expect(
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'summaries/cut.xlsx' })),
    ).rejects.toThrow();
  }, 120_000);
});
