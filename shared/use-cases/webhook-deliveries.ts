/**
 * Sending webhooks. Each event of the feed becomes one delivery per enabled endpoint that asked for its type and
 * whose owner may see it (its streams); a delivery is recorded before its first attempt, so a sender that fails
 * loses nothing: what is still due is retried by the sweep (a schedule every minute), which also runs the
 * retries of the schedule in webhook-retries.ts. Every attempt is logged; 2xx delivers, 410 disables the endpoint.
 */
import type { FeedStream } from '#shared/domain/change-feed.ts';
import { AppError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { nextAttemptMs, retryAfterSeconds, THROTTLE_STATUSES } from '#shared/domain/webhook-retries.ts';
import { signedHeaders } from '#shared/domain/webhook-signature.ts';
import {
  type DeliveryAttempt,
  TEST_EVENT_TYPE,
  type Webhook,
  webhookPayload,
} from '#shared/domain/webhooks.ts';
import { logger } from '#shared/logging/logger.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';
import type {
  Delivery,
  DeliveryState,
  SecretBox,
  WebhookSender,
  WebhookStore,
} from '#shared/ports/webhooks.ts';
import { type DistrictLookup, feedItemOf, streamsOfItems } from './change-feed.ts';
import { ownWebhook } from './webhooks.ts';

export interface DeliveryDeps {
  webhooks: WebhookStore;
  /** For each event's unit's district: a portal's endpoint may want a district's events. */
  units: DistrictLookup;
  secrets: SecretBox;
  sender: WebhookSender;
  clock: Clock;
  /** Spreads the retries (webhook-retries.ts); Math.random unless a test fixes it. */
  random?: () => number;
}

/**
 * How long a claimed attempt is hidden from other senders: longer than a sender runs (its 15 s per attempt
 * within the function's timeout), so only a sender that died leaves it to the sweep.
 */
const CLAIM_LEASE_MS = 2 * 60_000;
/** Due deliveries one round of the sweep attempts, side by side. */
export const SWEEP_LIMIT = 25;
/** A round takes at most this long (its attempts run side by side, each at most 15 s, plus the table's writes). */
export const SWEEP_ROUND_MS = 20_000;

type Ref = { webhookId: string; messageId: string };

const wants = (webhook: Webhook, type: string, streams: ReadonlySet<FeedStream>) =>
  webhook.eventTypes.includes(type) && webhook.streams.some((s) => streams.has(s));

/** Records the event's deliveries to the endpoints that want it, then attempts each. */
export async function deliverEvent(deps: DeliveryDeps, event: OutboxEvent): Promise<void> {
  const item = feedItemOf(event);
  const [itemStreams] = await streamsOfItems(deps.units, [item]);
  const streams = new Set(itemStreams);
  const targets = (await deps.webhooks.listEnabled()).filter((s) => wants(s.webhook, item.type, streams));
  const nowMs = deps.clock.nowMs();
  const body = webhookPayload(item.type, item.time, item);
  const refs = await Promise.all(
    targets.map(async ({ webhook }) => {
      const delivery = { webhookId: webhook.webhookId, messageId: item.id, eventType: item.type, body };
      // Recorded before: an event the bus delivers again is attempted only if still due (the claim decides).
      await deps.webhooks.addDelivery({ ...delivery, firstAttemptMs: nowMs, attempts: 0 }, nowMs);
      return delivery;
    }),
  );
  await Promise.all(refs.map((ref) => attemptDelivery(deps, ref)));
}

/**
 * The sweep: attempts the deliveries that are due (retries, and any a failed sender left), a round at a time
 * while a round may have left more and another still fits in the invocation; the next sweep takes the rest.
 */
export async function retryDueDeliveries(deps: DeliveryDeps, timeLeftMs: () => number): Promise<number> {
  let attempted = 0;
  for (;;) {
    const due = await deps.webhooks.dueDeliveries(deps.clock.nowMs(), SWEEP_LIMIT);
    await Promise.all(due.map((ref) => attemptDelivery(deps, ref)));
    attempted += due.length;
    if (due.length < SWEEP_LIMIT || timeLeftMs() < SWEEP_ROUND_MS) return attempted;
  }
}

/** A test message, signed, sent and logged as any other (retried too); the first attempt's record. */
export async function sendTestDelivery(
  deps: DeliveryDeps & { newId: () => string },
  principal: Principal,
  webhookId: string,
): Promise<DeliveryAttempt> {
  const { webhook } = await ownWebhook(deps, principal, webhookId);
  if (!webhook.enabled) throw new AppError('INVALID_STATE', 'the webhook is disabled; enable it first');
  const nowMs = deps.clock.nowMs();
  const messageId = `msg_test_${deps.newId()}`;
  const body = webhookPayload(TEST_EVENT_TYPE, isoAt(nowMs), { webhookId });
  const delivery = {
    webhookId,
    messageId,
    eventType: TEST_EVENT_TYPE,
    body,
    firstAttemptMs: nowMs,
    attempts: 0,
  };
  await deps.webhooks.addDelivery(delivery, nowMs);
  const attempt = await attemptDelivery(deps, delivery);
  // Just recorded and due: only a sweep that took it in between could have, and then it logs the attempt.
  if (!attempt)
    throw new AppError('SERVICE_UNAVAILABLE', 'the test delivery is being sent; see the deliveries');
  return attempt;
}

/** One attempt of a delivery, if it is still due and no other sender took it; undefined otherwise. */
async function attemptDelivery(deps: DeliveryDeps, ref: Ref): Promise<DeliveryAttempt | undefined> {
  const claimedMs = deps.clock.nowMs();
  const delivery = await deps.webhooks.claim(ref, claimedMs, claimedMs + CLAIM_LEASE_MS);
  if (!delivery) return undefined;
  const stored = await deps.webhooks.get(ref.webhookId);
  if (!stored?.webhook.enabled) {
    await deps.webhooks.drop(ref);
    return undefined;
  }
  const secret = await deps.secrets.open(stored.sealedSecret, ref.webhookId);
  const sentMs = deps.clock.nowMs();
  const result = await deps.sender.send({
    url: stored.webhook.url,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'bayu-webhooks/1',
      ...signedHeaders(secret, delivery.messageId, Math.floor(sentMs / 1000), delivery.body),
    },
    body: delivery.body,
  });
  const { attempt, next } = judged(deps, delivery, result, sentMs);
  await deps.webhooks.recordAttempt(attempt, next);
  if (attempt.outcome === 'endpoint-disabled') await disableGone(deps, stored.webhook, sentMs);
  // Ids, status and outcome only: never the secret, nor the body.
  logger.info('webhook attempt', {
    webhookId: attempt.webhookId,
    messageId: attempt.messageId,
    attempt: attempt.attempt,
    statusCode: attempt.statusCode,
    error: attempt.error,
    outcome: attempt.outcome,
  });
  return attempt;
}

