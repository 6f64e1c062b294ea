import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { sealedPage } from '#functions/lib/paging.ts';
import { accessDeps, cursorSeal, rateLimitDeps, unitDeps, unitStore } from '#shared/composition.ts';
import { keyView } from '#shared/domain/access.ts';
import type { CreatedUnit, IssuedKey, Shown, UnitPage } from '#shared/domain/views.ts';
import { unitView } from '#shared/domain/views.ts';
import { rotateUnitKey } from '#shared/use-cases/access.ts';
import { createUnit, getUnit, listUnits } from '#shared/use-cases/units.ts';

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'POST /v1/units': async (req) => {
    const { unit, key, token } = await createUnit(unitDeps(), await req.principal(), req.json());
    return {
      status: 201,
      body: { unit: unitView(unit), key: keyView(key), token } satisfies Shown<typeof CreatedUnit>,
      headers: { location: `/v1/units/${unit.unitId}` },
    };
  },
  'GET /v1/units': async (req) => {
    const principal = await req.principal();
    const page = await sealedPage(req, cursorSeal(), { name: 'units' }, (page) =>
      listUnits(unitDeps(), principal, page),
    );
    return {
      status: 200,
      body: {
        items: page.items.map(unitView),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      } satisfies Shown<typeof UnitPage>,
    };
  },
  'GET /v1/units/{unitId}': async (req) => ({
    status: 200,
    body: unitView(await getUnit(unitDeps(), await req.principal(), req.params.unitId ?? '')),
  }),
  // A new key for the unit (shown once); its older keys stop after the grace.
  'POST /v1/units/{unitId}/keys': async (req) => {
    const { key, secret } = await rotateUnitKey(
      accessDeps(),
      await req.principal(),
      req.params.unitId ?? '',
      req.rawBody ? req.json() : undefined,
    );
    return { status: 201, body: { key: keyView(key), token: secret } satisfies Shown<typeof IssuedKey> };
  },
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
