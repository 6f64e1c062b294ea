/**
 * What the local runtime wires up from the system description: the same routes, rules and stream consumers
 * that the CDK app deploys. The parity test compares these with the synthesized template.
 */
import {
  type EventTrigger,
  type FunctionSpec,
  functions,
  type HttpTrigger,
  type ScheduleTrigger,
  type TableStreamTrigger,
} from '../system.ts';

/** A trigger as the local runtime serves it: the trigger's own fields and the function it invokes. */
type Wired<T> = Omit<T, 'kind'> & { functionName: string };
export type LocalRoute = Wired<HttpTrigger>;
export type LocalRule = Wired<EventTrigger>;
export type LocalStreamConsumer = Wired<TableStreamTrigger>;
export type LocalSchedule = Wired<ScheduleTrigger>;

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
