/**
 * What the local runtime wires up from the system description: the same routes, rules and stream consumers
 * that the CDK app deploys. The parity test compares these with the synthesized template.
 */
import type { EventPattern } from '#events/contract.ts';
import { type FunctionSpec, functions, type HttpMethod } from '../system.ts';

export interface LocalRoute {
  method: HttpMethod;
  path: string;
  functionName: string;
}
export interface LocalRule {
  rule: string;
  pattern: EventPattern;
  functionName: string;
  /** The app's bus (when omitted), or the account's default bus (AWS service events such as S3's). */
  bus?: 'app' | 'default';
}
export interface LocalStreamConsumer {
  filters: EventPattern[];
  batchSize: number;
  functionName: string;
}

export interface LocalSchedule {
  schedule: string;
  expression: string;
  timeZone: string;
  input: Record<string, unknown>;
  functionName: string;
  /** Fires no more after this ISO instant (Scheduler's EndDate). */
  endsAt?: string;
}

export interface LocalWiring {
  routes: LocalRoute[];
  rules: LocalRule[];
  streamConsumers: LocalStreamConsumer[];
  schedules: LocalSchedule[];
}

export function localWiring(specs: FunctionSpec[] = functions): LocalWiring {
  const wiring: LocalWiring = { routes: [], rules: [], streamConsumers: [], schedules: [] };
  for (const spec of specs) {
    for (const trigger of spec.triggers) {
      const functionName = spec.name;
      if (trigger.kind === 'http')
        wiring.routes.push({ method: trigger.method, path: trigger.path, functionName });
      if (trigger.kind === 'event')
        wiring.rules.push({
          rule: trigger.rule,
          pattern: trigger.pattern,
          functionName,
          bus: trigger.bus ?? 'app',
        });
      if (trigger.kind === 'table-stream') {
        wiring.streamConsumers.push({ filters: trigger.filters, batchSize: trigger.batchSize, functionName });
      }
      if (trigger.kind === 'schedule') {
        const { schedule, expression, timeZone, input, endsAt } = trigger;
        wiring.schedules.push({
          schedule,
          expression,
          timeZone,
          input,
          functionName,
          ...(endsAt ? { endsAt } : {}),
        });
      }
    }
  }
  return wiring;
}
