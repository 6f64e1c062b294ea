/** The API's answers as the web app reads them: the server's own view functions name their shape. */
import type { DeadlineOverride } from '#shared/domain/deadline-override.ts';
import type { importView } from '#shared/domain/import-view.ts';
import type { HistoryEntry } from '#shared/domain/registration.ts';
import type { portalView, registrationView, unitView } from '#shared/domain/views.ts';

/** A history entry as the API shows it: a member's or a portal's name, and the unit a portal acted for. */
export type HistoryView = HistoryEntry;

export type RegistrationView = ReturnType<typeof registrationView> & {
  history?: HistoryView[];
  historyCursor?: string;
};

export type UnitView = ReturnType<typeof unitView>;

/** A bulk import's check, or after its commit each entry's result. */
export type ImportView = ReturnType<typeof importView>;
/** A portal client (GET /v1/portals): the units and districts it acts for, and its scopes. */
export type PortalView = ReturnType<typeof portalView>;

/** A late-entry override granted to the unit (GET /v1/competitions/{id}/overrides): its track is open to it until `until`. */
export type OverrideView = Pick<DeadlineOverride, 'trackId' | 'reason' | 'grantedAt' | 'until'>;

/** A registration body as the form builds it: not yet validated, so any JSON the schema may refuse. */
export interface EntryBody {
  trackId: string;
  groupId: string;
  leader: { name: string; phone: string };
  advisor?: { name: string; phone: string };
  contestants: Record<string, unknown>[];
}

/** A key as the API describes it: never the secret, only its id and display hint (prefix and last 4). */
export interface KeyRef {
  keyId: string;
  hint: string;
  expiresAt?: string;
}

/** A member of the secretariat (大赛执委会); an admin also manages members and revokes any key. */
export interface AccountView {
  accountId: string;
  name: string;
  email: string;
  role: 'secretariat' | 'admin';
}

/** Who a key belongs to (GET /v1/me): a member of the secretariat, a unit or a portal. */
export type Me =
  | { kind: 'secretariat'; account: AccountView; key: KeyRef }
  | { kind: 'unit'; unit: UnitView; key: KeyRef }
  | { kind: 'portal'; portal: PortalView; key: KeyRef };
