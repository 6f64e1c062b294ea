import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { lambdaFunction } from '#functions/lib/event.ts';
import { webhookDeps } from '#shared/composition.ts';
import { WEBHOOK_SWEEP_INPUT } from '#shared/domain/webhooks.ts';
import { logger } from '#shared/logging/logger.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';
import { deliverEvent, retryDueDeliveries } from '#shared/use-cases/webhook-deliveries.ts';

const Input = z.union([
  z.object({ action: z.literal(WEBHOOK_SWEEP_INPUT.action) }),
  z.object({
    'detail-type': z.string(),
    source: z.string(),
    // Only what the feed's item needs of the metadata, read leniently as every consumer reads a contract.
    detail: z.looseObject({ metadata: z.looseObject({ id: z.string(), occurredAt: z.string() }) }),
  }),
]);

/** An event of the bus as the outbox wrote it: the feed's item is made from the same fields. */
const outboxEventOf = (event: Extract<z.output<typeof Input>, { detail: unknown }>): OutboxEvent => ({
  id: event.detail.metadata.id,
  source: event.source,
  detailType: event['detail-type'],
  detail: event.detail,
  occurredAt: event.detail.metadata.occurredAt,
});

/**
 * Invoked by the rule on the feed's event types (one event: its deliveries recorded, then attempted) and by
 * the sweep every minute (the retries that are due, and any a failed invocation left).
 */
export const handler = lambdaFunction(
  (event: EventBridgeEvent<string, unknown> | typeof WEBHOOK_SWEEP_INPUT) => Input.parse(event),
  async (input, context) => {
    if ('action' in input) {
      const attempted = await retryDueDeliveries(webhookDeps(), () => context.getRemainingTimeInMillis());
      if (attempted > 0) logger.info('webhook retries attempted', { attempted });
    } else {
      await deliverEvent(webhookDeps(), outboxEventOf(input));
    }
  },
);
