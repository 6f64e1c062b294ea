/**
 * Each route is written once in its handler: the routes an HTTP module serves and the HTTP triggers infra
 * gives its function are the same list, both ways. A trigger without a route would answer 404; a route
 * without a trigger would never be reached.
 */
import { describe, expect, it } from 'vitest';
import type { Routes } from '#functions/lib/http.ts';
import { functions } from '#infra/system.ts';

const httpFunctions = functions.filter((spec) => spec.triggers.some((t) => t.kind === 'http'));

describe('HTTP routes', () => {
  it('are served by every function with HTTP triggers, and only by those under functions/http', () => {
    expect(
      httpFunctions.map((spec) => spec.entry).every((entry) => entry.startsWith('functions/http/')),
    ).toBe(true);
    expect(httpFunctions.length).toBeGreaterThan(0);
  });

  for (const spec of httpFunctions) {
    it(`of ${spec.name} equal its HTTP triggers`, async () => {
      const module = (await import(`../../${spec.entry}`)) as { routes?: Routes };
      const triggers = spec.triggers.flatMap((t) => (t.kind === 'http' ? [`${t.method} ${t.path}`] : []));
      expect(Object.keys(module.routes ?? {}).sort()).toEqual(triggers.sort());
    });
  }
});