/** What an attempt's result means for its delivery. */
function judged(
  deps: DeliveryDeps,
  delivery: Delivery,
  result: Awaited<ReturnType<WebhookSender['send']>>,
  sentMs: number,
): { attempt: DeliveryAttempt; next: DeliveryState } {
  const base = {
    webhookId: delivery.webhookId,
    messageId: delivery.messageId,
    eventType: delivery.eventType,
    attempt: delivery.attempts,
    attemptedAt: isoAt(sentMs),
    durationMs: Math.round(result.durationMs),
    ...('statusCode' in result ? { statusCode: result.statusCode } : { error: result.error }),
  };
  const status = 'statusCode' in result ? result.statusCode : undefined;
  if (status !== undefined && status >= 200 && status < 300) {
    return { attempt: { ...base, outcome: 'delivered' }, next: { state: 'settled' } };
  }
  if (status === 410)
    return { attempt: { ...base, outcome: 'endpoint-disabled' }, next: { state: 'settled' } };
  const nowMs = deps.clock.nowMs();
  const dueMs = nextAttemptMs(
    {
      attempt: delivery.attempts,
      firstAttemptMs: delivery.firstAttemptMs,
      nowMs,
      ...(status !== undefined && THROTTLE_STATUSES.has(status) && 'retryAfter' in result
        ? { retryAfterSeconds: retryAfterSeconds(result.retryAfter, nowMs) }
        : {}),
    },
    deps.random,
  );
  return dueMs === undefined
    ? { attempt: { ...base, outcome: 'gave-up' }, next: { state: 'settled' } }
    : {
        attempt: { ...base, outcome: 'retrying', nextAttemptAt: isoAt(dueMs) },
        next: { state: 'pending', dueMs },
      };
}

/** A receiver that answered 410 Gone wants nothing more: its endpoint is disabled, visibly, until re-enabled. */
async function disableGone(deps: DeliveryDeps, webhook: Webhook, atMs: number): Promise<void> {
  const at = isoAt(atMs);
  await deps.webhooks.update({
    ...webhook,
    enabled: false,
    disabledAt: at,
    disabledReason: 'gone',
    updatedAt: at,
  });
}
