/**
 * The embedded stand-ins start, answer a real SDK call, listen on 127.0.0.1 only and leave nothing behind.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { endianness, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../infra/local/stand-ins/dynamodb-local.ts';
import { type S3rverEvent, startS3 } from '../../infra/local/stand-ins/s3.ts';
import { startSes } from '../../infra/local/stand-ins/ses.ts';

// Read by the SDK when a client is constructed, which happens below, after the imports.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
// s3rver checks the access key id against its single built-in account (it does not verify signatures).
const s3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Decodes one address of /proc/net/tcp{,6}: 32-bit words, each printed in host byte order. */
function decodeProcAddress(hex: string): string {
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    const wordBytes = (hex.slice(word, word + 8).match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16));
    bytes.push(...(endianness() === 'LE' ? wordBytes.reverse() : wordBytes));
  }
  if (bytes.length === 4) return bytes.join('.');
  const isV4Mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isV4Mapped) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Local addresses of every socket in LISTEN state on `port`, as the kernel reports them. */
function listenAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue; // No IPv6 in this kernel.
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (local === undefined || state !== '0A') continue;
      const [addressHex, portHex] = local.split(':');
      if (addressHex && portHex && Number.parseInt(portHex, 16) === port)
        addresses.push(decodeProcAddress(addressHex));
    }
  }
  return addresses;
}

/** This machine's own non-loopback addresses (link-local IPv6 left out: it needs a scope to connect to). */
function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((infos) => infos ?? [])
    .filter((info) => !info.internal && !info.address.startsWith('fe80:'))
    .map((info) => info.address);
}

/** 'refused' unless something accepts connections on address:port. */
function tryConnect(address: string, port: number): Promise<'connected' | 'refused'> {
  return new Promise((done) => {
    const socket = connect({ host: address, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      done('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      done('refused');
    });
    socket.once('error', () => done('refused'));
  });
}

async function expectLoopbackOnly(endpoint: string): Promise<void> {
  const port = Number(new URL(endpoint).port);
  expect(new URL(endpoint).hostname).toBe('127.0.0.1');
  const listening = listenAddresses(port);
  expect(listening.length).toBeGreaterThan(0);
  for (const address of listening) expect(['127.0.0.1', '::ffff:127.0.0.1']).toContain(address);
  // The same from the outside: via the machine's own interface addresses nothing answers.
  for (const address of externalAddresses()) expect(await tryConnect(address, port)).toBe('refused');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Stops whatever a failed test left running, so that no Java process or server outlives the file.
const running: (() => Promise<void>)[] = [];
const tempDirs: string[] = [];
afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((stop) => stop()));
});
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stand-ins-test-'));
  tempDirs.push(dir);
  return dir;
}

async function blockedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

