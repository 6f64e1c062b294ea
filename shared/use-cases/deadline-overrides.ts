/**
 * The secretariat's late-entry override: after a track closed, one unit may enter, amend or withdraw in that
 * track again until the override expires. Quotas and every other rule still hold; each grant is kept, so the
 * grants are their own history, and the competition's grants are listed for the digest.
 */
import { z } from 'zod';
import { findTrack, type Track } from '#shared/domain/edition.ts';
import { AppError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { type Clock, isoAt } from '#shared/ports/clock.ts';
import type { DeadlineOverride, DeadlineStore } from '#shared/ports/deadlines.ts';
import type { EditionStore, Page, UnitStore } from '#shared/ports/stores.ts';
import { requireSecretariat } from './authenticate.ts';

export interface OverrideDeps {
  deadlines: DeadlineStore;
  editions: EditionStore;
  units: UnitStore;
  clock: Clock;
}

const GrantBody = z.strictObject({
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
  if (!track) throw new AppError('NOT_FOUND', `no track ${req.trackId} in competition ${req.competitionId}`);
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
  const override: DeadlineOverride = {
    competitionId: req.competitionId,
    trackId: track.id,
    unitId,
    reason,
    grantedAt: isoAt(now),
    until: new Date(expires).toISOString(),
    grantedBy: 'secretariat',
  };
  await deps.deadlines.grantOverride(override);
  return override;
}

export async function listOverrides(
  deps: OverrideDeps,
  principal: Principal,
  query: { competitionId: string; limit: number; cursor?: string },
): Promise<Page<DeadlineOverride>> {
  requireSecretariat(principal);
  return deps.deadlines.listOverrides(query.competitionId, query.limit, query.cursor);
}

/** True when a grant lets the unit change its entries in a closed track at `nowMs`. */
export async function hasOpenOverride(
  deadlines: DeadlineStore,
  competitionId: string,
  track: Track,
  unitId: string,
  nowMs: number,
): Promise<boolean> {
  const grants = await deadlines.overridesFor(competitionId, track.id, unitId);
  return grants.some((g) => Date.parse(g.grantedAt) <= nowMs && nowMs < Date.parse(g.until));
}
