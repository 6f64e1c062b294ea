import * as z from 'zod';
import { defineEvent } from './contract.ts';
import { RegistrationRef } from './registration-events.ts';

/**
 * Results of the automatic photo check. Like the registration events they carry ids, never the photo or the
 * person: a consumer reads the contestant from the registration at the version named here.
 */
const PhotoResult = RegistrationRef.extend({
  /** Position of the contestant in the entry at that version. */
  contestantIndex: z.number().int().min(0),
  uploadId: z.string().min(1),
  /** Reason codes of a rejection (see shared/domain/photo-rules.ts); empty when accepted. */
  reasons: z.array(z.string().min(1)),
});

export const PhotoAccepted = defineEvent('PhotoAccepted', 1, PhotoResult);
export const PhotoRejected = defineEvent('PhotoRejected', 1, PhotoResult);
