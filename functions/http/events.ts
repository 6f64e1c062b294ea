import * as z from 'zod';
import { httpFunction, pageSize, type Routes } from '#functions/lib/http.ts';
import { type Listing, openedCursor, sealedCursor } from '#functions/lib/paging.ts';
import { changeFeedDeps, cursorSeal, rateLimitDeps, unitStore } from '#shared/composition.ts';
import type { FeedCursor, FeedPage } from '#shared/domain/change-feed.ts';
import { AppError } from '#shared/domain/errors.ts';
import type { Shown } from '#shared/domain/views.ts';
import { readFeed } from '#shared/use-cases/change-feed.ts';

/** The feed's cursors are sealed for the feed and the caller, like every listing's. */
const FEED: Listing = { name: 'events' };

const Positions = z.record(z.string(), z.number().int().min(0));

/** A cursor's text: its positions as base64url JSON (the seal's own separator, a dot, never occurs in it). */
const cursorText = (cursor: FeedCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function cursorOf(text: string): FeedCursor {
  try {
    return Positions.parse(JSON.parse(Buffer.from(text, 'base64url').toString()));
  } catch {
    throw new AppError('MALFORMED_REQUEST', 'the cursor is not one the feed gave you');
  }
}

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'GET /v1/events': async (req) => {
    const limit = pageSize(req.query);
    const given = await openedCursor(req, cursorSeal(), FEED, req.query.after);
    const page = await readFeed(
      changeFeedDeps(),
      await req.principal(),
      given === undefined ? {} : cursorOf(given),
      limit,
    );
    return {
      status: 200,
      body: {
        items: page.items,
        next: await sealedCursor(req, cursorSeal(), FEED, cursorText(page.next)),
      } satisfies Shown<typeof FeedPage>,
      // Each read may show more: no cache may answer for the feed.
      headers: { 'cache-control': 'no-store' },
    };
  },
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
