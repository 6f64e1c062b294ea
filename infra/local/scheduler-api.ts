/**
 * The local EventBridge Scheduler endpoint: the part of its REST API the system calls at run time, CreateSchedule
 * of a one-time `at()` schedule, answered as Scheduler answers (ConflictException for a name the group holds,
 * ValidationException for what it would refuse). The schedule joins the local scheduler and fires on the app
 * clock. The handlers reach it with the real SDK client through AWS_ENDPOINT_URL_SCHEDULER, as they reach the
 * local bus, so the adapter that runs in AWS is the one tested here.
 */
import { createServer, type Server } from 'node:http';
import { listenLocally, readBody } from './http.ts';
import type { LocalScheduler } from './scheduler.ts';
import type { LocalSchedule } from './wiring.ts';

export interface SchedulerApiOptions {
  /** The one group the system's run-time schedules live in. */
  groupName: string;
  /** The function names the schedules may invoke, by the ARN the handlers name them with. */
  functionsByArn: ReadonlyMap<string, string>;
  /** Told after a schedule was added (the runtime keeps the pending ones in its data folder). */
  onCreated?: () => void;
}

interface CreateScheduleBody {
  GroupName?: string;
  ScheduleExpression?: string;
  ScheduleExpressionTimezone?: string;
  FlexibleTimeWindow?: { Mode?: string };
  Target?: { Arn?: string; RoleArn?: string; Input?: string };
}

class SchedulerError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** The run-time schedule a CreateSchedule request describes, or the error Scheduler would answer. */
function scheduleOf(name: string, raw: string, options: SchedulerApiOptions): LocalSchedule {
  let body: CreateScheduleBody;
  try {
    body = JSON.parse(raw) as CreateScheduleBody;
  } catch {
    throw new SchedulerError(400, 'ValidationException', 'body is not JSON');
  }
  if ((body.GroupName ?? 'default') !== options.groupName) {
    throw new SchedulerError(404, 'ResourceNotFoundException', `no schedule group ${body.GroupName}`);
  }
  const functionName = options.functionsByArn.get(body.Target?.Arn ?? '');
  if (!functionName || !body.Target?.RoleArn) {
    throw new SchedulerError(
      400,
      'ValidationException',
      'Target needs the Arn of a local function and a RoleArn',
    );
  }
  if (!body.ScheduleExpression?.startsWith('at(') || body.FlexibleTimeWindow?.Mode !== 'OFF') {
    throw new SchedulerError(
      400,
      'ValidationException',
      'only one-time at() schedules without a window are served',
    );
  }
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body.Target.Input ?? '{}') as Record<string, unknown>;
  } catch {
    throw new SchedulerError(400, 'ValidationException', 'Target.Input is not JSON');
  }
  return {
    schedule: `${options.groupName}/${name}`,
    expression: body.ScheduleExpression,
    timeZone: body.ScheduleExpressionTimezone ?? 'UTC',
    input,
    functionName,
  };
}

export async function serveSchedulerApi(
  scheduler: LocalScheduler,
  options: SchedulerApiOptions,
): Promise<{ server: Server; endpoint: string }> {
  const server = createServer(async (req, res) => {
    const reply = (status: number, body: Record<string, unknown>, errorType?: string) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(JSON.stringify(body));
    };
    const raw = (await readBody(req)).toString('utf8');
    const match = /^\/schedules\/([0-9A-Za-z_.-]{1,64})$/.exec(req.url ?? '');
    try {
      if (req.method !== 'POST' || !match?.[1]) {
        throw new SchedulerError(400, 'ValidationException', 'only CreateSchedule is served locally');
      }
      const schedule = scheduleOf(decodeURIComponent(match[1]), raw, options);
      if (scheduler.has(schedule.schedule)) {
        throw new SchedulerError(409, 'ConflictException', `schedule ${schedule.schedule} already exists`);
      }
      try {
        scheduler.add(schedule, { once: true });
      } catch (error) {
        throw new SchedulerError(400, 'ValidationException', (error as Error).message);
      }
      options.onCreated?.();
      reply(200, { ScheduleArn: `arn:aws:scheduler:us-east-1:000000000000:schedule/${schedule.schedule}` });
    } catch (error) {
      if (!(error instanceof SchedulerError)) throw error;
      reply(error.status, { Message: error.message }, error.type);
    }
  });
  return { server, endpoint: await listenLocally(server) };
}
