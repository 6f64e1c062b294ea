import type { Change, Registration } from '#shared/domain/registration.ts';
import { retryOnConflict } from '#shared/lib/retry-on-conflict.ts';
import type { OutboxEvent, QuotaSlot, RegistrationStore } from '#shared/ports/stores.ts';

/** What a check or a secretariat decision changes on an entry, with the events it publishes. */
export interface Decision {
  change: Change;
  events: OutboxEvent[];
  releasedPersonHashes?: string[];
  releaseQuota?: QuotaSlot;
}

/**
 * Applies a decision taken on the stored entry: read, decide, write conditional on the version read; when
 * another write came first (VERSION_CONFLICT), decide again on the newer entry. `decide` returns undefined
 * when there is nothing (more) to do, which makes redelivered events harmless.
 */
export function updateRegistration(
  store: RegistrationStore,
  registrationId: string,
  decide: (current: Registration) => Decision | undefined | Promise<Decision | undefined>,
): Promise<Registration | undefined> {
  return retryOnConflict(async () => {
    const found = await store.get(registrationId);
    if (!found) return undefined;
    const decision = await decide(found.registration);
    if (!decision) return found.registration;
    await store.update({
      change: decision.change,
      expectedVersion: found.registration.version,
      addedPersonHashes: [],
      releasedPersonHashes: decision.releasedPersonHashes ?? [],
      ...(decision.releaseQuota ? { releaseQuota: decision.releaseQuota } : {}),
      events: decision.events,
    });
    return decision.change.registration;
  });
}
