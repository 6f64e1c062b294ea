import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { closingNoticeDeps, notifyDeps } from '#shared/composition.ts';
import { sendClosingNotices, sendOverrideEndNotices } from '#shared/use-cases/closing-notices.ts';
import { notifyUnit } from '#shared/use-cases/notifications.ts';

/**
 * Only what the mails need from an event; other fields are the contracts' business, so an event whose contract
 * grows (or a new event about one entry) needs no change here.
 */
const Detail = z.object({
  metadata: z.object({ id: z.string().min(1) }),
  data: z.object({
    registrationId: z.string().min(1).optional(),
    competitionId: z.string().min(1).optional(),
    trackId: z.string().min(1).optional(),
    unitId: z.string().min(1).optional(),
    until: z.string().min(1).optional(),
  }),
});

/** Sends the emails a registration event calls for; failures throw, so the event is retried, then dead-lettered. */
export const notify = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const { metadata, data } = Detail.parse(event.detail);
  const { registrationId, competitionId, trackId, unitId, until } = data;
  if (event['detail-type'] === 'TrackClosed' && competitionId && trackId) {
    await sendClosingNotices(closingNoticeDeps(), { eventId: metadata.id, competitionId, trackId });
  } else if (event['detail-type'] === 'OverrideEnded' && competitionId && trackId && unitId && until) {
    await sendOverrideEndNotices(notifyDeps(), {
      eventId: metadata.id,
      competitionId,
      trackId,
      unitId,
      until,
    });
  } else if (registrationId) {
    await notifyUnit(notifyDeps(), {
      detailType: event['detail-type'],
      eventId: metadata.id,
      registrationId,
    });
  } else {
    throw new Error(`${event['detail-type']} names neither a registration nor a track`);
  }
};

export const handler = middy<EventBridgeEvent<string, unknown>, void>().handler(notify);
