import type { AttemptError, DeliveryAttempt, Webhook, WebhookOwner } from '#shared/domain/webhooks.ts';
import type { Page } from './stores.ts';

/** An endpoint as stored: with its signing secret sealed (SecretBox), never in plain. */
export interface StoredWebhook {
  webhook: Webhook;
  sealedSecret: string;
}

/** One message owed to one endpoint, until it is delivered, given up or its endpoint goes. */
export interface Delivery {
  webhookId: string;
  messageId: string;
  eventType: string;
  /** The exact body sent on every attempt (the thin item in its envelope: no personal data). */
  body: string;
  /** When it was first due: the first attempt, from which the 3 days of retries count. */
  firstAttemptMs: number;
  /** Attempts made (or claimed) so far. */
  attempts: number;
}

/** A delivery after an attempt: due again at `dueMs`, or settled. */
export type DeliveryState = { state: 'pending'; dueMs: number } | { state: 'settled' };

export interface WebhookStore {
  create(stored: StoredWebhook): Promise<void>;
  get(webhookId: string): Promise<StoredWebhook | undefined>;
  listByOwner(owner: WebhookOwner): Promise<Webhook[]>;
  /** Every enabled endpoint: the candidates for an event. */
  listEnabled(): Promise<StoredWebhook[]>;
  /** Replaces the endpoint's record (not its secret); NOT_FOUND when it is gone. */
  update(webhook: Webhook): Promise<void>;
  /** Removes the endpoint; its attempts expire with the log, its pending deliveries are dropped when due. */
  delete(webhookId: string): Promise<boolean>;

  /** Records a message owed, due now; false when it was recorded before (an event delivered to us twice). */
  addDelivery(delivery: Delivery, dueMs: number): Promise<boolean>;
  /** Pending deliveries due at `nowMs`, oldest first, at most `limit`. */
  dueDeliveries(nowMs: number, limit: number): Promise<Array<{ webhookId: string; messageId: string }>>;
  /**
   * Takes the next attempt of a pending, due delivery: its attempt count goes up by one and it is hidden until
   * `leaseUntilMs`, so no other sender takes it meanwhile (a sender that dies leaves it to the sweep after).
   * Undefined when it is not pending and due (another sender took it, or it is settled).
   */
  claim(
    ref: { webhookId: string; messageId: string },
    nowMs: number,
    leaseUntilMs: number,
  ): Promise<Delivery | undefined>;
  /** Forgets a delivery whose endpoint is gone or disabled. */
  drop(ref: { webhookId: string; messageId: string }): Promise<void>;
  /** Logs the attempt and settles the delivery as it says (pending again at `nextAttemptAt`, or done). */
  recordAttempt(attempt: DeliveryAttempt, next: DeliveryState): Promise<void>;
  /** The endpoint's attempts, newest first. */
  attempts(webhookId: string, page: { limit: number; cursor?: string }): Promise<Page<DeliveryAttempt>>;
}

/** Keeps a secret recoverable but unreadable at rest (encryption under a deployment key), bound to its record. */
export interface SecretBox {
  seal(secret: string, boundTo: string): Promise<string>;
  open(sealed: string, boundTo: string): Promise<string>;
}

/** What one HTTP attempt came to. */
export type SendResult =
  | { statusCode: number; retryAfter?: string; durationMs: number }
  | { error: AttemptError; durationMs: number };

/** Posts a webhook body to its endpoint: address checks, no redirects, a time limit (webhook-sender adapter). */
export interface WebhookSender {
  send(request: { url: string; headers: Record<string, string>; body: string }): Promise<SendResult>;
}
