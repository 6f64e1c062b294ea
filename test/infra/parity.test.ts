/**
 * The deployed wiring (read back from the synthesized CloudFormation) and the local runtime's wiring are the
 * same: every route, rule and stream consumer on one side exists on the other with the same method and path,
 * pattern, filters and target function, and the reverse.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type LocalWiring, localWiring } from '../../infra/local/wiring.ts';
import { type FunctionSpec, functions } from '../../infra/system.ts';
import { fixtureSpecs } from './fixtures/specs.ts';
import { SYNTH_TIMEOUT_MS, synthesize } from './synth.ts';
import { canonical, compareWirings, wiringOf } from './template-wiring.ts';

let deployedSystem: LocalWiring;
let deployedFixture: LocalWiring;

beforeAll(() => {
  deployedSystem = wiringOf(synthesize().statelessTemplate);
  deployedFixture = wiringOf(synthesize(fixtureSpecs).statelessTemplate);
}, SYNTH_TIMEOUT_MS);

const sizes = (wiring: LocalWiring) => [
  wiring.routes.length,
  wiring.rules.length,
  wiring.streamConsumers.length,
  wiring.schedules.length,
];

describe('deployed and local wiring of the system description', () => {
  it('have the same routes, rules, stream consumers and schedules, both ways', () => {
    const local = localWiring(functions);
    expect(compareWirings(deployedSystem, local)).toEqual({ onlyDeployed: [], onlyLocal: [] });
    expect(sizes(deployedSystem)).toEqual(sizes(local));
  });

  it('route every HTTP trigger of the description', () => {
    const httpTriggers = functions.flatMap((spec) => spec.triggers.filter((t) => t.kind === 'http'));
    expect(deployedSystem.routes).toHaveLength(httpTriggers.length);
    expect(deployedSystem.routes).toContainEqual({
      method: 'GET',
      path: '/v1/health',
      functionName: 'health',
    });
  });
});

describe('deployed and local wiring of a fixture with every trigger kind', () => {
  it('have the same rules (patterns verbatim), routes, stream filters and schedules, both ways', () => {
    const local = localWiring(fixtureSpecs);
    expect(local.rules.length).toBeGreaterThan(1);
    expect(local.schedules.map((s) => s.expression)).toEqual(['cron(0 2 * * ? *)']);
    expect(compareWirings(deployedFixture, local)).toEqual({ onlyDeployed: [], onlyLocal: [] });
    expect(sizes(deployedFixture)).toEqual(sizes(local));
  });
});

describe('the comparison', () => {
  const withTriggers = (specs: FunctionSpec[], name: string, edit: (spec: FunctionSpec) => FunctionSpec) =>
    specs.map((spec) => (spec.name === name ? edit(spec) : spec));

  it('finds a route that only the local side has', () => {
    const specs = withTriggers(functions, 'health', (spec) => ({
      ...spec,
      triggers: [...spec.triggers, { kind: 'http', method: 'GET', path: '/v1/ready' }],
    }));
    const difference = compareWirings(deployedSystem, localWiring(specs));
    expect(difference.onlyDeployed).toEqual([]);
    expect(difference.onlyLocal).toEqual([
      'route {"functionName":"health","method":"GET","path":"/v1/ready"}',
    ]);
  });

  it('finds a route that only the deployment has, and one routed to another function', () => {
    const specs = withTriggers(functions, 'units-api', (spec) => ({
      ...spec,
      triggers: spec.triggers.filter(
        (t) => !(t.kind === 'http' && t.method === 'POST' && t.path === '/v1/units'),
      ),
    }));
    expect(compareWirings(deployedSystem, localWiring(specs)).onlyDeployed).toEqual([
      'route {"functionName":"units-api","method":"POST","path":"/v1/units"}',
    ]);
    const moved = localWiring(functions);
    moved.routes = moved.routes.map((r) =>
      r.path === '/v1/health' ? { ...r, functionName: 'units-api' } : r,
    );
    expect(compareWirings(deployedSystem, moved).onlyLocal).toHaveLength(1);
  });

  it('finds a rule whose pattern differs by one value', () => {
    const local = localWiring(fixtureSpecs);
    const [first, ...rest] = local.rules;
    if (!first) throw new Error('the fixture has rules');
    local.rules = [{ ...first, pattern: { ...first.pattern, source: ['someone.else'] } }, ...rest];
    const difference = compareWirings(deployedFixture, local);
    expect(difference.onlyDeployed).toHaveLength(1);
    expect(difference.onlyLocal).toHaveLength(1);
  });

  it('finds a rule wired to the other bus', () => {
    const local = localWiring(fixtureSpecs);
    local.rules = local.rules.map((rule) =>
      rule.bus === 'default' ? { ...rule, bus: 'app' as const } : rule,
    );
    const difference = compareWirings(deployedFixture, local);
    expect(difference.onlyDeployed).toEqual([expect.stringContaining('"bus":"default"')]);
    expect(difference.onlyLocal).toEqual([expect.stringContaining('"bus":"app"')]);
  });

  it('finds a stream consumer whose filters or batch size differ', () => {
    const local = localWiring(functions);
    local.streamConsumers = local.streamConsumers.map((consumer) => ({ ...consumer, batchSize: 1 }));
    expect(compareWirings(deployedSystem, local).onlyLocal).toHaveLength(local.streamConsumers.length);
    local.streamConsumers = [];
    expect(compareWirings(deployedSystem, local).onlyDeployed).toHaveLength(
      deployedSystem.streamConsumers.length,
    );
  });

  it('finds a schedule whose time, zone or input differs, or that only one side has', () => {
    const local = localWiring(functions);
    expect(local.schedules.length).toBeGreaterThan(0);
    const [first, ...rest] = local.schedules;
    if (!first) throw new Error('the system has schedules');
    for (const changed of [
      { ...first, expression: 'at(2023-09-23T00:00:01)' },
      { ...first, timeZone: 'UTC' },
      { ...first, input: { ...first.input, trackId: 'other' } },
    ]) {
      const difference = compareWirings(deployedSystem, { ...local, schedules: [changed, ...rest] });
      expect(difference.onlyDeployed).toHaveLength(1);
      expect(difference.onlyLocal).toHaveLength(1);
    }
    expect(compareWirings(deployedSystem, { ...local, schedules: rest }).onlyDeployed).toEqual([
      `schedule ${canonical(first)}`,
    ]);
  });
});
