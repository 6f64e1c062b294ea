/**
 * Named secretariat accounts and the keys that sign callers in. A key is a record of its own (who made it,
 * when, its display hint, its expiry or revocation); its secret is shown once and kept only as a hash, which
 * the record never shows. These are the shapes the use cases decide on and the API shows.
 */

/** `secretariat`: a member of the 大赛执委会; `admin`: a member who also manages accounts and any key. */
export const accountRoles = ['secretariat', 'admin'] as const;
export type AccountRole = (typeof accountRoles)[number];

export interface Account {
  accountId: string;
  name: string;
  email: string;
  role: AccountRole;
  createdAt: string;
  /** The account that created it (absent for the first admin, made by an operator's command). */
  createdBy?: string;
}

/** Whose key it is: a secretariat account's, a unit's or a portal's. */
export const keyKinds = ['secretariat', 'unit', 'portal'] as const;
export type KeyKind = (typeof keyKinds)[number];

export interface AccessKey {
  /** Random, unrelated to the secret: it can be shown, logged and quoted. */
  keyId: string;
  kind: KeyKind;
  /** The account id, the unit id or the portal id. */
  owner: string;
  /** The kind's prefix and the secret's last four characters, so a person can tell keys apart. */
  hint: string;
  /** The actor that issued it (an account id, or `system` for the local runtime's own). */
  createdBy: string;
  createdAt: string;
  /** Updated at most every quarter of an hour (auth/last-used throttle). */
  lastUsedAt?: string;
  expiresAt?: string;
  revokedAt?: string;
}

/** A key signs in while it is neither revoked nor past its expiry. */
export const isActiveKey = (key: Pick<AccessKey, 'expiresAt' | 'revokedAt'>, nowMs: number): boolean =>
  !key.revokedAt && (key.expiresAt === undefined || Date.parse(key.expiresAt) > nowMs);

/** What the API shows of a key: never its secret or its hash. */
export const keyView = (k: AccessKey): AccessKey => ({
  keyId: k.keyId,
  kind: k.kind,
  owner: k.owner,
  hint: k.hint,
  createdBy: k.createdBy,
  createdAt: k.createdAt,
  ...(k.lastUsedAt ? { lastUsedAt: k.lastUsedAt } : {}),
  ...(k.expiresAt ? { expiresAt: k.expiresAt } : {}),
  ...(k.revokedAt ? { revokedAt: k.revokedAt } : {}),
});
