/**
 * Named secretariat accounts and their keys, and the keys of units and portals: issuing (each secret shown once
 * and kept only as its hash), listing (hints only), revoking, rotating a unit's or a portal's key with a grace
 * period, and telling a caller who it is.
 */
import * as z from 'zod';
import { type AccessKey, type Account, isActiveKey, type KeyKind } from '#shared/domain/access.ts';
import { SYSTEM_ACTOR } from '#shared/domain/eligibility/decisions.ts';
import { AppError } from '#shared/domain/errors.ts';
import { invalidFields } from '#shared/domain/field-errors.ts';
import type { Portal } from '#shared/domain/portal.ts';
import { actorOf, type Principal, recordedActor } from '#shared/domain/principal.ts';
import { validateAccountInput, validatePortalInput } from '#shared/domain/registration-validation.ts';
import type { Unit } from '#shared/domain/unit.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type {
  AccountStore,
  KeyStore,
  NewKey,
  PortalStore,
  TokenStore,
  UnitStore,
} from '#shared/ports/stores.ts';
import { hashToken, keyHint, newKey } from '#shared/security/tokens.ts';
import { requireAdmin, requireSecretariat } from './authenticate.ts';

export interface AccessDeps {
  accounts: AccountStore;
  portals: PortalStore;
  keys: KeyStore;
  tokens: TokenStore;
  units: Pick<UnitStore, 'get'>;
  clock: Clock;
  newId: () => string;
}

/** Who a key signs in as, before the key has its id (a unit's own key never acts `via` a portal). */
export type KeyHolder = DistributiveOmit<Principal, 'keyId' | 'via'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A unit or a portal may hold two keys at once (the old one during a rotation's grace), never a third. */
const MAX_ACTIVE_KEYS = 2;
/** The longest grace a rotated unit key keeps working: a week to roll the new key out. */
const MAX_GRACE_SECONDS = 7 * 24 * 60 * 60;

const accountHolder = (a: Account): KeyHolder => ({
  role: 'secretariat',
  accountId: a.accountId,
  name: a.name,
  admin: a.role === 'admin',
});

/**
 * A new key for `holder` and its secret (shown once, then only its hash is kept). `secret` is given only by the
 * first admin's bootstrap, whose caller prints the key itself or already holds it (SECRETARIAT_TOKEN).
 */
export function mintKey(
  deps: Pick<AccessDeps, 'clock' | 'newId'>,
  holder: KeyHolder,
  createdBy: string,
  options: { secret?: string; expiresAt?: string } = {},
): { issued: NewKey; secret: string } {
  const kind: KeyKind = holder.role;
  const owner = keyOwner(holder);
  const secret = options.secret ?? newKey(kind);
  const key: AccessKey = {
    keyId: `key_${deps.newId()}`,
    kind,
    owner,
    hint: keyHint(kind, secret),
    createdBy,
    createdAt: isoAt(deps.clock.nowMs()),
    ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
  };
  return {
    issued: { key, tokenHash: hashToken(secret), principal: { ...holder, keyId: key.keyId } },
    secret,
  };
}

/** When a record is made and by whom: the member's id and name, kept on the record (units, portals). */
export function creationBy(deps: Pick<AccessDeps, 'clock'>, principal: Principal) {
  const by = recordedActor(principal);
  return {
    createdAt: isoAt(deps.clock.nowMs()),
    createdBy: by.actor,
    ...(by.actorName ? { createdByName: by.actorName } : {}),
  };
}

const keyOwner = (holder: KeyHolder): string =>
  holder.role === 'unit' ? holder.unitId : holder.role === 'portal' ? holder.portalId : holder.accountId;

/** An admin creates a member's account; the answer carries its first key, shown once. */
export async function createAccount(
  deps: AccessDeps,
  principal: Principal,
  body: unknown,
): Promise<{ account: Account; key: AccessKey; secret: string }> {
  requireAdmin(principal, 'only a secretariat admin may create accounts');
  const input = validateAccountInput(body);
  if (!input.ok) throw new AppError('VALIDATION_FAILED', 'the account has invalid fields', input.errors);
  const account: Account = {
    accountId: `acct_${deps.newId()}`,
    ...input.value,
    createdAt: isoAt(deps.clock.nowMs()),
    createdBy: actorOf(principal),
  };
  const { issued, secret } = mintKey(deps, accountHolder(account), actorOf(principal));
  await deps.accounts.create(account, issued);
  return { account, key: issued.key, secret };
}

const portalHolder = (p: Portal): KeyHolder => ({
  role: 'portal',
  portalId: p.portalId,
  name: p.name,
  scopes: p.scopes,
  unitIds: p.unitIds,
  districts: p.districts,
});

/**
 * An admin records a portal client (what it may do, for which units and districts); the answer carries its
 * first key, shown once. The units it names must exist: a mistyped id would otherwise give a portal nothing.
 */
export async function createPortal(
  deps: AccessDeps,
  principal: Principal,
  body: unknown,
): Promise<{ portal: Portal; key: AccessKey; secret: string }> {
  requireAdmin(principal, 'only a secretariat admin may create portal clients');
  const input = validatePortalInput(body);
  if (!input.ok) throw new AppError('VALIDATION_FAILED', 'the portal has invalid fields', input.errors);
  const found = await Promise.all(input.value.unitIds.map((id) => deps.units.get(id)));
  const unknown = input.value.unitIds.flatMap((_, i) => (found[i] ? [] : [i]));
  if (unknown.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'the portal names units that do not exist',
      unknown.map((i) => ({ path: `/unitIds/${i}`, code: 'UNKNOWN_UNIT', message: 'no such unit' })),
    );
  }
  const portal: Portal = {
    portalId: `portal_${deps.newId()}`,
    ...input.value,
    ...creationBy(deps, principal),
  };
  const { issued, secret } = mintKey(deps, portalHolder(portal), actorOf(principal));
  await deps.portals.create(portal, issued);
  return { portal, key: issued.key, secret };
}

