import { AppError } from '#shared/domain/errors.ts';
import type { Change, Registration } from '#shared/domain/registration.ts';
import type { OutboxEvent, QuotaSlot, RegistrationStore } from '#shared/ports/stores.ts';

/** What a check or a secretariat decision changes on an entry, with the events it publishes. */
export interface Decision {
  change: Change;
  events: OutboxEvent[];
  releasedPersonHashes?: string[];
  releaseQuota?: QuotaSlot;
}

const ATTEMPTS = 8;

/**
 * Applies a decision taken on the stored entry: read, decide, write conditional on the version read; when
 * another write came first (VERSION_CONFLICT), decide again on the newer entry. `decide` returns undefined
 * when there is nothing (more) to do, which makes redelivered events harmless.
 */
export async function updateRegistration(
  store: RegistrationStore,
  registrationId: string,
  decide: (current: Registration) => Decision | undefined | Promise<Decision | undefined>,
): Promise<Registration | undefined> {
  for (let attempt = 1; ; attempt++) {
    const found = await store.get(registrationId);
    if (!found) return undefined;
    const decision = await decide(found.registration);
    if (!decision) return found.registration;
    try {
      await store.update({
        change: decision.change,
        expectedVersion: found.registration.version,
        addedPersonHashes: [],
        releasedPersonHashes: decision.releasedPersonHashes ?? [],
        ...(decision.releaseQuota ? { releaseQuota: decision.releaseQuota } : {}),
        events: decision.events,
      });
      return decision.change.registration;
    } catch (error) {
      const conflict = error instanceof AppError && error.code === 'VERSION_CONFLICT';
      if (!conflict || attempt >= ATTEMPTS) throw error;
    }
  }
}
