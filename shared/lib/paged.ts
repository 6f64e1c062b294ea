import type { Page } from '#shared/ports/stores.ts';

/** Every item of a paged listing, fetching the next page only when the current one is used up. */
export async function* paged<T>(fetch: (cursor?: string) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    yield* page.items;
    cursor = page.cursor;
  } while (cursor);
}
