/**
 * The few calls a portal makes, over Node's own fetch: its key in `Authorization`, the unit it acts for in
 * `Bayu-Unit`, and the API's problem details (RFC 9457) turned into errors that keep the `code`.
 */

/** One event of the change feed (GET /v1/events): ids and states only, never a name, ID number or phone. */
export interface FeedItem {
  id: string;
  type: string;
  time: string;
  competitionId?: string;
  registrationId?: string;
  unitId?: string;
  trackId?: string;
  groupId?: string;
  registrationVersion?: number;
  status?: string;
}

export interface FeedPage {
  items: FeedItem[];
  /** Where the next read starts (`after`): present even when the page is empty. */
  next: string;
}

/** A registration as the API shows it to a unit (ID numbers and phones masked); see GET /v1/openapi.json. */
export interface Registration {
  registrationId: string;
  unitId: string;
  trackId: string;
  groupId: string;
  status: string;
  version: number;
  [field: string]: unknown;
}

/** The API refused the request: `code` is stable (e.g. FORBIDDEN, RATE_LIMITED), `detail` says why. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    /** Seconds to wait before retrying, when the API says (429, 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiError';
  }
}

export interface PortalApi {
  /** The API's base URL, e.g. https://baoming.example.cn (no trailing slash). */
  baseUrl: string;
  /** The portal's key, `bayu_portal_…`, as the secretariat gave it. */
  key: string;
}

/** GETs `path` as the portal, for `unitId` when given (Bayu-Unit), and parses the JSON answer. */
export async function getJson<T>(api: PortalApi, path: string, unitId?: string): Promise<T> {
  const response = await fetch(`${api.baseUrl}${path}`, {
    headers: {
      authorization: `Bearer ${api.key}`,
      accept: 'application/json',
      ...(unitId ? { 'bayu-unit': unitId } : {}),
    },
    redirect: 'error',
  });
  const text = await response.text();
  if (response.ok) return JSON.parse(text) as T;
  const problem = (text ? JSON.parse(text) : {}) as { code?: string; detail?: string };
  const retryAfter = response.headers.get('retry-after');
  throw new ApiError(
    response.status,
    problem.code ?? 'UNKNOWN',
    problem.detail ?? response.statusText,
    retryAfter ? Number(retryAfter) : undefined,
  );
}
