/**
 * The composition root: adapters built once per process from the environment, handed to use cases. Handlers
 * import from here and never construct clients themselves.
 */
import { ulid } from 'ulid';
import { documentClient, secretsManagerClient } from './adapters/aws-clients.ts';
import { DynamoEditionStore } from './adapters/dynamodb/edition-store.ts';
import { DynamoRegistrationStore } from './adapters/dynamodb/registration-store.ts';
import { DynamoUnitStore } from './adapters/dynamodb/unit-store.ts';
import { DynamoDeadlineStore } from './adapters/dynamodb/deadline-store.ts';
import { DynamoMailLogStore } from './adapters/dynamodb/mail-log-store.ts';
import { createMailer } from './adapters/mail/mailer.ts';
import { envClock } from './adapters/env-clock.ts';
import { HmacIdHasher, idHashKeyLoader } from './adapters/hmac-id-hasher.ts';
import { tableName } from './config/config.ts';
import { mailConfig } from './config/mail-config.ts';
import { once } from './lib/once.ts';
import type { RegistrationDeps } from './use-cases/registrations.ts';
import type { UnitDeps } from './use-cases/units.ts';
import type { DeadlineDeps } from './use-cases/deadlines.ts';
import type { NotifyDeps } from './use-cases/notifications.ts';
import type { OverrideDeps } from './use-cases/deadline-overrides.ts';

export const deadlineStore = once(() => new DynamoDeadlineStore(documentClient(), tableName()));
export const mailLogStore = once(() => new DynamoMailLogStore(documentClient(), tableName()));
export const registrationStore = once(() => new DynamoRegistrationStore(documentClient(), tableName()));

export const unitStore = once(() => new DynamoUnitStore(documentClient(), tableName()));
export const editionStore = once(() => new DynamoEditionStore(documentClient(), tableName()));

export const unitDeps = once((): UnitDeps => ({ units: unitStore(), clock: envClock, newId: ulid }));

export const registrationDeps = once(
  (): RegistrationDeps => ({
    registrations: new DynamoRegistrationStore(documentClient(), tableName()),
    editions: editionStore(),
    units: unitStore(),
    hasher: new HmacIdHasher(idHashKeyLoader(secretsManagerClient)),
    clock: envClock,
    newId: ulid,
    deadlines: deadlineStore(),
  }),
);

export const notifyDeps = once(
  (): NotifyDeps => ({
    mailer: createMailer(mailConfig()),
    mailLog: mailLogStore(),
    clock: envClock,
    registrations: registrationStore(),
    units: unitStore(),
    editions: editionStore(),
  }),
);

export const deadlineDeps = once(
  (): DeadlineDeps => ({
    ...notifyDeps(),
    deadlines: deadlineStore(),
    hasher: registrationDeps().hasher,
    newId: ulid,
  }),
);

export const overrideDeps = once(
  (): OverrideDeps => ({
    deadlines: deadlineStore(),
    editions: editionStore(),
    units: unitStore(),
    clock: envClock,
  }),
);
