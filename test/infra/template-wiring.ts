/**
 * Reads back from a synthesized stateless template what the local runtime wires: HTTP routes, EventBridge rules,
 * stream consumers and Scheduler schedules, each with the spec name of the function it reaches (from the function's tag).
 */
import type { Template } from 'aws-cdk-lib/assertions';
import type { EventPattern } from '../../events/contract.ts';
import { FUNCTION_TAG } from '../../infra/cdk/app-function.ts';
import { RULE_TAG } from '../../infra/cdk/triggers/event-rules.ts';
import type { LocalWiring } from '../../infra/local/wiring.ts';
import type { HttpMethod } from '../../infra/system.ts';

interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}
type Tag = { Key: string; Value: string };

export function wiringOf(template: Template): LocalWiring {
  const resources = (template.toJSON() as { Resources: Record<string, CfnResource> }).Resources;
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const tag = (resource: CfnResource | undefined, key: string): string | undefined =>
    (resource?.Properties?.Tags as Tag[] | undefined)?.find((t) => t.Key === key)?.Value;

  /** A function reference (`Ref` or `Fn::GetAtt [id, 'Arn']`) → the spec name tagged on that function. */
  const functionName = (reference: unknown): string => {
    const ref = reference as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
    const logicalId = ref.Ref ?? ref['Fn::GetAtt']?.[0];
    const resource = logicalId === undefined ? undefined : resources[logicalId];
    const name = resource?.Type === 'AWS::Lambda::Function' ? tag(resource, FUNCTION_TAG) : undefined;
    if (name === undefined) throw new Error(`not a tagged function: ${JSON.stringify(reference)}`);
    return name;
  };

  const routes = ofType('AWS::ApiGatewayV2::Route').map(([id, route]) => {
    const [method, path] = String(route.Properties?.RouteKey).split(' ') as [HttpMethod, string];
    // Target is {"Fn::Join": ["", ["integrations/", {"Ref": <integration>}]]}.
    const target = route.Properties?.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
    const integration = resources[target['Fn::Join'][1][1].Ref];
    if (integration?.Type !== 'AWS::ApiGatewayV2::Integration')
      throw new Error(`route ${id} has no integration`);
    return { method, path, functionName: functionName(integration.Properties?.IntegrationUri) };
  });

  const rules = ofType('AWS::Events::Rule').flatMap(([id, rule]) => {
    const name = tag(rule, RULE_TAG);
    if (name === undefined) throw new Error(`rule ${id} has no ${RULE_TAG} tag`);
    const targets = rule.Properties?.Targets as { Arn: unknown }[];
    // A rule without EventBusName is on the account's default bus.
    const bus = rule.Properties?.EventBusName === undefined ? ('default' as const) : ('app' as const);
    return targets.map((target) => ({
      rule: name,
      pattern: rule.Properties?.EventPattern as EventPattern,
      functionName: functionName(target.Arn),
      bus,
    }));
  });

  const streamConsumers = ofType('AWS::Lambda::EventSourceMapping').map(([, mapping]) => {
    const filters = (mapping.Properties?.FilterCriteria as { Filters?: { Pattern: string }[] } | undefined)
      ?.Filters;
    return {
      filters: (filters ?? []).map((filter) => JSON.parse(filter.Pattern) as EventPattern),
      batchSize: mapping.Properties?.BatchSize as number,
      functionName: functionName(mapping.Properties?.FunctionName),
    };
  });

  const schedules = ofType('AWS::Scheduler::Schedule').map(([, schedule]) => {
    const target = schedule.Properties?.Target as { Arn: unknown; Input: string };
    return {
      schedule: schedule.Properties?.Name as string,
      expression: schedule.Properties?.ScheduleExpression as string,
      timeZone: schedule.Properties?.ScheduleExpressionTimezone as string,
      input: JSON.parse(target.Input) as Record<string, unknown>,
      functionName: functionName(target.Arn),
      ...(schedule.Properties?.EndDate ? { endsAt: schedule.Properties.EndDate as string } : {}),
    };
  });

  return { routes, rules, streamConsumers, schedules };
}

/** JSON with object keys sorted (array order kept), so equal wirings compare equal as strings. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

export interface WiringDifference {
  /** In the template, missing locally. */
  onlyDeployed: string[];
  /** Wired locally, missing from the template. */
  onlyLocal: string[];
}

/** Compares two wirings as sets, both ways; each entry is `kind canonical-json`. */
export function compareWirings(deployed: LocalWiring, local: LocalWiring): WiringDifference {
  const keys = (wiring: LocalWiring) =>
    new Set([
      ...wiring.routes.map((route) => `route ${canonical(route)}`),
      ...wiring.rules.map((rule) => `rule ${canonical(rule)}`),
      ...wiring.streamConsumers.map((consumer) => `stream ${canonical(consumer)}`),
      ...wiring.schedules.map((schedule) => `schedule ${canonical(schedule)}`),
    ]);
  const deployedKeys = keys(deployed);
  const localKeys = keys(local);
  return {
    onlyDeployed: [...deployedKeys].filter((key) => !localKeys.has(key)).sort(),
    onlyLocal: [...localKeys].filter((key) => !deployedKeys.has(key)).sort(),
  };
}
