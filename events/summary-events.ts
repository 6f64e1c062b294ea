import * as z from 'zod';
import { defineEvent } from './contract.ts';

/**
 * Summary events. The workbooks hold personal data, so events carry pointers (object keys in the app bucket),
 * never the content.
 */
const SummaryKind = z.enum(['nightly', 'on-demand']);

/** The secretariat asked for a summary now; the builder picks it up. */
export const SummaryRequested = defineEvent(
  'SummaryRequested',
  1,
  z.strictObject({
    summaryId: z.string().min(1),
    competitionId: z.string().min(1),
    kind: SummaryKind,
  }),
);

/** A summary's workbooks are stored and ready to download. */
export const SummaryPublished = defineEvent(
  'SummaryPublished',
  1,
  z.strictObject({
    summaryId: z.string().min(1),
    competitionId: z.string().min(1),
    kind: SummaryKind,
    /** Nightly summaries: the edition-local day of the night. */
    night: z.iso.date().optional(),
    asOf: z.iso.datetime({ offset: true }),
    files: z.array(
      z.strictObject({
        /** A track id, or `all`. */
        scope: z.string().min(1),
        fileName: z.string().min(1),
        /** Object key in the app bucket. */
        key: z.string().min(1),
        bytes: z.number().int().min(0),
      }),
    ),
  }),
);

/** Only the nightly summaries are followed by the organisers' digest. */
export const nightlySummaryPublishedPattern = {
  ...SummaryPublished.pattern,
  detail: { data: { kind: ['nightly'] } },
};
