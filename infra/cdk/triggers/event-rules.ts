import { Duration, Tags } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Construct } from 'constructs';
import type { EventTrigger } from '../../system.ts';
import type { AppFunction } from '../app-function.ts';
import { DeadLetterQueue } from '../dead-letter-queue.ts';

/** Tag naming the system rule a rule was built from; the parity test reads it back. */
export const RULE_TAG = 'bayu:rule';

/** Consumers are idempotent, so a late delivery is harmless; after a day the event is better in the DLQ. */
const MAX_EVENT_AGE = Duration.hours(24);
/** The longest Lambda keeps a failed asynchronous event for its own retries. */
const MAX_ASYNC_EVENT_AGE = Duration.hours(6);

export interface EventRulesProps {
  readonly fn: AppFunction;
  readonly triggers: EventTrigger[];
  readonly bus: events.IEventBus;
}

/**
 * A function's EventBridge rules on the app bus (or the default bus, when the trigger says so). The rule pattern is the contract's, verbatim. One dead-letter
 * queue per function takes both kinds of failure: events EventBridge could not deliver, and events whose
 * asynchronous invocation failed after Lambda's own retries (which EventBridge never sees).
 */
export class EventRules extends Construct {
  readonly deadLetters: DeadLetterQueue;
  readonly rules: events.Rule[];

  constructor(scope: Construct, id: string, props: EventRulesProps) {
    super(scope, id);
    const { fn, triggers, bus } = props;
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', { holds: `events for ${fn.node.id}` });
    fn.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: MAX_ASYNC_EVENT_AGE,
      onFailure: new SqsDestination(this.deadLetters.queue),
    });

    this.rules = triggers.map((trigger) => {
      const rule = new events.Rule(this, trigger.rule, {
        // Without a bus the rule is on the account's default bus, where S3 and other services send events.
        ...(trigger.bus === 'default' ? {} : { eventBus: bus }),
        description: `${trigger.rule}: routes to ${fn.node.id}`,
        // The contract's pattern has EventBridge's own keys (`detail-type`), which the L2 passes through.
        eventPattern: trigger.pattern as events.EventPattern,
        targets: [
          new targets.LambdaFunction(fn.function, {
            deadLetterQueue: this.deadLetters.queue,
            retryAttempts: 8,
            maxEventAge: MAX_EVENT_AGE,
          }),
        ],
      });
      Tags.of(rule).add(RULE_TAG, trigger.rule);
      return rule;
    });
  }
}
