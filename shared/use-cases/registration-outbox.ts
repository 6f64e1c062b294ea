import type * as z from 'zod';
import { buildEvent, type EventContract } from '#events/contract.ts';
import type { Registration } from '#shared/domain/registration.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';

/**
 * An outbox event about a registration: the RegistrationRef fields every registration event carries (plus any
 * the contract adds), stamped with the change's time and validated against the contract.
 */
export function registrationOutboxEvent<T extends string, D extends z.ZodType>(
  contract: EventContract<T, D>,
  r: Registration,
  meta: { id: string; actor: string; correlationId: string },
  extra: Record<string, unknown> = {},
): OutboxEvent {
  const event = buildEvent(
    contract,
    {
      registrationId: r.registrationId,
      competitionId: r.competitionId,
      unitId: r.unitId,
      trackId: r.trackId,
      groupId: r.groupId,
      registrationVersion: r.version,
      entryVersion: r.entryVersion,
      contestantCount: r.contestants.length,
      actor: meta.actor,
      ...extra,
    } as z.input<D>,
    { id: meta.id, occurredAt: r.updatedAt, correlationId: meta.correlationId },
  );
  return { id: meta.id, ...event, occurredAt: r.updatedAt };
}
