/**
 * The composition root: adapters built once per process from the environment, handed to use cases. Handlers
 * import from here and never construct clients themselves.
 */
import { ulid } from 'ulid';
import { documentClient, secretsManagerClient } from './adapters/aws-clients.ts';
import { DynamoDeadlineStore } from './adapters/dynamodb/deadline-store.ts';
import { DynamoEditionStore } from './adapters/dynamodb/edition-store.ts';
import { DynamoEligibilityStore } from './adapters/dynamodb/eligibility-store.ts';
import { DynamoMailLogStore } from './adapters/dynamodb/mail-log-store.ts';
import { DynamoRateCounter } from './adapters/dynamodb/rate-counter.ts';
import { DynamoRegistrationStore } from './adapters/dynamodb/registration-store.ts';
import { DynamoUnitStore } from './adapters/dynamodb/unit-store.ts';
import { envClock } from './adapters/env-clock.ts';
import { HmacIdHasher } from './adapters/hmac-id-hasher.ts';
import { secretFromEnvironment } from './adapters/secrets.ts';
import { SignedCursors } from './adapters/signed-cursors.ts';
import { tableName } from './config/config.ts';
import { ENV } from './config/env-names.ts';
import { parseRateLimit } from './config/rate-limit.ts';
import { once } from './lib/once.ts';
import type { EligibilityDeps } from './use-cases/eligibility-evaluation.ts';
import type { RateLimitDeps } from './use-cases/rate-limit.ts';
import type { RegistrationDeps } from './use-cases/registrations.ts';
import type { UnitDeps } from './use-cases/units.ts';

export const deadlineStore = once(() => new DynamoDeadlineStore(documentClient(), tableName()));
export const mailLogStore = once(() => new DynamoMailLogStore(documentClient(), tableName()));
export const registrationStore = once(() => new DynamoRegistrationStore(documentClient(), tableName()));

export const unitStore = once(() => new DynamoUnitStore(documentClient(), tableName()));
export const editionStore = once(() => new DynamoEditionStore(documentClient(), tableName()));
/** One hasher, so its key is read from Secrets Manager once per container. */
const idHasher = once(
  () =>
    new HmacIdHasher(
      secretFromEnvironment(secretsManagerClient, { value: ENV.idHashKey, arn: ENV.idHashKeySecretArn }),
    ),
);

/** Seals the page cursors of the listings (functions with `access.cursorKey`). */
export const cursorSeal = once(
  () =>
    new SignedCursors(
      secretFromEnvironment(secretsManagerClient, { value: ENV.cursorKey, arn: ENV.cursorKeySecretArn }),
    ),
);

/** The per-key rate limit every authenticating HTTP function applies at its edge. */
export const rateLimitDeps = once(
  (): RateLimitDeps => ({
    counter: new DynamoRateCounter(documentClient(), tableName()),
    clock: envClock,
    limit: parseRateLimit(process.env),
  }),
);

export const unitDeps = once((): UnitDeps => ({ units: unitStore(), clock: envClock, newId: ulid }));

export const registrationDeps = once(
  (): RegistrationDeps => ({
    registrations: registrationStore(),
    editions: editionStore(),
    units: unitStore(),
    hasher: idHasher(),
    clock: envClock,
    newId: ulid,
    deadlines: deadlineStore(),
  }),
);

export const eligibilityDeps = once(
  (): EligibilityDeps => ({
    registrations: new DynamoRegistrationStore(documentClient(), tableName()),
    editions: editionStore(),
    units: unitStore(),
    eligibility: new DynamoEligibilityStore(documentClient(), tableName()),
    hasher: idHasher(),
    clock: envClock,
    newId: ulid,
  }),
);
