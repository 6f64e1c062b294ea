/**
 * The OpenAPI document is the contract portals generate clients from: it lints clean, names exactly the routes
 * of infra/system.ts (a route missing from it is undocumented, a path in it without a route answers 404), and
 * its examples are what the system accepts and answers.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exampleBodies, openApiDocument } from '#functions/lib/openapi.ts';
import { Problem } from '#functions/lib/problem.ts';
import { functions, repositoryEditions } from '#infra/system.ts';
import { validateRegistrationInput, validateUnitInput } from '#shared/domain/registration-validation.ts';
import { inlineScriptHashes } from '../../functions/http/web.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

const routesOfSystem = () =>
  functions
    .flatMap((spec) => spec.triggers.flatMap((t) => (t.kind === 'http' ? [`${t.method} ${t.path}`] : [])))
    .sort();

const operationsOfDocument = () =>
  Object.entries(openApiDocument().paths ?? {})
    .flatMap(([path, item]) =>
      METHODS.filter((method) => method in (item ?? {})).map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();

describe('the OpenAPI document', () => {
  it('has an operation for every route of infra/system.ts, and no other', () => {
    expect(operationsOfDocument()).toEqual(routesOfSystem());
  });

  it('names each path parameter of each operation', () => {
    for (const [path, item] of Object.entries(openApiDocument().paths ?? {})) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const method of METHODS.filter((m) => m in (item ?? {}))) {
        const operation = (item as Record<string, { parameters?: { in: string; name: string }[] }>)[method];
        const declared = (operation?.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared.sort(), `${method} ${path}`).toEqual(names);
      }
    }
  });

  it('lints clean with Redocly (recommended rules, as redocly.yaml adjusts them)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bayu-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(openApiDocument()));
      const { stdout } = await promisify(execFile)(
        'node_modules/.bin/redocly',
        ['lint', file, '--config', 'redocly.yaml', '--format', 'json'],
        { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
      );
      const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string }[];
      };
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('describes the bearer key and asks it of every route but the public ones', () => {
    const document = openApiDocument();
    expect(document.components?.securitySchemes?.bearerKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const publicOperations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item ?? {}).flatMap(([method, op]) =>
        (op as { security?: unknown[] }).security?.length === 0 ? [`${method.toUpperCase()} ${path}`] : [],
      ),
    );
    expect(publicOperations.sort()).toEqual(
      [
        'GET /',
        'GET /assets/{file}',
        'GET /docs',
        'GET /v1/competitions/{competitionId}',
        'GET /v1/health',
        'GET /v1/openapi.json',
      ].sort(),
    );
  });

  it('shows a registration body and a unit that the system accepts', () => {
    const [edition] = repositoryEditions();
    expect(validateRegistrationInput(edition!, exampleBodies.registration)).toMatchObject({ ok: true });
    expect(validateUnitInput(exampleBodies.unit)).toMatchObject({ ok: true });
  });

  it('shows every error as the API answers it, the field errors with their Chinese', () => {
    const document = openApiDocument();
    const examples = Object.values(document.paths ?? {}).flatMap((item) =>
      Object.values(item ?? {}).flatMap((op) =>
        Object.values((op as { responses?: Record<string, unknown> }).responses ?? {}).flatMap((response) => {
          const media = (response as { content?: Record<string, { examples?: object }> }).content?.[
            'application/problem+json'
          ];
          return Object.values(media?.examples ?? {}) as { value: unknown }[];
        }),
      ),
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const { value } of examples) expect(Problem.safeParse(value).success).toBe(true);
    const fieldErrors = examples.flatMap(({ value }) => Problem.parse(value).errors ?? []);
    expect(fieldErrors.some((e) => /[\u4e00-\u9fff]/u.test(e.messageZh ?? ''))).toBe(true);
  });
});

describe('the documentation page', () => {
  it('is allowed its inline scripts by their hashes, and no script that loads from elsewhere', () => {
    // The hashes of `a()` and `b()`, as `openssl dgst -sha256 -binary | base64` gives them.
    const page = '<script>a()</script><script type="module">b()</script><script src="/x.js"></script>';
    expect(inlineScriptHashes(page)).toEqual([
      'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4=',
      'sha256-cf242PFc/kb7xD0Qzhsmd9vvRkc+cWFmbi+k+YvtdKc=',
    ]);
  });
});
