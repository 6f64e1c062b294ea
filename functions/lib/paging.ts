/**
 * Listings page with sealed cursors: the cursor a page hands out is signed for its listing (its name, path
 * parameters and filters) and its caller, and a request's cursor is opened against the same, so a forged,
 * altered or foreign cursor is MALFORMED_REQUEST before any store sees it.
 */
import { actorOf } from '#shared/domain/principal.ts';
import type { CursorSeal } from '#shared/ports/crypto.ts';
import type { Page } from '#shared/ports/stores.ts';
import { type HttpRequest, pageSize } from './http.ts';

export interface Listing {
  /** Names the listing: two listings never open each other's cursors. */
  name: string;
  /** What narrows the listing besides its path (e.g. `?trackId=`): a cursor keeps to the filters it came with. */
  filters?: Record<string, string | undefined>;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** One page of a listing: the request's cursor opened, the next page's cursor sealed. */
export async function sealedPage<T>(
  req: HttpRequest,
  seal: CursorSeal,
  listing: Listing,
  list: (page: PageRequest) => Promise<Page<T>>,
): Promise<Page<T>> {
  const scope = await scopeOf(req, listing);
  const given = req.query.cursor;
  const cursor = given ? await seal.open(given, scope) : undefined;
  const page = await list({ limit: pageSize(req.query), ...(cursor ? { cursor } : {}) });
  return {
    items: page.items,
    ...(page.cursor ? { cursor: await seal.seal(page.cursor, scope) } : {}),
  };
}

/**
 * A cursor into `listing` handed out by another route with the same path parameters (an entry's first history
 * page comes with the entry), sealed as the listing's own route would seal it.
 */
export async function sealedCursor(
  req: HttpRequest,
  seal: CursorSeal,
  listing: Listing,
  cursor: string,
): Promise<string>;
export async function sealedCursor(
  req: HttpRequest,
  seal: CursorSeal,
  listing: Listing,
  cursor: string | undefined,
): Promise<string | undefined>;
export async function sealedCursor(
  req: HttpRequest,
  seal: CursorSeal,
  listing: Listing,
  cursor: string | undefined,
): Promise<string | undefined> {
  return cursor === undefined ? undefined : seal.seal(cursor, await scopeOf(req, listing));
}

/**
 * A cursor handed back in a parameter of its own (the change feed's `?after=`): opened against its listing and
 * caller as a page's cursor is; present but empty, or not sealed for them, it is MALFORMED_REQUEST.
 */
export async function openedCursor(
  req: HttpRequest,
  seal: CursorSeal,
  listing: Listing,
  given: string | undefined,
): Promise<string | undefined> {
  return given === undefined ? undefined : seal.open(given, await scopeOf(req, listing));
}

/** What a cursor is bound to: the listing, its path parameters and filters, and the caller. */
const scopeOf = async (req: HttpRequest, listing: Listing): Promise<string> =>
  JSON.stringify([
    listing.name,
    sortedEntries(req.params),
    sortedEntries(listing.filters ?? {}),
    actorOf(await req.principal()),
  ]);

const sortedEntries = (values: Record<string, string | undefined>) =>
  Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
