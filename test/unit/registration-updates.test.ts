import { describe, expect, it } from 'vitest';
import { submit } from '#shared/domain/registration.ts';
import { updateRegistration } from '#shared/use-cases/registration-updates.ts';
import { InMemoryRegistrationStore } from '../support/fake-ports.ts';
import { aiTrainerEmployeeTeam } from '../support/local-api.ts';

const AT = '2023-09-01T01:00:00.000Z';

function stored() {
  const store = new InMemoryRegistrationStore();
  const { registration, history } = submit(
    aiTrainerEmployeeTeam() as never,
    { registrationId: 'reg_1', competitionId: 'bayu-2023', unitId: 'unit_1' },
    { actor: 'unit_1' },
    AT,
  );
  store.entries.set('reg_1', { registration, history: [history] });
  return store;
}

const markPassed = (r: ReturnType<typeof submit>['registration']) => ({
  change: {
    registration: { ...r, eligibility: { status: 'passed' as const, findings: [] }, version: r.version + 1 },
    history: {
      version: r.version + 1,
      action: 'amended' as const,
      actor: 'system',
      at: AT,
      changedPaths: [],
    },
  },
  events: [],
});

describe('updateRegistration', () => {
  it('writes the decision conditional on the version it read', async () => {
    const store = stored();
    const result = await updateRegistration(store, 'reg_1', markPassed);
    expect(result?.eligibility.status).toBe('passed');
    expect(store.update.mock.calls[0]?.[0].expectedVersion).toBe(1);
  });

  it('decides again on the newer entry when another write came first', async () => {
    const store = stored();
    let decisions = 0;
    const result = await updateRegistration(store, 'reg_1', async (current) => {
      decisions += 1;
      if (decisions === 1) {
        // Someone else writes between our read and our write.
        const other = markPassed(current).change;
        store.entries.set('reg_1', { registration: other.registration, history: [other.history] });
      }
      return markPassed(current);
    });
    expect(decisions).toBe(2);
    expect(result?.version).toBe(3);
  });

  it('writes nothing when the decision is that there is nothing to do, and nothing for a missing entry', async () => {
    const store = stored();
    expect((await updateRegistration(store, 'reg_1', () => undefined))?.version).toBe(1);
    expect(await updateRegistration(store, 'reg_missing', markPassed)).toBeUndefined();
    expect(store.update).not.toHaveBeenCalled();
  });
});
