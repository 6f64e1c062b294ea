import { NagSuppressions } from 'cdk-nag';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import type { StatefulStack } from './stateful-stack.ts';
import type { StatelessStack } from './stateless-stack.ts';
import { Schedules } from './triggers/schedules.ts';

/*
 * The AwsSolutions findings this design accepts, each on the narrowest construct and finding it applies to and
 * with the reason it is accepted. Everything else is fixed in the constructs, not suppressed.
 */

export function suppressAcknowledgedFindings(stateful: StatefulStack, stateless: StatelessStack): void {
  NagSuppressions.addResourceSuppressions(stateful.idHashKey, [
    {
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret is the HMAC key of the stored ID-number hashes that detect duplicate contestants; rotating ' +
        'it would orphan every stored hash, so it is changed only by a planned re-hash of the table.',
    },
  ]);

  NagSuppressions.addResourceSuppressions(stateful.linkKey, [
    {
      id: 'AwsSolutions-SMG4',
      reason:
        'Retired secret kept for one release so the deployed stateless stack keeps its import; no function ' +
        'reads it and nothing is signed with it any more, so rotating it would protect nothing.',
    },
  ]);

  NagSuppressions.addResourceSuppressions(stateful.cursorKey, [
    {
      id: 'AwsSolutions-SMG4',
      reason:
        "The secret signs the API's page cursors; rotating it only makes callers start a listing again, so it " +
        'is rotated by hand (e.g. after a leak), not on a timer.',
    },
  ]);

  NagSuppressions.addResourceSuppressions(stateful.webhookKey, [
    {
      id: 'AwsSolutions-SMG4',
      reason:
        "The secret encrypts the webhook endpoints' signing secrets; rotating it would leave them unreadable, so " +
        'it is replaced by hand after a leak, with the endpoints registered again.',
    },
  ]);

  NagSuppressions.addResourceSuppressions(
    stateless.httpApi.api,
    [
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'Authorization is done in the handlers: bearer tokens are looked up by their hash in the table and ' +
          'the role and record ownership are checked per request (an authorizer could do the first half only). ' +
          'GET /v1/health and GET /v1/competitions/{competitionId} are public by design.',
      },
    ],
    true,
  );

  for (const [name, fn] of stateless.functions) {
    NagSuppressions.addResourceSuppressions(fn.function, [
      {
        id: 'AwsSolutions-L1',
        reason:
          "Pinned to nodejs22.x (an LTS line Lambda supports) to match the bundles' esbuild target node22 and the " +
          'tested Node line; moving to nodejs24.x is a deliberate, tested upgrade rather than an automatic one.',
      },
    ]);
    const spec = stateless.specs.find((s) => s.name === name);
    const readsStream = spec?.triggers.some((trigger) => trigger.kind === 'table-stream');
    NagSuppressions.addResourceSuppressions(
      fn.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level ' +
            'permissions' +
            (readsStream ? '; nor does dynamodb:ListStreams, which the stream event source needs' : '') +
            '. Every other statement names its resources: the log group, the table and its indexes by ' +
            'name, the key, the secret, the bus, the queue.',
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
  }

  for (const spec of stateless.specs) {
    const role = stateless.functions.get(spec.name)?.role;
    if (!spec.access.bucket || !role) continue;
    const prefixes = [spec.access.bucket].flat().flatMap((grant) => grant.prefixes);
    NagSuppressions.addResourceSuppressions(
      role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            `Object actions on the photo bucket are limited to the key prefixes ${prefixes.join(', ')} of this ` +
            "function's spec; the objects under them are made at run time (one per upload, photo or export), so " +
            'a prefix is the narrowest resource there is.',
          appliesTo: prefixes.map((prefix) => ({
            // The bucket ARN appears as <PhotoBucket….Arn> or as the stateful stack's export of it.
            regex: `/^Resource::.*PhotoBucket[^/]*\\/${prefix.replace(/[^a-z0-9-]/g, '')}\\/\\*$/`,
          })),
        },
      ],
      true,
    );
  }

  for (const spec of stateless.specs) {
    const role = stateless.functions.get(spec.name)?.role;
    if (!spec.access.oneTimeSchedules || !role) continue;
    NagSuppressions.addResourceSuppressions(
      role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'scheduler:CreateSchedule is limited to the one-time schedule group that invokes ' +
            `${spec.access.oneTimeSchedules.invokes}; its schedules are named at run time (one per granted ` +
            'override), so the group is the narrowest resource there is. The function may not update or delete ' +
            "them, and may pass only the group's own Scheduler role.",
          appliesTo: [
            {
              regex:
                '/^Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule\\/[^/]*OneTimeSchedules[^/]*\\/\\*$/',
            },
          ],
        },
      ],
      true,
    );
  }

  for (const construct of stateless.node.findAll()) {
    if (construct instanceof DeadLetterQueue) {
      NagSuppressions.addResourceSuppressions(construct.queue, [
        {
          id: 'AwsSolutions-SQS3',
          reason:
            'This queue is itself a dead-letter queue (of an EventBridge target and async invocations, or the ' +
            'on-failure destination of a stream event source); cdk-nag only recognises SQS redrive policies.',
        },
      ]);
    }
  }

  for (const construct of stateless.node.findAll()) {
    if (construct instanceof Schedules) {
      NagSuppressions.addResourceSuppressions(
        construct,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              "Scheduler's role may invoke its one function and that function's versions (`<arn>:*`), as the " +
              'Lambda target grants it; no other function or action.',
            appliesTo: [{ regex: '/^Resource::<.*\\.Arn>:\\*$/g' }],
          },
        ],
        true,
      );
    }
  }
}
