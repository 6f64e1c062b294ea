/**
 * Managing webhook endpoints: register one (its secret shown once), list, read, change, delete, read its
 * deliveries log, ask for a test delivery. Who may do what, and as which owner, is webhookOwnerOf's alone.
 */
import * as z from 'zod';
import { feedEventTypes } from '#shared/domain/change-feed.ts';
import { AppError } from '#shared/domain/errors.ts';
import { invalidFields } from '#shared/domain/field-errors.ts';
import { actorOf, type Principal } from '#shared/domain/principal.ts';
import { webhookUrlError } from '#shared/domain/webhook-address.ts';
import { newWebhookSecret } from '#shared/domain/webhook-signature.ts';
import { type DeliveryAttempt, type Webhook, webhookOwnerOf } from '#shared/domain/webhooks.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type { Page } from '#shared/ports/stores.ts';
import type { SecretBox, WebhookStore } from '#shared/ports/webhooks.ts';

export interface WebhookDeps {
  webhooks: WebhookStore;
  secrets: SecretBox;
  clock: Clock;
  newId: () => string;
  /** The local runtime only: `http://127.0.0.1:<port>` endpoints are allowed. */
  localHttp: boolean;
}

const EventTypes = z
  .array(z.enum(feedEventTypes))
  .min(1)
  .max(feedEventTypes.length)
  .meta({ description: 'the feed event types to receive', examples: [['RegistrationSubmitted']] });
const Description = z.string().trim().max(200);

export const WebhookBody = z
  .strictObject({
    url: z.string().meta({
      description: 'https URL of a public host (the local runtime also takes http://127.0.0.1:<port>)',
      examples: ['https://portal.example.cn/bayu/webhooks'],
    }),
    eventTypes: EventTypes,
    description: Description.optional(),
  })
  .meta({ id: 'WebhookBody' });

export const WebhookChange = z
  .strictObject({
    eventTypes: EventTypes.optional(),
    description: Description.optional(),
    enabled: z
      .boolean()
      .optional()
      .meta({ description: '`true` re-enables a disabled endpoint, `false` disables it' }),
  })
  .meta({ id: 'WebhookChange' });

function parsed<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body, { reportInput: true });
  if (!result.success) throw invalidFields('webhook', result.error.issues);
  return result.data;
}

export async function createWebhook(
  deps: WebhookDeps,
  principal: Principal,
  body: unknown,
): Promise<{ webhook: Webhook; secret: string }> {
  const { owner, streams } = webhookOwnerOf(principal);
  const input = parsed(WebhookBody, body);
  const urlError = webhookUrlError(input.url, { localHttp: deps.localHttp });
  if (urlError) throw new AppError('VALIDATION_FAILED', 'the webhook URL cannot be used', [urlError]);
  const now = isoAt(deps.clock.nowMs());
  const webhook: Webhook = {
    webhookId: `wh_${deps.newId()}`,
    owner,
    url: input.url,
    eventTypes: [...new Set(input.eventTypes)],
    streams,
    ...(input.description ? { description: input.description } : {}),
    enabled: true,
    createdAt: now,
    createdBy: actorOf(principal),
    updatedAt: now,
  };
  const secret = newWebhookSecret();
  await deps.webhooks.create({ webhook, sealedSecret: await deps.secrets.seal(secret, webhook.webhookId) });
  return { webhook, secret };
}

/** The caller's endpoint; another owner's is NOT_FOUND, as if it did not exist. */
export async function ownWebhook(
  deps: Pick<WebhookDeps, 'webhooks'>,
  principal: Principal,
  webhookId: string,
) {
  const { owner } = webhookOwnerOf(principal);
  const stored = await deps.webhooks.get(webhookId);
  if (!stored || stored.webhook.owner !== owner) throw new AppError('NOT_FOUND', 'no such webhook');
  return stored;
}

export async function listWebhooks(deps: WebhookDeps, principal: Principal): Promise<Webhook[]> {
  return deps.webhooks.listByOwner(webhookOwnerOf(principal).owner);
}

export async function changeWebhook(
  deps: WebhookDeps,
  principal: Principal,
  webhookId: string,
  body: unknown,
): Promise<Webhook> {
  const { webhook } = await ownWebhook(deps, principal, webhookId);
  const change = parsed(WebhookChange, body);
  const now = isoAt(deps.clock.nowMs());
  const { disabledAt: _at, disabledReason: _reason, ...rest } = webhook;
  const enabled = change.enabled ?? webhook.enabled;
  const changed: Webhook = {
    ...rest,
    ...(change.eventTypes ? { eventTypes: [...new Set(change.eventTypes)] } : {}),
    ...(change.description !== undefined ? { description: change.description } : {}),
    enabled,
    // Disabling keeps the first reason (a 410 stays visible); enabling clears it.
    ...(enabled
      ? {}
      : {
          disabledAt: webhook.disabledAt ?? now,
          disabledReason: webhook.disabledReason ?? ('manual' as const),
        }),
    updatedAt: now,
  };
  await deps.webhooks.update(changed);
  return changed;
}

export async function deleteWebhook(
  deps: WebhookDeps,
  principal: Principal,
  webhookId: string,
): Promise<void> {
  await ownWebhook(deps, principal, webhookId);
  await deps.webhooks.delete(webhookId);
}

export async function webhookAttempts(
  deps: WebhookDeps,
  principal: Principal,
  webhookId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<DeliveryAttempt>> {
  await ownWebhook(deps, principal, webhookId);
  return deps.webhooks.attempts(webhookId, page);
}
