/**
 * Signed webhooks (Standard Webhooks 1.0): an endpoint belongs to an owner and receives the events its owner may
 * see in the change feed, as the feed's thin items. What the API shows of endpoints and their delivery attempts.
 */
import * as z from 'zod';
import { type FeedStream, feedStreamsOf } from './change-feed.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';

/** Who an endpoint belongs to: the secretariat as a whole (any member manages its endpoints), or one portal. */
export type WebhookOwner = string;
export const SECRETARIAT_OWNER: WebhookOwner = 'secretariat';

/**
 * The one place that decides who may manage webhooks, and as whom: the secretariat's members manage the
 * secretariat's endpoints, a portal with `webhooks:manage` its own; every other caller is refused. An endpoint
 * receives what its owner reads in the change feed (a portal: its units' and districts' events).
 */
export function webhookOwnerOf(principal: Principal): { owner: WebhookOwner; streams: FeedStream[] } {
  if (principal.role === 'secretariat') {
    return { owner: SECRETARIAT_OWNER, streams: feedStreamsOf(principal) };
  }
  if (principal.role === 'portal' && principal.scopes.includes('webhooks:manage')) {
    return { owner: `portal#${principal.portalId}`, streams: feedStreamsOf(principal) };
  }
  throw new AppError(
    'FORBIDDEN',
    'only the secretariat, or a portal with the scope webhooks:manage, may manage webhooks',
  );
}

/** The name of the minute schedule that sweeps the due retries (infra/system.ts). */
export const WEBHOOK_SWEEP_SCHEDULE = 'webhook-retries';

/** The input of the sweep schedule (infra/system.ts): attempt the deliveries that are due. */
export const WEBHOOK_SWEEP_INPUT = { action: 'retry-due' } as const;

/** The event type of a test delivery (POST /v1/webhooks/{id}/test); never an event of the feed. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** Why an endpoint stopped receiving: its receiver answered 410 Gone, or someone disabled it. */
export const disabledReasons = ['gone', 'manual'] as const;

export interface Webhook {
  webhookId: string;
  owner: WebhookOwner;
  url: string;
  eventTypes: string[];
  /** The feed streams its owner could read when it was registered: an event is sent when it is in one of them. */
  streams: FeedStream[];
  description?: string;
  enabled: boolean;
  disabledAt?: string;
  disabledReason?: (typeof disabledReasons)[number];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** One try at sending one message to one endpoint, as the deliveries log keeps it. */
export interface DeliveryAttempt {
  webhookId: string;
  /** The `webhook-id` header: the same on every attempt of one message (the event's id, or a test's). */
  messageId: string;
  eventType: string;
  attempt: number;
  attemptedAt: string;
  durationMs: number;
  /** The receiver's status, when it answered. */
  statusCode?: number;
  /** Why there was no answer: the address refused, the name not resolved, no connection, or no answer in time. */
  error?: AttemptError;
  /** What follows: delivered, another attempt at `nextAttemptAt`, given up, or the endpoint disabled (410). */
  outcome: AttemptOutcome;
  nextAttemptAt?: string;
}

export const attemptErrors = ['address-refused', 'dns', 'connection', 'timeout'] as const;
export type AttemptError = (typeof attemptErrors)[number];
export const attemptOutcomes = ['delivered', 'retrying', 'gave-up', 'endpoint-disabled'] as const;
export type AttemptOutcome = (typeof attemptOutcomes)[number];

/**
 * The message a receiver gets: the Standard Webhooks envelope around the feed's thin item (the same item
 * GET /v1/events lists), so a receiver can treat it as a trigger to fetch what changed.
 */
export const webhookPayload = (type: string, timestamp: string, data: unknown) =>
  JSON.stringify({ type, timestamp, data });

// What the API shows.

export const WebhookView = z
  .object({
    webhookId: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.string().optional(),
    enabled: z.boolean(),
    disabledAt: z.string().optional(),
    disabledReason: z
      .enum(disabledReasons)
      .optional()
      .meta({ description: '`gone`: the receiver answered 410; `manual`: disabled through the API' }),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Webhook' });

export const webhookView = (w: Webhook): z.output<typeof WebhookView> => {
  const { owner: _owner, streams: _streams, ...shown } = w;
  return shown;
};

export const CreatedWebhook = z
  .object({
    webhook: WebhookView,
    secret: z.string().meta({
      description: 'the signing secret (`whsec_` + base64), shown this once only',
      examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    }),
  })
  .meta({ id: 'CreatedWebhook' });

export const WebhookList = z.object({ items: z.array(WebhookView) }).meta({ id: 'WebhookList' });

export const DeliveryAttemptView = z
  .object({
    messageId: z.string().meta({ description: 'the `webhook-id` header sent (the same on every retry)' }),
    eventType: z.string(),
    attempt: z.number().int(),
    attemptedAt: z.string(),
    durationMs: z.number().int(),
    statusCode: z.number().int().optional(),
    error: z.enum(attemptErrors).optional(),
    outcome: z.enum(attemptOutcomes),
    nextAttemptAt: z.string().optional().meta({ description: 'when the next retry is due' }),
  })
  .meta({ id: 'DeliveryAttempt' });

export const deliveryAttemptView = (a: DeliveryAttempt): z.output<typeof DeliveryAttemptView> => {
  const { webhookId: _webhookId, ...shown } = a;
  return shown;
};

export const DeliveryAttemptPage = z
  .object({ items: z.array(DeliveryAttemptView), cursor: z.string().optional() })
  .meta({ id: 'DeliveryAttemptPage' });
