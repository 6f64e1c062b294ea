/**
 * The local EventBridge: an HTTP endpoint that speaks PutEvents (so handlers publish with the real SDK), a
 * pattern matcher fed by the system's rules, and asynchronous delivery with retries and a dead-letter list,
 * as EventBridge does.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { EventBridgeEvent } from 'aws-lambda';
import type { Logger } from '#shared/logging/logger.ts';
import { assertSupportedPattern, matchesPattern } from './event-pattern.ts';
import type { Invoke } from './functions.ts';
import { listenLocally, readBody } from './http.ts';
import { Deliveries, type RetryOptions } from './retry.ts';
import type { LocalRule } from './wiring.ts';

export type BusEvent = EventBridgeEvent<string, unknown>;

export interface DeadLetter {
  rule: string;
  event: BusEvent;
  error: string;
}

/** How many events the bus remembers for /local/events. */
const HISTORY_LIMIT = 2000;

/** Retries as in RetryOptions; EventBridge itself retries a delivery for up to 24 h. */
export interface LocalBusOptions extends RetryOptions {
  busName: string;
  rules: LocalRule[];
  invoke: Invoke;
  log: Logger;
}

export class LocalEventBus {
  readonly published: BusEvent[] = [];
  readonly deadLetters: DeadLetter[] = [];
  private readonly deliveries: Deliveries;
  private refusing = false;
  private readonly listeners = new Set<(event: BusEvent) => void>();

  constructor(private readonly options: LocalBusOptions) {
    for (const rule of options.rules) assertSupportedPattern(rule.pattern, `rule ${rule.rule}`);
    this.deliveries = new Deliveries(options);
  }

  /** Fault injection: while refusing, every entry fails as EventBridge's throttled entries do. */
  refusePublishes(refuse: boolean): void {
    this.refusing = refuse;
  }

  /** Accepts one PutEvents entry; returns its event id or an error code, as PutEvents reports per entry. */
  put(entry: Record<string, unknown>): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    if (this.refusing) {
      return { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded (local fault injection)' };
    }
    const { Source, DetailType, Detail, EventBusName, Time, Resources } = entry;
    if (EventBusName !== undefined && EventBusName !== this.options.busName) {
      return {
        ErrorCode: 'NotAuthorizedForSourceException',
        ErrorMessage: `no event bus ${String(EventBusName)}`,
      };
    }
    if (typeof Source !== 'string' || typeof DetailType !== 'string' || typeof Detail !== 'string') {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail must be a JSON object' };
    }
    const time = typeof Time === 'number' ? new Date(Time * 1000) : new Date();
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': DetailType,
      source: Source,
      account: '000000000000',
      time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: process.env.AWS_REGION ?? 'us-east-1',
      resources: Array.isArray(Resources) ? (Resources as string[]) : [],
      detail,
    };
    this.route(event, 'app');
    return { EventId: event.id };
  }

  /** An event an AWS service sends to the account's default bus (locally: S3 object events). */
  putOnDefaultBus(event: BusEvent): void {
    this.route(event, 'default');
  }

  /** Calls `listener` with every event put on the bus from now on (`published` keeps only the latest). */
  onPublished(listener: (event: BusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private route(event: BusEvent, bus: 'app' | 'default'): void {
    for (const listener of this.listeners) listener(event);
    this.published.push(event);
    if (this.published.length > HISTORY_LIMIT) this.published.shift();
    for (const rule of this.options.rules) {
      if ((rule.bus ?? 'app') === bus && matchesPattern(rule.pattern, event)) this.deliver(rule, event);
    }
  }

  /** Resolves when every delivery started so far has finished (tests use it instead of sleeping). */
  settled(): Promise<void> {
    return this.deliveries.settled();
  }

  private deliver(rule: LocalRule, event: BusEvent): void {
    this.deliveries.start(
      () => this.options.invoke(rule.functionName, event),
      (error) => {
        this.deadLetters.push({ rule: rule.rule, event, error: (error as Error).message });
        this.options.log.error(
          'event delivery failed; sent to dead letters',
          { rule: rule.rule, eventId: event.id, detailType: event['detail-type'] },
          error,
        );
      },
    );
  }
}

/** Serves the PutEvents action of the EventBridge JSON protocol on 127.0.0.1. */
export async function serveEventBus(bus: LocalEventBus): Promise<{ server: Server; endpoint: string }> {
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const reply = (status: number, answer: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(answer));
    };
    if (req.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
      return reply(400, { __type: 'UnknownOperationException', message: 'only PutEvents is served locally' });
    }
    let input: { Entries?: unknown };
    try {
      input = JSON.parse(body.toString('utf8')) as { Entries?: unknown };
    } catch {
      return reply(400, { __type: 'SerializationException', message: 'body is not JSON' });
    }
    const entries = Array.isArray(input.Entries) ? (input.Entries as Record<string, unknown>[]) : [];
    if (entries.length < 1 || entries.length > 10) {
      return reply(400, { __type: 'ValidationException', message: 'Entries must hold 1 to 10 entries' });
    }
    const results = entries.map((e) => bus.put(e));
    reply(200, { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results });
  });
  return { server, endpoint: await listenLocally(server) };
}
