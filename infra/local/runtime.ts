/**
 * The whole system on one machine: the stand-ins, the table and bucket, the real handlers behind a local
 * gateway, the event bus and the stream mapping, all wired from the system description and bound to 127.0.0.1.
 * `npm start` runs it; integration tests start one per test file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { DynamoEditionStore } from '#shared/adapters/dynamodb/edition-store.ts';
import { envClock } from '#shared/adapters/env-clock.ts';
import { accessDeps } from '#shared/composition.ts';
import { ENV } from '#shared/config/env-names.ts';
import { parseEdition } from '#shared/domain/edition.ts';
import { createLogger, type Logger } from '#shared/logging/logger.ts';
import { newKey } from '#shared/security/tokens.ts';
import { bootstrapAdmin } from '#shared/use-cases/access.ts';
import { originOf, photoUploadCors } from '../photo-upload-cors.ts';
import { functions, repositoryEditions } from '../system.ts';
import { LocalEventBus, serveEventBus } from './event-bus.ts';
import { type Invoke, loadFunctions, localFunctionArn } from './functions.ts';
import { type LocalHelper, startGateway } from './gateway.ts';
import { closeServer } from './http.ts';
import { ensureBucket, ensureTable } from './provision.ts';
import { objectCreatedEvents } from './s3-events.ts';
import { LocalScheduler } from './scheduler.ts';
import { serveSchedulerApi } from './scheduler-api.ts';
import { startDynamoDbLocal } from './stand-ins/dynamodb-local.ts';
import { startS3 } from './stand-ins/s3.ts';
import { startSes } from './stand-ins/ses.ts';
import { StreamPoller } from './stream-poller.ts';
import { guardTable } from './table-guard.ts';
import { type LocalSchedule, localWiring } from './wiring.ts';

export const LOCAL_NAMES = {
  table: 'bayu-local',
  bus: 'bayu-local',
  bucket: 'bayu-local-photos',
  scheduleGroup: 'bayu-local-one-time',
} as const;
const LOCAL_MAIL_FROM = 'registration@bayu-local.example';

/** The admin account whose key the secretariat token is. */
export const LOCAL_ADMIN = {
  accountId: 'acct_local-admin',
  name: '执委会管理员',
  email: 'secretariat@bayu-local.example',
} as const;

export interface LocalRuntimeOptions {
  port?: number;
  /** Where the stand-ins keep data across restarts; omitted: in memory and a temporary folder, gone on stop. */
  dataDir?: string;
  secretariatToken?: string;
  /** The instant the clock starts at (then it runs in real time); omitted: the machine's clock. */
  clockStart?: string;
  /** Extra editions to seed besides the repository's (tests prove a new edition needs no code). */
  editions?: unknown[];
  log?: Logger;
  /**
   * How the local bus retries a failed delivery (default 3 attempts, 200 ms apart and growing). Lambda retries
   * an asynchronous event for minutes; tests of an outage lengthen this to span it.
   */
  deliveryRetries?: { attempts: number; retryDelayMs: number };
}

/**
 * Dependencies taken down and brought back while the system runs, as an outage would: the handlers, the
 * stream mapping and the bus see exactly what they would see in AWS.
 */
export interface LocalFaults {
  /** Stops DynamoDB Local (needs `dataDir`: the tables stay on disk). */
  stopDynamoDb(): Promise<void>;
  /** Starts DynamoDB Local again on the same port and data folder. */
  startDynamoDb(): Promise<void>;
  /** Stops the SES stand-in (its mailbox stays: the store lives in this process). */
  stopSes(): Promise<void>;
  /** Starts the SES stand-in again on the same port. */
  startSes(): Promise<void>;
  /** While true, the bus refuses every PutEvents entry, as EventBridge does when it throttles. */
  refusePublishes(refuse: boolean): void;
}

