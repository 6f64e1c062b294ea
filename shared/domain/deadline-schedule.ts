/**
 * The moments an edition's deadlines call for: per track, a reminder `reminderDaysBefore` days before closesAt
 * (each setting), and the closing at closesAt. Infra turns them into schedules; the deadline function receives
 * one as its input. The end of a unit's late-entry override is scheduled once, when it is granted.
 */
import * as z from 'zod';
import type { Edition } from './edition.ts';

export const DeadlineAction = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('close'),
    competitionId: z.string().min(1),
    trackId: z.string().min(1),
  }),
  z.strictObject({
    action: z.literal('remind'),
    competitionId: z.string().min(1),
    trackId: z.string().min(1),
    daysBefore: z.number().int().min(1),
  }),
  z.strictObject({
    action: z.literal('end-override'),
    competitionId: z.string().min(1),
    trackId: z.string().min(1),
    unitId: z.string().min(1),
    /** The `until` of the grant whose end this is. */
    until: z.iso.datetime({ offset: true }),
  }),
]);
export type DeadlineAction = z.infer<typeof DeadlineAction>;

export interface DeadlineMoment {
  /** Unique in the system: `<action>-<competition>-<track>[-<days>d]`. */
  name: string;
  atMs: number;
  input: DeadlineAction;
}

const DAY_MS = 24 * 3600_000;

export function deadlineMoments(edition: Edition): DeadlineMoment[] {
  return edition.tracks.flatMap((track) => {
    const ref = { competitionId: edition.id, trackId: track.id };
    const closesAtMs = Date.parse(track.closesAt);
    const reminders = [...new Set(edition.settings.reminderDaysBefore)]
      .sort((a, b) => b - a)
      .map(
        (daysBefore): DeadlineMoment => ({
          name: `remind-${edition.id}-${track.id}-${daysBefore}d`,
          atMs: closesAtMs - daysBefore * DAY_MS,
          input: { action: 'remind', ...ref, daysBefore },
        }),
      );
    return [
      ...reminders,
      { name: `close-${edition.id}-${track.id}`, atMs: closesAtMs, input: { action: 'close', ...ref } },
    ];
  });
}
