/**
 * Syncs a portal's units' entries through the change feed: reads GET /v1/events page by page from the cursor
 * it stored last time, fetches each entry an event names (for that entry's unit, in Bayu-Unit), hands it on,
 * and stores the feed's next cursor once the page is handled. A crash between handling and storing repeats
 * that page on the next run, never skips it: make `onEntry` idempotent (the registration's `version` tells
 * a newer copy from an older one).
 *
 * Run it:  BAYU_API=https://… BAYU_PORTAL_KEY=bayu_portal_… npx tsx examples/portal-client/sync.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { ApiError, type FeedPage, getJson, type PortalApi, type Registration } from './api.ts';

/** Where the cursor is kept between runs (a file, a database row...). */
export interface CursorStore {
  load(): Promise<string | undefined>;
  save(cursor: string): Promise<void>;
}

export interface SyncOptions extends PortalApi {
  cursor: CursorStore;
  /** Called once per changed entry on each page, with its latest state. */
  onEntry: (registration: Registration) => Promise<void>;
  /** Events per page, 1-100. */
  pageSize?: number;
}

export interface SyncReport {
  events: number;
  entries: number;
  /** The cursor stored last: the next run starts after it. */
  cursor: string | undefined;
}

/** Reads the feed from the stored cursor until a page comes back empty. */
export async function sync(options: SyncOptions): Promise<SyncReport> {
  const report: SyncReport = { events: 0, entries: 0, cursor: await options.cursor.load() };
  for (;;) {
    const query = new URLSearchParams({ limit: String(options.pageSize ?? 100) });
    if (report.cursor) query.set('after', report.cursor);
    const page = await getJson<FeedPage>(options, `/v1/events?${query}`);
    if (page.items.length === 0) return report;
    // Several events of a page often name the same entry: fetch it once, as it is now.
    const changed = new Map<string, string>();
    for (const item of page.items) {
      if (item.registrationId && item.unitId) changed.set(item.registrationId, item.unitId);
    }
    for (const [registrationId, unitId] of changed) {
      const registration = await fetchEntry(options, registrationId, unitId);
      if (registration) {
        await options.onEntry(registration);
        report.entries += 1;
      }
    }
    report.events += page.items.length;
    await options.cursor.save(page.next);
    report.cursor = page.next;
  }
}

/** The entry as it is now; undefined once it is gone (the personal data of a past edition is purged). */
async function fetchEntry(api: PortalApi, registrationId: string, unitId: string) {
  try {
    return await getJson<Registration>(
      api,
      `/v1/registrations/${encodeURIComponent(registrationId)}`,
      unitId,
    );
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** A cursor kept in a file, written whole each time. */
export const fileCursor = (path: string): CursorStore => ({
  load: async () => {
    try {
      return (await readFile(path, 'utf8')).trim() || undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  save: (cursor) => writeFile(path, cursor, 'utf8'),
});

async function main(): Promise<void> {
  const baseUrl = process.env.BAYU_API;
  const key = process.env.BAYU_PORTAL_KEY;
  if (!baseUrl || !key) {
    console.error('set BAYU_API (the API base URL) and BAYU_PORTAL_KEY (bayu_portal_…)');
    process.exit(2);
  }
  const report = await sync({
    baseUrl: baseUrl.replace(/\/$/, ''),
    key,
    cursor: fileCursor(process.env.BAYU_CURSOR_FILE ?? '.portal-cursor'),
    onEntry: async (r) =>
      console.log(`${r.registrationId} ${r.unitId} ${r.trackId} ${r.status} v${r.version}`),
  });
  console.log(`${report.events} events, ${report.entries} entries fetched`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
