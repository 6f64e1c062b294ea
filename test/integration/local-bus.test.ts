/**
 * The local EventBridge, driven by the real SDK over HTTP: envelope shape, rule matching, retries and dead
 * letters, per-entry errors, and settled() as the way to wait for deliveries.
 */
import type { Server } from 'node:http';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalEventBus, serveEventBus } from '#infra/local/event-bus.ts';
import type { LocalRule } from '#infra/local/wiring.ts';
import { createLogger } from '#shared/logging/logger.ts';

const BUS = 'bayu-local-test';
const ATTEMPTS = 3;

const RULES: LocalRule[] = [
  {
    rule: 'on-submitted',
    pattern: { source: ['bayu.registration'], 'detail-type': ['RegistrationSubmitted'] },
    functionName: 'notify-submitted',
  },
  {
    rule: 'on-withdrawn',
    pattern: { source: ['bayu.registration'], 'detail-type': ['RegistrationWithdrawn'] },
    functionName: 'notify-withdrawn',
  },
  {
    rule: 'on-machine-vision',
    pattern: { source: ['bayu.registration'], detail: { data: { trackId: ['machine-vision'] } } },
    functionName: 'machine-vision-audit',
  },
  {
    rule: 'on-failing-target',
    pattern: { source: ['test.failing'] },
    functionName: 'always-fails',
  },
  {
    rule: 'on-flaky-target',
    pattern: { source: ['test.flaky'] },
    functionName: 'fails-once',
  },
];

const logLines: string[] = [];
let flakyCalls = 0;
/** Lets a test hold a delivery open until it says so. */
let gate: Promise<void> | undefined;

const invoke = vi.fn(async (functionName: string, _event: unknown): Promise<unknown> => {
  if (gate) await gate;
  if (functionName === 'always-fails') throw new Error('target is down');
  if (functionName === 'fails-once' && ++flakyCalls === 1) throw new Error('first call fails');
  return undefined;
});

let bus: LocalEventBus;
let server: Server;
let client: EventBridgeClient;
let endpoint: string;