export interface LocalRuntime {
  baseUrl: string;
  secretariatToken: string;
  /** True when the secretariat token was generated here rather than given. */
  generatedToken: boolean;
  bus: LocalEventBus;
  poller: StreamPoller;
  scheduler: LocalScheduler;
  sesEndpoint: string;
  faults: LocalFaults;
  /** Moves the clock so that it reads `instant` now, then runs on. */
  setClock(instant: string | number): void;
  stop(): Promise<void>;
}

function setClock(instant: string | number): void {
  const target = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(target)) throw new Error(`not an instant: ${instant}`);
  process.env[ENV.clockOffsetMs] = String(target - Date.now());
}

/** A value kept in the data folder so it survives restarts (or made fresh when there is none). */
function persisted(dataDir: string | undefined, file: string, make: () => string): string {
  if (!dataDir) return make();
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const value = make();
  writeFileSync(path, value, { mode: 0o600 });
  return value;
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const log = options.log ?? createLogger({ component: 'local-runtime' });
  const dataDir = options.dataDir;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const s3Dir = dataDir ? join(dataDir, 's3') : mkdtempSync(join(tmpdir(), 'bayu-s3-'));

  const dynamoDir = dataDir ? join(dataDir, 'dynamodb') : undefined;
  const [dynamo, s3, ses] = await Promise.all([
    restartable((port) => startDynamoDbLocal({ port, ...(dynamoDir ? { dataDir: dynamoDir } : {}) })),
    startS3({ directory: s3Dir }),
    restartable((port) => startSes({ port })),
  ]);

  // The bus needs the handlers, and the handlers need the bus's endpoint in their environment first.
  let invoke: Invoke = async () => {
    throw new Error('functions not loaded yet');
  };
  const wiring = localWiring(functions);
  const bus = new LocalEventBus({
    busName: LOCAL_NAMES.bus,
    rules: wiring.rules,
    invoke: (n, e) => invoke(n, e),
    log,
    ...(options.deliveryRetries ?? {}),
  });
  const busServer = await serveEventBus(bus);
  // The bucket's object events reach the default bus's rules, as `eventBridgeEnabled` makes them do in AWS.
  s3.server.on('event', (notification) => {
    for (const event of objectCreatedEvents(notification)) bus.putOnDefaultBus(event);
  });

  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    // s3rver accepts only its own key pair; the other stand-ins accept any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamo.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    AWS_ENDPOINT_URL_SES: ses.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: busServer.endpoint,
    [ENV.tableName]: LOCAL_NAMES.table,
    [ENV.eventBusName]: LOCAL_NAMES.bus,
    [ENV.bucketName]: LOCAL_NAMES.bucket,
    [ENV.s3ForcePathStyle]: 'true',
    [ENV.idHashKey]: persisted(dataDir, 'id-hash-key', () => randomBytes(32).toString('base64url')),
    [ENV.cursorKey]: persisted(dataDir, 'cursor-key', () => randomBytes(32).toString('base64url')),
    [ENV.webhookKey]: persisted(dataDir, 'webhook-key', () => randomBytes(32).toString('base64url')),
    // Receivers on this machine (tests, a developer's) listen on http://127.0.0.1; no deployment sets this.
    [ENV.webhookLocalHttp]: 'true',
    // The SES stand-in takes any sender; a deployment sets its own verified one.
    [ENV.mailFrom]: process.env[ENV.mailFrom] || LOCAL_MAIL_FROM,
  });
  setClock(options.clockStart ?? Date.now());

  const dynamoClient = new DynamoDBClient({});
  const s3Client = new S3Client({ forcePathStyle: true });
  await Promise.all([
    ensureTable(dynamoClient, LOCAL_NAMES.table),
    ensureBucket(s3Client, LOCAL_NAMES.bucket),
  ]);

  const editions = new DynamoEditionStore(documentClient(), LOCAL_NAMES.table);
  // The same editions the stateful stack seeds, plus any the caller brings.
  for (const edition of [...repositoryEditions(), ...(options.editions ?? []).map(parseEdition)]) {
    await editions.put(edition);
  }
  const generatedToken = !options.secretariatToken;
  const secretariatToken =
    options.secretariatToken ?? persisted(dataDir, 'secretariat-token', () => newKey('secretariat'));
  // The secretariat token is the first admin's key (once: a restart finds it and changes nothing).
  await bootstrapAdmin(accessDeps(), { ...LOCAL_ADMIN, secret: secretariatToken });

  // Every function's table requests are held to its declared partitions from here on (the seeding is done).
  guardTable(documentClient());
  invoke = await loadFunctions(functions);

  const { Table } = await dynamoClient.send(new DescribeTableCommand({ TableName: LOCAL_NAMES.table }));
  const streamsClient = new DynamoDBStreamsClient({});
  const pollers = wiring.streamConsumers.map(
    (consumer, i) =>
      new StreamPoller({
        client: streamsClient,
        streamArn: Table!.LatestStreamArn!,
        consumer,
        invoke,
        log,
        ...(dataDir ? { checkpointFile: join(dataDir, `stream-checkpoints-${i}.json`) } : {}),
      }),
  );
  for (const p of pollers) p.start();

  const helpers: Record<string, LocalHelper> = {
    'GET /local/events': async () => ({ status: 200, body: bus.published }),
    'GET /local/dead-letters': async () => ({
      status: 200,
      body: {
        events: bus.deadLetters,
        streamRecords: pollers.flatMap((p) => p.deadLetters),
        schedules: scheduler.deadLetters,
      },
    }),
    'GET /local/clock': async () => ({ status: 200, body: clockView() }),
    // The mails as the SES stand-in stored them (its web inbox at sesEndpoint shows the same to a person).
    'GET /local/outbox': async () => {
      const response = await fetch(`${ses.endpoint}/store`);
      return { status: 200, body: await response.json() };
    },
    'PUT /local/clock': async (_req, body) => {
      const now = (JSON.parse(body || '{}') as { now?: unknown }).now;
      if (typeof now !== 'string' || Number.isNaN(Date.parse(now))) {
        return {
          status: 422,
          body: { code: 'VALIDATION_FAILED', detail: 'send {"now": "<ISO 8601 instant>"}' },
        };
      }
      setClock(now);
      return { status: 200, body: clockView() };
    },
  };
  // Schedules made at run time (the ends of overrides) are kept in the data folder until they fire.
  const oneTimeFile = dataDir && join(dataDir, 'one-time-schedules.json');
  const keepOneTime = () => {
    if (oneTimeFile) writeFileSync(oneTimeFile, JSON.stringify(scheduler.pendingOneTime()));
  };
  const scheduler = new LocalScheduler({
    schedules: wiring.schedules,
    invoke,
    nowMs: () => envClock.nowMs(),
    clockSetting: () => process.env[ENV.clockOffsetMs] ?? '',
    log,
    onOneTimeFired: keepOneTime,
  });
  if (oneTimeFile && existsSync(oneTimeFile)) {
    for (const kept of JSON.parse(readFileSync(oneTimeFile, 'utf8')) as LocalSchedule[]) {
      scheduler.add(kept, { once: true });
    }
  }
  const schedulerApi = await serveSchedulerApi(scheduler, {
    groupName: LOCAL_NAMES.scheduleGroup,
    functionsByArn: new Map(functions.map((spec) => [localFunctionArn(spec.name), spec.name])),
    onCreated: keepOneTime,
  });
  Object.assign(process.env, oneTimeScheduleEnvironment(schedulerApi.endpoint));
  const gateway = await startGateway({
    routes: wiring.routes,
    invoke,
    helpers,
    port: options.port ?? 0,
    onError: (error) => log.error('gateway failure', {}, error),
  });
  // Known once the gateway listens (its port is chosen then); read by handlers at their first link.
  process.env[ENV.apiUrl] = gateway.baseUrl;
  process.env[ENV.localDeadLettersUrl] = `${gateway.baseUrl}/local/dead-letters`;
  // The web app, served by the gateway, posts photos straight to the S3 stand-in: its CORS rule names that origin.
  const cors = photoUploadCors([originOf(gateway.baseUrl)]);
  await s3Client.send(
    new PutBucketCorsCommand({
      Bucket: LOCAL_NAMES.bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: cors.allowedOrigins,
            AllowedMethods: cors.allowedMethods,
            AllowedHeaders: cors.allowedHeaders,
            MaxAgeSeconds: cors.maxAgeSeconds,
          },
        ],
      },
    }),
  );

  // The clock starts at clockStart when the system is ready, not when the start began: starting two seconds
  // before a deadline then leaves two seconds before it, whatever the start took.
  if (options.clockStart) setClock(options.clockStart);
  scheduler.start();

  return {
    baseUrl: gateway.baseUrl,
    secretariatToken,
    generatedToken,
    bus,
    poller: pollers[0]!,
    scheduler,
    sesEndpoint: ses.endpoint,
    faults: {
      stopDynamoDb: async () => {
        if (!dynamoDir) throw new Error('DynamoDB Local keeps its tables across a stop only with a dataDir');
        await dynamo.stop();
      },
      startDynamoDb: () => dynamo.start(),
      stopSes: () => ses.stop(),
      startSes: () => ses.start(),
      refusePublishes: (refuse) => bus.refusePublishes(refuse),
    },
    setClock,
    async stop() {
      await closeServer(gateway.server);
      await scheduler.stop();
      await closeServer(schedulerApi.server);
      await Promise.all(pollers.map((p) => p.stop()));
      await bus.settled();
      await closeServer(busServer.server);
      dynamoClient.destroy();
      s3Client.destroy();
      streamsClient.destroy();
      await Promise.all([dynamo.stop(), s3.stop(), ses.stop()]);
      if (!dataDir) rmSync(s3Dir, { recursive: true, force: true });
    },
  };
}

