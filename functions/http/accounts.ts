import { httpFunction, type Routes } from '#functions/lib/http.ts';
import { accessDeps, rateLimitDeps, unitStore } from '#shared/composition.ts';
import { keyView } from '#shared/domain/access.ts';
import type {
  AccountList,
  CreatedAccount,
  CreatedPortal,
  IssuedKey,
  KeyList,
  MeView,
  PortalList,
  PortalView,
  Shown,
} from '#shared/domain/views.ts';
import { portalView, unitView } from '#shared/domain/views.ts';
import {
  createAccount,
  createPortal,
  getPortal,
  issueAccountKey,
  listAccounts,
  listKeys,
  listPortals,
  revokeKey,
  rotatePortalKey,
  whoAmI,
} from '#shared/use-cases/access.ts';

/** What GET /v1/me shows: a unit's and a portal's contact phone masked, as everywhere. */
function meView(me: Awaited<ReturnType<typeof whoAmI>>): Shown<typeof MeView> {
  if (me.kind === 'unit') return { ...me, unit: unitView(me.unit) };
  if (me.kind === 'portal') return { ...me, portal: portalView(me.portal) };
  return me;
}

/** The routes of this function, by API Gateway routeKey (equal to its triggers in infra/system.ts). */
export const routes = {
  'GET /v1/me': async (req) => {
    const me = await whoAmI(accessDeps(), await req.principal());
    return { status: 200, body: meView(me) };
  },
  'POST /v1/accounts': async (req) => {
    const { account, key, secret } = await createAccount(accessDeps(), await req.principal(), req.json());
    return {
      status: 201,
      body: { account, key: keyView(key), token: secret } satisfies Shown<typeof CreatedAccount>,
      headers: { location: `/v1/accounts/${account.accountId}` },
    };
  },
  'GET /v1/accounts': async (req) => ({
    status: 200,
    body: { items: await listAccounts(accessDeps(), await req.principal()) } satisfies Shown<
      typeof AccountList
    >,
  }),
  'POST /v1/accounts/{accountId}/keys': async (req) => {
    const { key, secret } = await issueAccountKey(
      accessDeps(),
      await req.principal(),
      req.params.accountId ?? '',
      req.rawBody ? req.json() : undefined,
    );
    return { status: 201, body: { key: keyView(key), token: secret } satisfies Shown<typeof IssuedKey> };
  },
  'POST /v1/portals': async (req) => {
    const { portal, key, secret } = await createPortal(accessDeps(), await req.principal(), req.json());
    return {
      status: 201,
      body: { portal: portalView(portal), key: keyView(key), token: secret } satisfies Shown<
        typeof CreatedPortal
      >,
      headers: { location: `/v1/portals/${portal.portalId}` },
    };
  },
  'GET /v1/portals': async (req) => {
    const portals = await listPortals(accessDeps(), await req.principal());
    return { status: 200, body: { items: portals.map(portalView) } satisfies Shown<typeof PortalList> };
  },
  'GET /v1/portals/{portalId}': async (req) => {
    const portal = await getPortal(accessDeps(), await req.principal(), req.params.portalId ?? '');
    return { status: 200, body: portalView(portal) satisfies Shown<typeof PortalView> };
  },
  'POST /v1/portals/{portalId}/keys': async (req) => {
    const { key, secret } = await rotatePortalKey(
      accessDeps(),
      await req.principal(),
      req.params.portalId ?? '',
      req.rawBody ? req.json() : undefined,
    );
    return { status: 201, body: { key: keyView(key), token: secret } satisfies Shown<typeof IssuedKey> };
  },
  'GET /v1/keys': async (req) => {
    const keys = await listKeys(accessDeps(), await req.principal(), req.query.owner);
    return { status: 200, body: { items: keys.map(keyView) } satisfies Shown<typeof KeyList> };
  },
  'DELETE /v1/keys/{keyId}': async (req) => {
    await revokeKey(accessDeps(), await req.principal(), req.params.keyId ?? '');
    return { status: 204 };
  },
} satisfies Routes;

export const handler = httpFunction(routes, { tokens: unitStore, rateLimit: rateLimitDeps });
