import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { sealedPage } from '#functions/lib/paging.ts';
import { cursorSeal, rateLimitDeps, unitStore, webhookDeps } from '#shared/composition.ts';
import type { Shown } from '#shared/domain/views.ts';
import {
  type CreatedWebhook,
  type DeliveryAttemptPage,
  type DeliveryAttemptView,
  deliveryAttemptView,
  type WebhookList,
  type WebhookView,
  webhookView,
} from '#shared/domain/webhooks.ts';
import { sendTestDelivery } from '#shared/use-cases/webhook-deliveries.ts';
import {
  changeWebhook,
  createWebhook,
  deleteWebhook,
  listWebhooks,
  ownWebhook,
  webhookAttempts,
} from '#shared/use-cases/webhooks.ts';

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'POST /v1/webhooks': async (req) => {
    const { webhook, secret } = await createWebhook(webhookDeps(), await req.principal(), req.json());
    return {
      status: 201,
      body: { webhook: webhookView(webhook), secret } satisfies Shown<typeof CreatedWebhook>,
      headers: { location: `/v1/webhooks/${webhook.webhookId}` },
    };
  },
  'GET /v1/webhooks': async (req) => {
    const webhooks = await listWebhooks(webhookDeps(), await req.principal());
    return { status: 200, body: { items: webhooks.map(webhookView) } satisfies Shown<typeof WebhookList> };
  },
  'GET /v1/webhooks/{webhookId}': async (req) => {
    const { webhook } = await ownWebhook(webhookDeps(), await req.principal(), req.params.webhookId ?? '');
    return { status: 200, body: webhookView(webhook) satisfies Shown<typeof WebhookView> };
  },
  'PATCH /v1/webhooks/{webhookId}': async (req) => {
    const webhook = await changeWebhook(
      webhookDeps(),
      await req.principal(),
      req.params.webhookId ?? '',
      req.json(),
    );
    return { status: 200, body: webhookView(webhook) satisfies Shown<typeof WebhookView> };
  },
  'DELETE /v1/webhooks/{webhookId}': async (req) => {
    await deleteWebhook(webhookDeps(), await req.principal(), req.params.webhookId ?? '');
    return { status: 204 };
  },
  'GET /v1/webhooks/{webhookId}/deliveries': async (req) => {
    const principal = await req.principal();
    const page = await sealedPage(req, cursorSeal(), { name: 'webhook-deliveries' }, (page) =>
      webhookAttempts(webhookDeps(), principal, req.params.webhookId ?? '', page),
    );
    return {
      status: 200,
      body: { ...page, items: page.items.map(deliveryAttemptView) } satisfies Shown<
        typeof DeliveryAttemptPage
      >,
    };
  },
  'POST /v1/webhooks/{webhookId}/test': async (req) => {
    const attempt = await sendTestDelivery(webhookDeps(), await req.principal(), req.params.webhookId ?? '');
    return { status: 200, body: deliveryAttemptView(attempt) satisfies Shown<typeof DeliveryAttemptView> };
  },
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