interface StandIn {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * A stand-in that can be stopped and started again on the port it first got, so that every client keeps its
 * endpoint across the outage.
 */
async function restartable(start: (port: number) => Promise<StandIn>) {
  let running: StandIn | undefined = await start(0);
  const endpoint = running.endpoint;
  const port = Number(new URL(endpoint).port);
  return {
    endpoint,
    async stop() {
      const stopping = running;
      running = undefined;
      await stopping?.stop();
    },
    async start() {
      running ??= await start(port);
    },
  };
}

/**
 * What the functions that make one-time schedules are told: the local Scheduler endpoint, the group and the
 * function the schedules invoke. The handlers share one environment here, so the system may name one target.
 */
function oneTimeScheduleEnvironment(endpoint: string): Record<string, string> {
  const targets = new Set(functions.flatMap((spec) => spec.access.oneTimeSchedules?.invokes ?? []));
  if (targets.size > 1) throw new Error(`the local runtime can target one-time schedules at one function`);
  const [target] = targets;
  if (!target) return {};
  return {
    AWS_ENDPOINT_URL_SCHEDULER: endpoint,
    [ENV.oneTimeScheduleGroup]: LOCAL_NAMES.scheduleGroup,
    [ENV.oneTimeScheduleTargetArn]: localFunctionArn(target),
    // Scheduler needs a role to name; the local scheduler invokes in-process and assumes nothing.
    [ENV.oneTimeScheduleRoleArn]: 'arn:aws:iam::000000000000:role/bayu-local-scheduler',
  };
}

function clockView() {
  const offsetMs = Number(process.env[ENV.clockOffsetMs] ?? 0);
  return { now: new Date(Date.now() + offsetMs).toISOString(), offsetMs };
}