beforeAll(async () => {
  // The envelope's region comes from the process settings, as a Lambda's AWS_REGION does.
  process.env.AWS_REGION = 'us-east-1';
  bus = new LocalEventBus({
    busName: BUS,
    rules: RULES,
    invoke,
    log: createLogger({}, (line) => logLines.push(line)),
    attempts: ATTEMPTS,
    retryDelayMs: 1,
  });
  const served = await serveEventBus(bus);
  server = served.server;
  endpoint = served.endpoint;
  client = new EventBridgeClient({
    endpoint: served.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterEach(async () => {
  gate = undefined;
  await bus.settled();
  invoke.mockClear();
  flakyCalls = 0;
  logLines.length = 0;
  bus.published.length = 0;
  bus.deadLetters.length = 0;
});

afterAll(async () => {
  client.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const detailOf = (trackId: string) => ({
  metadata: { id: 'evt-1', version: 1, occurredAt: '2023-08-01T02:00:00.000Z', correlationId: 'corr-1' },
  data: { registrationId: 'reg_1', trackId },
});

const entry = (overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
  EventBusName: BUS,
  Source: 'bayu.registration',
  DetailType: 'RegistrationSubmitted',
  Detail: JSON.stringify(detailOf('ai-trainer')),
  ...overrides,
});

const put = (...entries: PutEventsRequestEntry[]) => client.send(new PutEventsCommand({ Entries: entries }));
const invokedFunctions = () => invoke.mock.calls.map(([name]) => name).sort();

describe('LocalEventBus over PutEvents', () => {
  it('wraps an entry in an EventBridge envelope', async () => {
    const result = await put(
      entry({ Time: new Date('2023-08-01T02:00:00.789Z'), Resources: ['arn:aws:s3:::bayu-photos/a.jpg'] }),
    );
    await bus.settled();

    expect(result.FailedEntryCount).toBe(0);
    expect(bus.published).toHaveLength(1);
    const event = bus.published[0]!;
    expect(event).toEqual({
      version: '0',
      id: result.Entries![0]!.EventId,
      'detail-type': 'RegistrationSubmitted',
      source: 'bayu.registration',
      account: expect.stringMatching(/^\d{12}$/),
      time: '2023-08-01T02:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:s3:::bayu-photos/a.jpg'],
      detail: detailOf('ai-trainer'),
    });
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('stamps an entry without Time with the current second and no resources', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;

    await put(entry());

    const event = bus.published[0]!;
    expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(event.time)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(event.time)).toBeLessThanOrEqual(Date.now());
    expect(event.resources).toEqual([]);
  });

  it('delivers the event to the targets of matching rules only', async () => {
    await put(entry({ Detail: JSON.stringify(detailOf('machine-vision')) }));
    await bus.settled();

    expect(invokedFunctions()).toEqual(['machine-vision-audit', 'notify-submitted']);
    for (const [, delivered] of invoke.mock.calls) expect(delivered).toEqual(bus.published[0]);
  });

  it('delivers to no target when no rule matches, but still accepts the event', async () => {
    const result = await put(entry({ Source: 'other.source', DetailType: 'Something' }));
    await bus.settled();

    expect(result.FailedEntryCount).toBe(0);
    expect(bus.published).toHaveLength(1);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('routes each entry of a batch on its own', async () => {
    await put(
      entry(),
      entry({ DetailType: 'RegistrationWithdrawn' }),
      entry({ DetailType: 'RegistrationAmended' }),
    );
    await bus.settled();

    expect(bus.published.map((e) => e['detail-type'])).toEqual([
      'RegistrationSubmitted',
      'RegistrationWithdrawn',
      'RegistrationAmended',
    ]);
    expect(invokedFunctions()).toEqual(['notify-submitted', 'notify-withdrawn']);
  });

  it('retries a failing target, then records the event in the dead letters', async () => {
    await put(entry({ Source: 'test.failing', Detail: JSON.stringify({ secret: '13912345678' }) }));
    await bus.settled();

    expect(invoke).toHaveBeenCalledTimes(ATTEMPTS);
    expect(bus.deadLetters).toEqual([
      { rule: 'on-failing-target', event: bus.published[0], error: 'target is down' },
    ]);
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0]!)).toMatchObject({ level: 'error', rule: 'on-failing-target' });
    expect(logLines[0]).not.toContain('13912345678');
  });

  it('does not dead-letter an event whose target succeeds on a retry', async () => {
    await put(entry({ Source: 'test.flaky' }));
    await bus.settled();

    expect(invoke).toHaveBeenCalledTimes(2);
    expect(bus.deadLetters).toEqual([]);
  });

  it('reports malformed entries one by one and publishes the others', async () => {
    const result = await put(
      entry(),
      entry({ Detail: '{not json' }),
      entry({ Detail: '["an", "array"]' }),
      entry({ Detail: '"a string"' }),
      { EventBusName: BUS, DetailType: 'RegistrationSubmitted', Detail: '{}' },
    );
    await bus.settled();

    expect(result.FailedEntryCount).toBe(4);
    expect(result.Entries).toEqual([
      { EventId: bus.published[0]!.id },
      expect.objectContaining({ ErrorCode: 'MalformedDetail' }),
      expect.objectContaining({ ErrorCode: 'MalformedDetail' }),
      expect.objectContaining({ ErrorCode: 'MalformedDetail' }),
      expect.objectContaining({ ErrorCode: 'InvalidArgument' }),
    ]);
    expect(bus.published).toHaveLength(1);
    expect(invokedFunctions()).toEqual(['notify-submitted']);
  });

  it('refuses entries for another bus', async () => {
    const result = await put(entry({ EventBusName: 'some-other-bus' }));
    await bus.settled();

    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries![0]!.ErrorCode).toEqual(expect.any(String));
    expect(result.Entries![0]!.ErrorMessage).toContain('some-other-bus');
    expect(result.Entries![0]!.EventId).toBeUndefined();
    expect(bus.published).toEqual([]);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses a request with more than 10 entries as a whole', async () => {
    const eleven = Array.from({ length: 11 }, () => entry());

    await expect(put(...eleven)).rejects.toMatchObject({ name: 'ValidationException' });
    expect(bus.published).toEqual([]);
  });

  it('settled() resolves only once the deliveries started so far have finished', async () => {
    let open!: () => void;
    gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    await put(entry());
    let settled = false;
    const waiting = bus.settled().then(() => {
      settled = true;
    });

    await new Promise((resolve) => setImmediate(resolve));
    const settledWhileBlocked = settled;
    open();
    await waiting;

    expect(settledWhileBlocked).toBe(false);
    expect(settled).toBe(true);
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it('settled() also waits for retries still to come', async () => {
    await put(entry({ Source: 'test.failing' }));

    await bus.settled();

    expect(invoke).toHaveBeenCalledTimes(ATTEMPTS);
    expect(bus.deadLetters).toHaveLength(1);
  });
});

describe('serveEventBus', () => {
  it('answers other EventBridge operations with UnknownOperationException', async () => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.ListRules' },
      body: '{}',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