describe('DynamoDB Local stand-in', () => {
  it('round-trips an item, listens on 127.0.0.1 only and is gone after stop()', async () => {
    const started = performance.now();
    const ddb = await startDynamoDbLocal({});
    running.push(ddb.stop);
    console.info(`DynamoDB Local ready in ${Math.round(performance.now() - started)} ms`);

    const client = new DynamoDBClient(clientConfig(ddb.endpoint));
    await client.send(
      new CreateTableCommand({
        TableName: 'StandIn',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await client.send(new PutItemCommand({ TableName: 'StandIn', Item: { pk: { S: 'a' }, n: { N: '42' } } }));
    const got = await client.send(new GetItemCommand({ TableName: 'StandIn', Key: { pk: { S: 'a' } } }));
    expect(got.Item).toEqual({ pk: { S: 'a' }, n: { N: '42' } });
    client.destroy();

    await expectLoopbackOnly(ddb.endpoint);

    await ddb.stop();
    expect(isAlive(ddb.pid)).toBe(false);
    expect(listenAddresses(Number(new URL(ddb.endpoint).port))).toEqual([]);
  }, 60_000);

  it('keeps tables in dataDir across restarts', async () => {
    const dataDir = await tempDir();
    const first = await startDynamoDbLocal({ dataDir });
    running.push(first.stop);
    const client = new DynamoDBClient(clientConfig(first.endpoint));
    await client.send(
      new CreateTableCommand({
        TableName: 'Persisted',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    client.destroy();
    await first.stop();

    const second = await startDynamoDbLocal({ dataDir });
    running.push(second.stop);
    const again = new DynamoDBClient(clientConfig(second.endpoint));
    expect((await again.send(new ListTablesCommand({}))).TableNames).toEqual(['Persisted']);
    again.destroy();
    await second.stop();
  }, 60_000);

  it('rejects with the JVM output when the port is taken', async () => {
    const blocker = await blockedPort();
    try {
      await expect(startDynamoDbLocal({ port: blocker.port })).rejects.toThrow(/Failed to bind/);
    } finally {
      blocker.server.close();
    }
  }, 60_000);
});

describe('S3 stand-in (s3rver)', () => {
  it('puts, gets and pages objects, emits events and listens on 127.0.0.1 only', async () => {
    const s3 = await startS3({ directory: await tempDir() });
    running.push(s3.stop);
    const events: S3rverEvent[] = [];
    s3.server.on('event', (event) => events.push(event));

    const client = new S3Client({
      ...clientConfig(s3.endpoint),
      credentials: s3Credentials,
      forcePathStyle: true,
    });
    await client.send(new CreateBucketCommand({ Bucket: 'stand-in' }));
    for (const key of ['a.txt', 'b.txt', 'c.txt']) {
      await client.send(new PutObjectCommand({ Bucket: 'stand-in', Key: key, Body: `body of ${key}` }));
    }
    const got = await client.send(new GetObjectCommand({ Bucket: 'stand-in', Key: 'b.txt' }));
    expect(await got.Body?.transformToString()).toBe('body of b.txt');
    expect(events.map((event) => event.Records[0]?.eventName)).toEqual(Array(3).fill('ObjectCreated:Put'));

    // Continuation tokens are DES-encrypted by s3rver: this fails on Node 20 without the runtime patch.
    const page1 = await client.send(new ListObjectsV2Command({ Bucket: 'stand-in', MaxKeys: 2 }));
    expect(page1.IsTruncated).toBe(true);
    const page2 = await client.send(
      new ListObjectsV2Command({
        Bucket: 'stand-in',
        MaxKeys: 2,
        ContinuationToken: page1.NextContinuationToken,
      }),
    );
    expect([...(page1.Contents ?? []), ...(page2.Contents ?? [])].map((object) => object.Key)).toEqual([
      'a.txt',
      'b.txt',
      'c.txt',
    ]);
    client.destroy();

    await expectLoopbackOnly(s3.endpoint);
    await s3.stop();
    expect(listenAddresses(Number(new URL(s3.endpoint).port))).toEqual([]);
  });

  it('rejects when the port is taken', async () => {
    const blocker = await blockedPort();
    try {
      await expect(startS3({ port: blocker.port, directory: await tempDir() })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.server.close();
    }
  });
});

describe('SES stand-in (aws-ses-v2-local)', () => {
  it('accepts SESv2 SendEmail, shows it in /store and listens on 127.0.0.1 only', async () => {
    const ses = await startSes({});
    running.push(ses.stop);
    await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' });

    const client = new SESv2Client(clientConfig(ses.endpoint));
    const sent = await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@example.org',
        Destination: { ToAddresses: ['contestant@example.org'] },
        Content: {
          Simple: {
            Subject: { Data: '报名确认', Charset: 'UTF-8' },
            Body: { Text: { Data: 'Registration received.', Charset: 'UTF-8' } },
          },
        },
      }),
    );
    client.destroy();
    expect(sent.MessageId).toBeTruthy();

    const store = (await (await fetch(`${ses.endpoint}/store`)).json()) as {
      emails: { messageId: string; from: string; subject: string; destination: { to: string[] } }[];
    };
    expect(store.emails).toEqual([
      expect.objectContaining({
        messageId: sent.MessageId,
        from: 'noreply@example.org',
        subject: '报名确认',
        destination: expect.objectContaining({ to: ['contestant@example.org'] }),
      }),
    ]);

    await expectLoopbackOnly(ses.endpoint);
    await ses.stop();
    expect(listenAddresses(Number(new URL(ses.endpoint).port))).toEqual([]);
  });

  it('rejects when the port is taken', async () => {
    const blocker = await blockedPort();
    try {
      await expect(startSes({ port: blocker.port })).rejects.toThrow(/could not listen/);
    } finally {
      blocker.server.close();
    }
  });
});