/** Every portal client (the secretariat). */
export async function listPortals(deps: AccessDeps, principal: Principal): Promise<Portal[]> {
  requireSecretariat(principal);
  return deps.portals.list();
}

export async function getPortal(deps: AccessDeps, principal: Principal, portalId: string): Promise<Portal> {
  requireSecretariat(principal);
  const portal = await deps.portals.get(portalId);
  if (!portal) throw new AppError('NOT_FOUND', 'no such portal');
  return portal;
}

export async function listAccounts(deps: AccessDeps, principal: Principal): Promise<Account[]> {
  requireSecretariat(principal);
  return deps.accounts.list();
}

export const ExpiryBody = z.strictObject({ expiresAt: z.iso.datetime({ offset: true }).optional() });

/** An admin issues another key to an account (a second device, or before revoking a leaked one). */
export async function issueAccountKey(
  deps: AccessDeps,
  principal: Principal,
  accountId: string,
  body: unknown,
): Promise<{ key: AccessKey; secret: string }> {
  requireAdmin(principal, "only a secretariat admin may issue a member's keys");
  const parsed = ExpiryBody.safeParse(body ?? {}, { reportInput: true });
  if (!parsed.success) throw invalidFields('key', parsed.error.issues);
  const expiresAt = parsed.data.expiresAt && isoAt(Date.parse(parsed.data.expiresAt));
  if (expiresAt && Date.parse(expiresAt) <= deps.clock.nowMs()) {
    throw new AppError('VALIDATION_FAILED', 'the key has invalid fields', [
      { path: '/expiresAt', code: 'INVALID_VALUE', message: 'must be in the future' },
    ]);
  }
  const account = await deps.accounts.get(accountId);
  if (!account) throw new AppError('NOT_FOUND', 'no such account');
  const { issued, secret } = mintKey(deps, accountHolder(account), actorOf(principal), {
    ...(expiresAt ? { expiresAt } : {}),
  });
  await deps.keys.issue(issued);
  return { key: issued.key, secret };
}

/** The keys of one unit or account, as hints (the secretariat; never a secret or a hash). */
export async function listKeys(deps: AccessDeps, principal: Principal, owner: string | undefined) {
  requireSecretariat(principal);
  if (!owner) {
    throw new AppError('VALIDATION_FAILED', 'name whose keys to list', [
      { path: '/owner', code: 'REQUIRED', message: 'is required: an account id or a unit id' },
    ]);
  }
  const known = owner.startsWith('acct_')
    ? await deps.accounts.get(owner)
    : owner.startsWith('portal_')
      ? await deps.portals.get(owner)
      : await deps.units.get(owner);
  if (!known) throw new AppError('NOT_FOUND', 'no such account, unit or portal');
  return deps.keys.ofOwner(owner);
}

/** Revokes a key at once: an admin any key, a member a unit's key. Revoking it again changes nothing. */
export async function revokeKey(deps: AccessDeps, principal: Principal, keyId: string): Promise<void> {
  requireSecretariat(principal, 'only the secretariat may revoke keys');
  const key = await deps.keys.get(keyId);
  if (!key) throw new AppError('NOT_FOUND', 'no such key');
  if (key.kind !== 'unit')
    requireAdmin(principal, "only a secretariat admin may revoke a member's or a portal's key");
  if (!key.revokedAt) await deps.keys.revoke(key, isoAt(deps.clock.nowMs()));
}

export const RotationBody = z.strictObject({
  graceSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS).optional(),
});

/**
 * The secretariat gives a unit a new key (shown once); the unit's other active keys keep working for the grace
 * (default none) and then expire. A unit holds at most MAX_ACTIVE_KEYS active keys: a rotation during
 * another's grace is refused until that grace ends or the older key is revoked.
 */
export async function rotateUnitKey(
  deps: AccessDeps,
  principal: Principal,
  unitId: string,
  body: unknown,
): Promise<{ key: AccessKey; secret: string }> {
  requireSecretariat(principal, "only the secretariat may rotate a unit's key");
  const rotation = parseRotation(body);
  const unit = await deps.units.get(unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'no such unit');
  return rotateKey(deps, principal, { role: 'unit', unitId }, rotation);
}

