/**
 * Counts over a stream of registrations, for the statistics sheet and the digest. It keeps counters per track,
 * group, unit kind and district (and the ids of the units seen, at most one per unit), never the entries, so it
 * stays small however many entries pass through it.
 */
import type { UnitKind } from './edition.ts';
import { activeStatuses, type Registration } from './registration.ts';
import type { Unit } from './unit.ts';

/** What the summaries need to know about a unit (never its contact). */
export type UnitInfo = Pick<Unit, 'unitId' | 'name' | 'kind' | 'district'>;

export interface Counts {
  /** Entries holding a place (submitted or complete). */
  entries: number;
  contestants: number;
  complete: number;
  /** Entries submitted in the window, whatever became of them. */
  newEntries: number;
  withdrawnSince: number;
  rejectedSince: number;
  /** Entries holding a place whose eligibility waits for the secretariat's review. */
  waitingForReview: number;
  units: Set<string>;
}

const emptyCounts = (): Counts => ({
  entries: 0,
  contestants: 0,
  complete: 0,
  newEntries: 0,
  withdrawnSince: 0,
  rejectedSince: 0,
  waitingForReview: 0,
  units: new Set(),
});

export interface TrackTally {
  total: Counts;
  groups: Map<string, Counts>;
  kinds: Map<UnitKind, Counts>;
  /** By district name; '' for units that gave none. */
  districts: Map<string, Counts>;
}

/**
 * The instants a summary describes: everything up to `until` (its as-of instant), and "new" or "since" means
 * after `since` (the previous one's as-of instant; undefined: everything is new) and up to `until`. Entries are
 * read some minutes after `until`; bounding the window on both sides keeps consecutive windows apart, so an entry
 * is counted as new in one night's figures only.
 */
export interface TallyWindow {
  since: string | undefined;
  until: string;
}

export class SummaryTally {
  readonly tracks = new Map<string, TrackTally>();

  constructor(private readonly window: TallyWindow) {}

  add(r: Registration, unit: UnitInfo | undefined): void {
    const { since, until } = this.window;
    if (r.createdAt > until) return; // after the as-of instant: tomorrow's figures
    const track = this.track(r.trackId);
    const buckets = [
      track.total,
      at(track.groups, r.groupId),
      ...(unit ? [at(track.kinds, unit.kind)] : []),
      at(track.districts, unit?.district ?? ''),
    ];
    const inWindow = (instant: string) => (since === undefined || instant > since) && instant <= until;
    const active = activeStatuses.has(r.status);
    for (const c of buckets) {
      if (active) {
        c.entries += 1;
        c.contestants += r.contestants.length;
        c.units.add(r.unitId);
        if (r.eligibility.status === 'review') c.waitingForReview += 1;
      }
      if (r.status === 'complete') c.complete += 1;
      if (inWindow(r.createdAt)) c.newEntries += 1;
      if (r.status === 'withdrawn' && inWindow(r.updatedAt)) c.withdrawnSince += 1;
      if (r.status === 'rejected' && inWindow(r.updatedAt)) c.rejectedSince += 1;
    }
  }

  track(trackId: string): TrackTally {
    let track = this.tracks.get(trackId);
    if (!track) {
      track = { total: emptyCounts(), groups: new Map(), kinds: new Map(), districts: new Map() };
      this.tracks.set(trackId, track);
    }
    return track;
  }
}

function at<K>(map: Map<K, Counts>, key: K): Counts {
  let counts = map.get(key);
  if (!counts) {
    counts = emptyCounts();
    map.set(key, counts);
  }
  return counts;
}

export function countsOf<K>(map: Map<K, Counts>, key: K): Counts {
  return map.get(key) ?? emptyCounts();
}
