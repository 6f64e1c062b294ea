/**
 * The secretariat's late-entry override: after a track closed, one unit may enter, amend or withdraw in that
 * track again until the override expires. Quotas and every other rule still hold; each grant is kept, so the
 * grants are their own history, and the competition's grants are listed for the digest. A grant made before
 * the deadline also keeps the closing from expiring the unit's entries; its end is scheduled when it is granted
 * and settles them then (override-ends.ts).
 */
import * as z from 'zod';
import type { DeadlineAction } from '#shared/domain/deadline-schedule.ts';
import { findTrack, type Track } from '#shared/domain/edition.ts';
import { AppError } from '#shared/domain/errors.ts';
import { type Principal, recordedActor } from '#shared/domain/principal.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type { DeadlineOverride, DeadlineStore } from '#shared/ports/deadlines.ts';
import type { OneTimeSchedule, OneTimeSchedules } from '#shared/ports/one-time-schedules.ts';
import type { EditionStore, Page, UnitStore } from '#shared/ports/stores.ts';
import { requireSecretariat, requireUnitOrSecretariat } from './authenticate.ts';

export interface OverrideDeps {
  deadlines: DeadlineStore;
  editions: EditionStore;
  units: UnitStore;
  clock: Clock;
  /** Where the end of each grant is scheduled. */
  schedules: OneTimeSchedules;
}

export const GrantBody = z.strictObject({
  unitId: z.string().min(1).max(100),
  reason: z.string().trim().min(1).max(500),
  until: z.iso.datetime({ offset: true }),
});

/** Longest an override may run: a late entry is an exception, not a second registration period. */
const MAX_OVERRIDE_MS = 30 * 24 * 3600_000;

export async function grantOverride(
  deps: OverrideDeps,
  principal: Principal,
  req: { competitionId: string; trackId: string; body: unknown },
): Promise<DeadlineOverride> {
  requireSecretariat(principal);
  const edition = await deps.editions.get(req.competitionId);
  const track = edition && findTrack(edition, req.trackId);
  if (!edition || !track)
    throw new AppError('NOT_FOUND', `no track ${req.trackId} in competition ${req.competitionId}`);
  const parsed = GrantBody.safeParse(req.body);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      'the override has invalid fields',
      parsed.error.issues.map((i) => ({
        path: `/${i.path.join('/')}`,
        code: 'INVALID_VALUE',
        message: i.message,
      })),
    );
  }
  const { unitId, reason, until } = parsed.data;
  const now = deps.clock.nowMs();
  const expires = Date.parse(until);
  if (expires <= Math.max(now, Date.parse(track.closesAt)) || expires > now + MAX_OVERRIDE_MS) {
    throw new AppError('VALIDATION_FAILED', 'the override must end after the deadline, within 30 days', [
      {
        path: '/until',
        code: 'INVALID_VALUE',
        message: 'after both now and the track deadline, and at most 30 days from now',
      },
    ]);
  }
  if (!(await deps.units.get(unitId))) {
    throw new AppError('VALIDATION_FAILED', 'no such unit', [
      { path: '/unitId', code: 'NOT_FOUND', message: 'no unit with this id' },
    ]);
  }
  const granter = recordedActor(principal);
  const override: DeadlineOverride = {
    competitionId: req.competitionId,
    trackId: track.id,
    unitId,
    reason,
    grantedAt: isoAt(now),
    until: new Date(expires).toISOString(),
    grantedBy: granter.actor,
    ...(granter.actorName ? { grantedByName: granter.actorName } : {}),
  };
  // Scheduled first: a grant is never stored without its end. A failure here stores nothing and fails the
  // request; the schedule is keyed by the grant's content, so the retry (or a retried request) makes no second.
  await deps.schedules.schedule(overrideEndSchedule(edition.timeZone, override));
  await deps.deadlines.grantOverride(override);
  return override;
}

/** The one-time schedule that settles the unit's entries when the grant ends. */
function overrideEndSchedule(timeZone: string, o: DeadlineOverride): OneTimeSchedule {
  const input: DeadlineAction = {
    action: 'end-override',
    competitionId: o.competitionId,
    trackId: o.trackId,
    unitId: o.unitId,
    until: o.until,
  };
  return {
    key: ['end-override', o.competitionId, o.trackId, o.unitId, o.until].join(':'),
    atMs: Date.parse(o.until),
    timeZone,
    input,
  };
}

/**
 * The competition's grants, newest first: the secretariat pages through all of them; a unit gets its own on one
 * page (a handful at most: one per track and extension), so its web app can say that a closed track is open to it.
 */
export async function listOverrides(
  deps: OverrideDeps,
  principal: Principal,
  query: { competitionId: string; limit: number; cursor?: string },
): Promise<Page<DeadlineOverride>> {
  requireUnitOrSecretariat(principal);
  if (principal.role === 'secretariat')
    return deps.deadlines.listOverrides(query.competitionId, query.limit, query.cursor);
  const edition = await deps.editions.get(query.competitionId);
  if (!edition) throw new AppError('NOT_FOUND', `no competition ${query.competitionId}`);
  const perTrack = await Promise.all(
    edition.tracks.map((t) => deps.deadlines.overridesFor(query.competitionId, t.id, principal.unitId)),
  );
  return { items: perTrack.flat().sort((a, b) => Date.parse(b.grantedAt) - Date.parse(a.grantedAt)) };
}

/** True when a grant lets the unit change its entries in a closed track at `nowMs`. */
export async function hasOpenOverride(
  deadlines: DeadlineStore,
  competitionId: string,
  track: Track,
  unitId: string,
  nowMs: number,
): Promise<boolean> {
  return (await latestOpenOverride(deadlines, competitionId, track.id, unitId, nowMs)) !== undefined;
}

/** The unit's grant open at `nowMs` that ends last, if any: until then its entries wait. */
export async function latestOpenOverride(
  deadlines: DeadlineStore,
  competitionId: string,
  trackId: string,
  unitId: string,
  nowMs: number,
): Promise<DeadlineOverride | undefined> {
  return openAt(await deadlines.overridesFor(competitionId, trackId, unitId), nowMs);
}

export const openAt = (grants: DeadlineOverride[], nowMs: number): DeadlineOverride | undefined =>
  grants
    .filter((g) => Date.parse(g.grantedAt) <= nowMs && nowMs < Date.parse(g.until))
    .sort((a, b) => Date.parse(b.until) - Date.parse(a.until))[0];