/** An admin gives a portal a new key (shown once), as a unit's: the older ones keep working for the grace. */
export async function rotatePortalKey(
  deps: AccessDeps,
  principal: Principal,
  portalId: string,
  body: unknown,
): Promise<{ key: AccessKey; secret: string }> {
  requireAdmin(principal, "only a secretariat admin may rotate a portal's key");
  const rotation = parseRotation(body);
  const portal = await deps.portals.get(portalId);
  if (!portal) throw new AppError('NOT_FOUND', 'no such portal');
  return rotateKey(deps, principal, portalHolder(portal), rotation);
}

function parseRotation(body: unknown): z.infer<typeof RotationBody> {
  const parsed = RotationBody.safeParse(body ?? {}, { reportInput: true });
  if (!parsed.success) throw invalidFields('rotation', parsed.error.issues);
  return parsed.data;
}

async function rotateKey(
  deps: AccessDeps,
  principal: Principal,
  holder: KeyHolder,
  rotation: z.infer<typeof RotationBody>,
): Promise<{ key: AccessKey; secret: string }> {
  const now = deps.clock.nowMs();
  const active = (await deps.keys.ofOwner(keyOwner(holder))).filter((k) => isActiveKey(k, now));
  if (active.length >= MAX_ACTIVE_KEYS) {
    throw new AppError(
      'KEY_LIMIT_REACHED',
      `the ${holder.role} already holds ${active.length} active keys; revoke one, or wait until the older one expires`,
    );
  }
  const until = now + (rotation.graceSeconds ?? 0) * 1000;
  const expiring = active.map((key) => ({
    key,
    // A key that already expires sooner keeps its own expiry.
    expiresAt: isoAt(key.expiresAt ? Math.min(Date.parse(key.expiresAt), until) : until),
  }));
  const { issued, secret } = mintKey(deps, holder, actorOf(principal));
  if (!(await deps.keys.issue(issued, expiring))) {
    throw new AppError(
      'VERSION_CONFLICT',
      `the ${holder.role}'s keys changed while rotating; read them and try again`,
    );
  }
  return { key: issued.key, secret };
}

export type Me =
  | {
      kind: 'secretariat';
      account: Pick<Account, 'accountId' | 'name' | 'role'> & { email?: string };
      key: KeyRef;
    }
  | { kind: 'unit'; unit: Unit; key: KeyRef }
  | { kind: 'portal'; portal: Portal; key: KeyRef };
type KeyRef = Pick<AccessKey, 'keyId'> & Partial<Pick<AccessKey, 'hint' | 'expiresAt'>>;

/** Who the caller is, and which of its keys it signed in with. */
export async function whoAmI(deps: AccessDeps, principal: Principal): Promise<Me> {
  const stored = await deps.keys.get(principal.keyId);
  const key: KeyRef = {
    keyId: principal.keyId,
    ...(stored ? { hint: stored.hint } : {}),
    ...(stored?.expiresAt ? { expiresAt: stored.expiresAt } : {}),
  };
  if (principal.role === 'unit') {
    const unit = await deps.units.get(principal.unitId);
    if (!unit) throw new Error(`the key of unit ${principal.unitId} outlived its unit`);
    return { kind: 'unit', unit, key };
  }
  if (principal.role === 'portal') {
    const portal = await deps.portals.get(principal.portalId);
    if (!portal) throw new Error(`the key of portal ${principal.portalId} outlived its portal`);
    return { kind: 'portal', portal, key };
  }
  // A token from before accounts (the shared secretariat token) names no stored account.
  const account = await deps.accounts.get(principal.accountId);
  return {
    kind: 'secretariat',
    account: {
      accountId: principal.accountId,
      name: principal.name,
      role: principal.admin ? 'admin' : 'secretariat',
      ...(account ? { email: account.email } : {}),
    },
    key,
  };
}

/**
 * The first admin: the account `accountId` with `secret` as a key of its own, made unless that key already
 * signs in (so the local runtime can run it on every start, and an operator's command once).
 */
export async function bootstrapAdmin(
  deps: Pick<AccessDeps, 'accounts' | 'keys' | 'tokens' | 'clock' | 'newId'>,
  admin: { accountId: string; name: string; email: string; secret: string },
): Promise<{ account: Account; created: boolean }> {
  const existing = await deps.accounts.get(admin.accountId);
  if (existing && (await deps.tokens.find(hashToken(admin.secret)))) {
    return { account: existing, created: false };
  }
  const account: Account = existing ?? {
    accountId: admin.accountId,
    name: admin.name,
    email: admin.email,
    role: 'admin',
    createdAt: isoAt(deps.clock.nowMs()),
  };
  const { issued } = mintKey(deps, accountHolder(account), SYSTEM_ACTOR, { secret: admin.secret });
  if (existing) await deps.keys.issue(issued);
  else await deps.accounts.create(account, issued);
  return { account, created: true };
}
