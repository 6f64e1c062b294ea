/**
 * The routes a portal's key may call, by API Gateway routeKey: those it calls for a unit named in Bayu-Unit
 * (reading needs `registrations:read`, changing `registrations:write`), and those it calls as itself. Every
 * other route refuses portals (the secretariat's, the keys'). The edge applies this table (http.ts) and the
 * OpenAPI document describes the Bayu-Unit header from it, so the two cannot disagree.
 */
import type { PortalScope } from '#shared/domain/portal.ts';
import type { PortalRouteRule } from '#shared/use-cases/portal-caller.ts';

const forUnit = (scope: PortalScope): PortalRouteRule => ({ actsFor: 'unit', scope });
const read = forUnit('registrations:read');
const write = forUnit('registrations:write');
const manageWebhooks: PortalRouteRule = { actsFor: 'self', scope: 'webhooks:manage' };

export const portalRoutes: Readonly<Record<string, PortalRouteRule>> = {
  'POST /v1/competitions/{competitionId}/registrations': write,
  'GET /v1/competitions/{competitionId}/registrations': read,
  'GET /v1/registrations/{registrationId}': read,
  'GET /v1/registrations/{registrationId}/history': read,
  'PUT /v1/registrations/{registrationId}': write,
  'DELETE /v1/registrations/{registrationId}': write,
  // A draft's check changes nothing.
  'POST /v1/competitions/{competitionId}/registrations/validate': read,
  'POST /v1/registrations/{registrationId}/contestants/{index}/photo': write,
  'GET /v1/registrations/{registrationId}/contestants/{index}/photo': read,
  'GET /v1/units/{unitId}': read,
  'GET /v1/competitions/{competitionId}/overrides': read,
  // The 附件4 form holds whole ID numbers: the unit's own, read for it like the entry.
  'GET /v1/registrations/{registrationId}/form.docx': read,
  // A bulk import: sending a file for its check is part of entering people, reading the check is not.
  'GET /v1/competitions/{competitionId}/import-template.xlsx': read,
  'POST /v1/competitions/{competitionId}/imports': write,
  'GET /v1/imports/{importId}': read,
  'GET /v1/imports/{importId}/errors.xlsx': read,
  'POST /v1/imports/{importId}/commit': write,
  'GET /v1/events': { actsFor: 'self', scope: 'events:read' },
  'GET /v1/me': { actsFor: 'self' },
  'POST /v1/webhooks': manageWebhooks,
  'GET /v1/webhooks': manageWebhooks,
  'GET /v1/webhooks/{webhookId}': manageWebhooks,
  'PATCH /v1/webhooks/{webhookId}': manageWebhooks,
  'DELETE /v1/webhooks/{webhookId}': manageWebhooks,
  'GET /v1/webhooks/{webhookId}/deliveries': manageWebhooks,
  'POST /v1/webhooks/{webhookId}/test': manageWebhooks,
};
