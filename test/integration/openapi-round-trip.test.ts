/**
 * A client that trusts only the published document: it reads GET /v1/openapi.json from the local runtime, checks
 * every request body against the operation's request schema before sending it and every answer against the
 * schema of its status and media type, and refuses what does not match. A unit is created and a registration
 * round-trips through it (submitted, read, listed, refused when invalid). The schemas are the document's own
 * JSON Schemas, turned into validators by zod's fromJSONSchema.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { api } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';

const local = localRuntimeOfFile({ clockStart: '2023-09-01T09:00:00+08:00' });

interface Media {
  schema?: object;
  examples?: Record<string, { value: unknown }>;
}
interface OperationDoc {
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
}
interface Document {
  paths: Record<string, Record<string, OperationDoc>>;
  components: { schemas: Record<string, object> };
}

/** A validator of one of the document's schemas, its component references resolved among its components. */
function validatorOf(document: Document, schema: object): z.ZodType {
  // zod resolves local references under $defs: the components are moved there, as they are.
  const asDefs = (value: object) =>
    JSON.parse(JSON.stringify(value).replaceAll('#/components/schemas/', '#/$defs/')) as object;
  return z.fromJSONSchema({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...asDefs(schema),
    $defs: asDefs(document.components.schemas),
  } as Parameters<typeof z.fromJSONSchema>[0]);
}

function expectValid(what: string, validator: z.ZodType, value: unknown) {
  const result = validator.safeParse(value);
  expect(result.success, `${what}: ${JSON.stringify(result.error?.issues.slice(0, 5))}`).toBe(true);
}

/** Calls an operation of the document, checking what goes out and what comes back against it. */
function documentedClient(document: Document) {
  return async (
    routeKey: string,
    options: { params?: Record<string, string>; token?: string; body?: unknown; query?: string } = {},
  ) => {
    const [method, template] = routeKey.split(' ') as [string, string];
    const operation = document.paths[template]?.[method.toLowerCase()];
    if (!operation) throw new Error(`the document has no ${routeKey}`);
    if (options.body !== undefined) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (!schema) throw new Error(`${routeKey} takes no JSON body in the document`);
      expectValid(`${routeKey} request`, validatorOf(document, schema), options.body);
    }
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => options.params?.[name] ?? '');
    const response = await api(local.runtime)(method, `${path}${options.query ?? ''}`, {
      ...(options.token ? { token: options.token } : {}),
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    const documented = operation.responses[String(response.status)];
    expect(
      documented,
      `${routeKey} answered ${response.status}, which the document does not list`,
    ).toBeDefined();
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!;
    const schema = documented?.content?.[mediaType]?.schema;
    expect(schema, `${routeKey} ${response.status} ${mediaType}: no schema in the document`).toBeDefined();
    expectValid(`${routeKey} ${response.status}`, validatorOf(document, schema!), response.body);
    return response;
  };
}

const exampleOf = (document: Document, routeKey: string) => {
  const [method, path] = routeKey.split(' ') as [string, string];
  const media = document.paths[path]?.[method.toLowerCase()]?.requestBody?.content['application/json'];
  return Object.values(media?.examples ?? {})[0]?.value;
};

describe('a client generated from the OpenAPI document', () => {
  it('round-trips a registration, every body and answer valid against the document', async () => {
    const served = await api(local.runtime)('GET', '/v1/openapi.json');
    expect(served.status).toBe(200);
    const document = served.body as Document;
    const call = documentedClient(document);

    const created = await call('POST /v1/units', {
      token: local.runtime.secretariatToken,
      body: exampleOf(document, 'POST /v1/units'),
    });
    expect(created.status).toBe(201);
    const unit = created.body as { unit: { unitId: string }; token: string };

    const entry = exampleOf(document, 'POST /v1/competitions/{competitionId}/registrations');
    const submitted = await call('POST /v1/competitions/{competitionId}/registrations', {
      params: { competitionId: 'bayu-2023' },
      token: unit.token,
      body: entry,
    });
    expect(submitted.status).toBe(201);
    const registration = submitted.body as { registrationId: string; unitId: string; contestants: unknown[] };
    expect(registration).toMatchObject({ unitId: unit.unit.unitId, contestants: [{ name: '张伟' }] });

    const read = await call('GET /v1/registrations/{registrationId}', {
      params: { registrationId: registration.registrationId },
      token: unit.token,
    });
    expect(read.body).toMatchObject({
      registrationId: registration.registrationId,
      history: [{ action: 'submitted' }],
    });

    const listed = await call('GET /v1/competitions/{competitionId}/registrations', {
      params: { competitionId: 'bayu-2023' },
      token: unit.token,
      query: '?trackId=machine-vision',
    });
    expect(listed.body.items).toHaveLength(1);

    // The same person again: refused, with the problem the document describes.
    const again = await call('POST /v1/competitions/{competitionId}/registrations', {
      params: { competitionId: 'bayu-2023' },
      token: unit.token,
      body: entry,
    });
    expect(again.body).toMatchObject({ status: 409, code: 'DUPLICATE_CONTESTANT' });
  });

  it('is refused a body the document does not allow, and the system refuses it the same way', async () => {
    const document = (await api(local.runtime)('GET', '/v1/openapi.json')).body as Document;
    const registrationSchema =
      document.paths['/v1/competitions/{competitionId}/registrations']!.post!.requestBody!.content[
        'application/json'
      ]!.schema!;
    const entry = exampleOf(document, 'POST /v1/competitions/{competitionId}/registrations') as Record<
      string,
      unknown
    >;
    const withUnknownField = { ...entry, remark: '加急' };
    expect(validatorOf(document, registrationSchema).safeParse(withUnknownField).success).toBe(false);

    const unit = (
      await api(local.runtime)('POST', '/v1/units', {
        token: local.runtime.secretariatToken,
        body: { ...(exampleOf(document, 'POST /v1/units') as object), name: '重庆第二技师学院' },
      })
    ).body as { token: string };
    const refused = await api(local.runtime)('POST', '/v1/competitions/bayu-2023/registrations', {
      token: unit.token,
      body: withUnknownField,
    });
    expect(refused.status).toBe(422);
    const problem = validatorOf(
      document,
      document.paths['/v1/competitions/{competitionId}/registrations']!.post!.responses['422']!.content![
        'application/problem+json'
      ]!.schema!,
    );
    expectValid('the 422 problem', problem, refused.body);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: '/remark' }] });
  });
});
