/** The API's answers as the web app reads them: the server's own view functions name their shape. */
import type { HistoryEntry } from '#shared/domain/registration.ts';
import type { registrationView, unitView } from '#shared/domain/views.ts';

export type RegistrationView = ReturnType<typeof registrationView> & {
  history?: HistoryEntry[];
  historyCursor?: string;
};

export type UnitView = ReturnType<typeof unitView>;

/** A late-entry override granted to the unit (GET /v1/competitions/{id}/overrides): its track is open to it until `until`. */
export interface OverrideView {
  trackId: string;
  reason: string;
  grantedAt: string;
  until: string;
}

/** A registration body as the form builds it: not yet validated, so any JSON the schema may refuse. */
export interface EntryBody {
  trackId: string;
  groupId: string;
  leader: { name: string; phone: string };
  advisor?: { name: string; phone: string };
  contestants: Record<string, unknown>[];
}
