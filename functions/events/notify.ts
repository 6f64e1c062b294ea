import { OverrideEnded, TrackClosed } from '#events/deadline-events.ts';
import { EligibilityEvaluated } from '#events/eligibility-events.ts';
import { PhotoRejected } from '#events/photo-events.ts';
import {
  RegistrationAmended,
  RegistrationCompleted,
  RegistrationRejected,
  RegistrationSubmitted,
  RegistrationWithdrawn,
} from '#events/registration-events.ts';
import { eventFunction } from '#functions/lib/event.ts';
import { closingNoticeDeps, notifyDeps } from '#shared/composition.ts';
import { sendClosingNotices, sendOverrideEndNotices } from '#shared/use-cases/closing-notices.ts';
import { notifyUnit } from '#shared/use-cases/notifications.ts';

/**
 * Sends the emails an event calls for: a track's closing notices, an override's end notices, or the unit's
 * mail about one of its entries. Failures throw, so the event is retried, then dead-lettered.
 */
export const handler = eventFunction(
  [
    RegistrationSubmitted,
    RegistrationAmended,
    RegistrationWithdrawn,
    EligibilityEvaluated,
    RegistrationRejected,
    PhotoRejected,
    RegistrationCompleted,
    TrackClosed,
    OverrideEnded,
  ],
  async (event) => {
    const eventId = event.metadata.id;
    if (event.detailType === TrackClosed.detailType) {
      const { competitionId, trackId } = event.data;
      await sendClosingNotices(closingNoticeDeps(), { eventId, competitionId, trackId });
    } else if (event.detailType === OverrideEnded.detailType) {
      const { competitionId, trackId, unitId, until } = event.data;
      await sendOverrideEndNotices(notifyDeps(), { eventId, competitionId, trackId, unitId, until });
    } else {
      const { detailType, data } = event;
      await notifyUnit(notifyDeps(), { detailType, eventId, registrationId: data.registrationId });
    }
  },
);
