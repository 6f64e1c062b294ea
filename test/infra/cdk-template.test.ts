import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEB_ASSETS_DIR_ENV } from '../../functions/http/web.ts';
import { FUNCTION_TAG } from '../../infra/cdk/app-function.ts';
import { functions, repositoryEditions } from '../../infra/system.ts';
import { editionItem } from '../../shared/adapters/dynamodb/edition-items.ts';
import { outboxStreamFilter } from '../../shared/adapters/dynamodb/outbox-stream-filter.ts';
import { tableSchema } from '../../shared/adapters/dynamodb/table-schema.ts';
import { ENV } from '../../shared/config/env-names.ts';
import { parseEdition } from '../../shared/domain/edition.ts';
import { fixtureSpecs } from './fixtures/specs.ts';
import { SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './synth.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;

const resourcesOf = (template: Template): Resources =>
  (template.toJSON() as { Resources: Resources }).Resources;
const ofType = (template: Template, type: string) =>
  Object.entries(resourcesOf(template)).filter(([, resource]) => resource.Type === type);
const logicalIdOf = (template: Template, type: string): string => {
  const [first, ...rest] = ofType(template, type);
  if (!first || rest.length > 0) throw new Error(`expected exactly one ${type}`);
  return first[0];
};
const tagOf = (properties: Record<string, any>, key: string): string | undefined =>
  (properties.Tags as { Key: string; Value: string }[] | undefined)?.find((tag) => tag.Key === key)?.Value;

/** Every statement of the policies on the role of the function built from spec `name`. */
function policyStatementsOf(name: string): Record<string, any>[] {
  const fnEntry = ofType(system.statelessTemplate, 'AWS::Lambda::Function').find(
    ([, fn]) => tagOf(fn.Properties, FUNCTION_TAG) === name,
  );
  const roleId = fnEntry?.[1].Properties.Role['Fn::GetAtt'][0];
  return ofType(system.statelessTemplate, 'AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Record<string, any>[]);
}

let system: Synthesized;
let fixture: Synthesized;

beforeAll(() => {
  system = synthesize();
  fixture = synthesize(fixtureSpecs);
}, SYNTH_TIMEOUT_MS);

describe('stateful stack', () => {
  it('keeps the key, table, buckets, bus, archive and secret when the stack is deleted', () => {
    const t = system.statefulTemplate;
    for (const type of [
      'AWS::KMS::Key',
      'AWS::DynamoDB::Table',
      'AWS::S3::Bucket',
      'AWS::Events::EventBus',
      'AWS::Events::Archive',
      'AWS::SecretsManager::Secret',
    ]) {
      const found = ofType(t, type);
      expect(found.length, type).toBeGreaterThan(0);
      for (const [id, resource] of found) expect(resource.DeletionPolicy, id).toBe('Retain');
    }
  });

  it('outputs the table, bus and bucket names', () => {
    const t = system.statefulTemplate;
    t.hasOutput('TableName', { Value: { Ref: logicalIdOf(t, 'AWS::DynamoDB::Table') } });
    t.hasOutput('EventBusName', { Value: { Ref: logicalIdOf(t, 'AWS::Events::EventBus') } });
    t.hasOutput('PhotoBucketName', { Value: { Ref: Match.stringLikeRegexp('^PhotoBucket') } });
  });

  it('rotates the customer managed key', () => {
    system.statefulTemplate.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('builds the table from the shared schema: keys, billing, PITR, protection, KMS, TTL, stream, GSIs', () => {
    const keyId = logicalIdOf(system.statefulTemplate, 'AWS::KMS::Key');
    system.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      },
      TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: tableSchema.streamView },
      GlobalSecondaryIndexes: tableSchema.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      })),
    });
  });

  it('blocks public access, encrypts and enforces TLS on every bucket', () => {
    const t = system.statefulTemplate;
    const buckets = ofType(t, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    for (const [id, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption?.ServerSideEncryptionConfiguration, id).toHaveLength(1);
      t.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('versions the photo bucket under the KMS key, logs its access and expires old versions', () => {
    const keyId = logicalIdOf(system.statefulTemplate, 'AWS::KMS::Key');
    system.statefulTemplate.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
            },
          },
        ],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.anyValue() } },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: Match.anyValue() })]),
      },
    });
  });

  it('has the app event bus with an archive of the registration events', () => {
    const busId = logicalIdOf(system.statefulTemplate, 'AWS::Events::EventBus');
    system.statefulTemplate.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: { 'Fn::GetAtt': [busId, 'Arn'] },
      EventPattern: { source: ['bayu.registration'] },
    });
  });

  it('generates the ID-hash key as a KMS-encrypted secret', () => {
    const keyId = logicalIdOf(system.statefulTemplate, 'AWS::KMS::Key');
    system.statefulTemplate.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      GenerateSecretString: Match.objectLike({ PasswordLength: Match.anyValue() }),
    });
  });

  it('puts each edition item, marshalled, into the table on create and update (the 2023 one checked)', () => {
    const tableId = logicalIdOf(system.statefulTemplate, 'AWS::DynamoDB::Table');
    const editionsDir = join(import.meta.dirname, '../../shared/editions');
    const seeds = ofType(system.statefulTemplate, 'Custom::EditionItem');
    expect(seeds).toHaveLength(readdirSync(editionsDir).filter((name) => name.endsWith('.json')).length);
    const seed = seeds.find(([, resource]) => JSON.stringify(resource).includes('EDITION#bayu-2023'));
    if (!seed) throw new Error('no seed of the 2023 edition');
    const document = JSON.parse(readFileSync(join(editionsDir, 'bayu-2023.json'), 'utf8'));
    const expectedItem = marshall(editionItem(parseEdition(document)));
    for (const phase of ['Create', 'Update']) {
      // {"Fn::Join": ["", [json-before-table-name, {"Ref": table}, json-after]]}
      const [before, tableRef, after] = seed[1].Properties[phase]['Fn::Join'][1] as [string, unknown, string];
      expect(tableRef).toEqual({ Ref: tableId });
      const call = JSON.parse(`${before}TABLE${after}`);
      expect(call).toMatchObject({
        service: 'DynamoDB',
        action: 'PutItem',
        parameters: { TableName: 'TABLE' },
      });
      expect(call.parameters.Item).toEqual(expectedItem);
    }
  });

  it('gives the seeding function PutItem on the table only', () => {
    const tableId = logicalIdOf(system.statefulTemplate, 'AWS::DynamoDB::Table');
    system.statefulTemplate.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: 'dynamodb:PutItem', Effect: 'Allow', Resource: { 'Fn::GetAtt': [tableId, 'Arn'] } },
        ]),
      },
    });
  });
});

describe('stateless stack', () => {
  it('has one function per spec, each nodejs22.x on arm64 with tracing, source maps and its own log group', () => {
    const t = system.statelessTemplate;
    const lambdas = ofType(t, 'AWS::Lambda::Function');
    expect(lambdas.map(([, fn]) => tagOf(fn.Properties, FUNCTION_TAG)).sort()).toEqual(
      functions.map((spec) => spec.name).sort(),
    );
    for (const [id, fn] of lambdas) {
      const spec = functions.find((s) => s.name === tagOf(fn.Properties, FUNCTION_TAG));
      expect(fn.Properties, id).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: spec?.memoryMb,
        Timeout: spec?.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
      });
      const logGroupId = fn.Properties.LoggingConfig?.LogGroup?.Ref;
      expect(resourcesOf(t)[logGroupId]?.Properties.RetentionInDays, id).toBe(90);
    }
  });

  it('sets exactly the environment variables that go with each spec access', () => {
    for (const [id, fn] of ofType(system.statelessTemplate, 'AWS::Lambda::Function')) {
      const spec = functions.find((s) => s.name === tagOf(fn.Properties, FUNCTION_TAG));
      const expected = [
        'NODE_OPTIONS',
        ...(spec && spec.access.table !== 'none' ? [ENV.tableName] : []),
        ...(spec?.access.bus ? [ENV.eventBusName] : []),
        ...(spec?.access.idHashKey ? [ENV.idHashKeySecretArn] : []),
        ...(spec?.access.cursorKey ? [ENV.cursorKeySecretArn] : []),
        ...(spec?.access.webhookKey ? [ENV.webhookKeySecretArn] : []),
        ...(spec?.access.bucket ? [ENV.bucketName] : []),
        ...(spec?.access.mail ? [ENV.mailFrom] : []),
        ...(spec?.access.apiUrl ? [ENV.apiUrl] : []),
        ...(spec?.webApp ? [WEB_ASSETS_DIR_ENV] : []),
        ...(spec?.access.deadLetters ? [ENV.deadLetterQueues] : []),
        ...(spec?.access.oneTimeSchedules
          ? [
              ENV.oneTimeScheduleGroup,
              ENV.oneTimeScheduleTargetArn,
              ENV.oneTimeScheduleRoleArn,
              ENV.oneTimeScheduleDeadLetterArn,
            ]
          : []),
      ];
      expect(Object.keys(fn.Properties.Environment.Variables).sort(), id).toEqual(expected.sort());
    }
  });

  it('names every dead-letter queue to the function that counts them, which may only count them', () => {
    const t = system.statelessTemplate;
    const queueIds = ofType(t, 'AWS::SQS::Queue').map(([id]) => id);
    const [, operations] = ofType(t, 'AWS::Lambda::Function').find(
      ([, fn]) => tagOf(fn.Properties, FUNCTION_TAG) === 'operations-api',
    )!;
    const named = JSON.stringify(operations.Properties.Environment.Variables[ENV.deadLetterQueues]);
    for (const id of queueIds) expect(named, id).toContain(`"Ref":"${id}"`);
    const sqs = policyStatementsOf('operations-api').filter((s) =>
      [s.Action].flat().some((a: string) => a.startsWith('sqs:')),
    );
    expect(sqs.flatMap((s) => [s.Action].flat())).toEqual(sqs.map(() => 'sqs:GetQueueAttributes'));
    const granted = sqs.flatMap((s) => [s.Resource].flat().map((r: any) => r['Fn::GetAtt'][0]));
    expect(granted.sort()).toEqual([...queueIds].sort());
  });

  it("tells the digest the HTTP API's own URL, for its download links", () => {
    const [, digest] = ofType(system.statelessTemplate, 'AWS::Lambda::Function').find(
      ([, fn]) => tagOf(fn.Properties, FUNCTION_TAG) === 'send-digest',
    )!;
    const url = JSON.stringify(digest.Properties.Environment.Variables[ENV.apiUrl]);
    const [apiId] = ofType(system.statelessTemplate, 'AWS::ApiGatewayV2::Api').map(([id]) => id);
    expect(url).toContain(`"Ref":"${apiId}"`);
    expect(url).toContain('execute-api');
  });

  it('grants no wildcard action and uses Resource "*" only for actions that have no resource', () => {
    const resourceless = new Set([
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'dynamodb:ListStreams',
    ]);
    for (const [id, policy] of ofType(system.statelessTemplate, 'AWS::IAM::Policy')) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        const actions: string[] = [statement.Action].flat();
        for (const action of actions) expect(action, id).not.toContain('*');
        const resources = [statement.Resource].flat();
        if (resources.includes('*')) {
          for (const action of actions) expect(resourceless.has(action), `${id} ${action} on *`).toBe(true);
        }
      }
    }
  });

  it('gives read-only specs no write action, and the stream publisher the bus', () => {
    const actions = (name: string) => policyStatementsOf(name).flatMap((s) => [s.Action].flat());
    expect(actions('competitions-api')).toContain('dynamodb:GetItem');
    expect(actions('competitions-api')).not.toContain('dynamodb:PutItem');
    expect(actions('units-api')).toContain('dynamodb:PutItem');
    expect(actions('health').filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:'))).toEqual([]);
    expect(actions('registrations-api')).toContain('secretsmanager:GetSecretValue');
    expect(actions('publish-events')).toContain('events:PutEvents');
  });

  const statefulSecret = (prefix: string) =>
    ofType(system.statefulTemplate, 'AWS::SecretsManager::Secret').find(([id]) => id.startsWith(prefix))![0];

  it('gives the cursor secret, KMS-encrypted and retained, to exactly the functions with a listing route', () => {
    const cursorKey = statefulSecret('CursorKey');
    expect(resourcesOf(system.statefulTemplate)[cursorKey]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { KmsKeyId: expect.anything(), GenerateSecretString: expect.anything() },
    });
    const listingFunctions = functions
      .filter((spec) =>
        spec.triggers.some(
          (t) =>
            t.kind === 'http' &&
            t.method === 'GET' &&
            /\/(registrations|reviews|units|overrides|history|events|deliveries)$/.test(t.path),
        ),
      )
      .map((spec) => spec.name);
    expect(listingFunctions.sort()).toEqual([
      'eligibility-api',
      'events-api',
      'overrides-api',
      'registrations-api',
      'units-api',
      'webhooks-api',
    ]);
    for (const spec of functions) {
      const granted = JSON.stringify(policyStatementsOf(spec.name));
      expect(granted.includes(cursorKey), spec.name).toBe(listingFunctions.includes(spec.name));
    }
  });

  it('gives the webhook secret, KMS-encrypted and retained, to the webhook functions only', () => {
    const webhookKey = statefulSecret('WebhookKey');
    expect(resourcesOf(system.statefulTemplate)[webhookKey]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { KmsKeyId: expect.anything(), GenerateSecretString: expect.anything() },
    });
    for (const spec of functions) {
      const granted = JSON.stringify(policyStatementsOf(spec.name));
      expect(granted.includes(webhookKey), spec.name).toBe(
        ['webhooks-api', 'deliver-webhooks'].includes(spec.name),
      );
    }
  });

  it('gives the retired link secret to no function, and the summary functions no secret at all', () => {
    const [linkKey, secret] = ofType(system.statefulTemplate, 'AWS::SecretsManager::Secret').find(([id]) =>
      id.startsWith('LinkKey'),
    )!;
    for (const spec of functions) {
      expect(JSON.stringify(policyStatementsOf(spec.name)), spec.name).not.toContain(linkKey);
    }
    for (const name of ['summaries-api', 'send-digest']) {
      const actions = policyStatementsOf(name).flatMap((s) => [s.Action].flat());
      expect(
        actions.filter((a) => a.startsWith('secretsmanager:')),
        name,
      ).toEqual([]);
    }
    // Kept (retained) and still exported, so that a stateless stack deployed before still finds its import.
    expect(secret.DeletionPolicy).toBe('Retain');
    const exported = Object.values(system.statefulTemplate.toJSON().Outputs ?? {}).map((o: any) =>
      JSON.stringify(o.Value),
    );
    expect(exported).toContain(JSON.stringify({ Ref: linkKey }));
  });

  it('serves the API on a $default stage with access logs and throttling', () => {
    system.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
  });

  it('uses one Lambda integration per function, shared by its routes', () => {
    const integrations = ofType(system.statelessTemplate, 'AWS::ApiGatewayV2::Integration');
    const httpFunctions = functions.filter((spec) => spec.triggers.some((t) => t.kind === 'http'));
    expect(integrations).toHaveLength(httpFunctions.length);
  });

  it('reads the table stream through the outbox filter, with retries, bisection and an on-failure queue', () => {
    system.statelessTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify(outboxStreamFilter) }] },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } } },
    });
  });

  it('alarms on every dead-letter queue, and encrypts and enforces TLS on each', () => {
    for (const synthesized of [system, fixture]) {
      const t = synthesized.statelessTemplate;
      const queues = ofType(t, 'AWS::SQS::Queue');
      expect(queues.length).toBeGreaterThan(0);
      for (const [id, queue] of queues) {
        expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
        t.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
          Threshold: 1,
        });
        t.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    }
  });

  it('outputs the API URL', () => {
    system.statelessTemplate.hasOutput('ApiUrl', {
      Value: { 'Fn::Join': ['', Match.arrayWith(['https://', '.execute-api.'])] },
    });
  });
});

/**
 * Each function's table grants, written out by hand from its code paths (the comments in infra/system.ts list
 * them): the prefixes each may read, write and query on each index, and the kinds of item it may batch-read (those
 * its index queries find, the indexes holding keys only). A new function must be added here.
 */
const TABLE_GRANTS: Record<string, TableGrantPrefixes | 'none'> = {
  health: 'none',
  'web-app': 'none',
  openapi: 'none',
  'publish-events': { read: ['FEED#', 'UNIT#'], write: ['FEED#', 'OUTBOX#'] },
  'webhooks-api': {
    read: ['KEYUSE#', 'TOKEN#', 'WEBHOOK#'],
    write: ['KEYUSE#', 'RATE#', 'WEBHOOK#', 'WHDELIVERY#'],
    byUnit: ['WEBHOOKS#'],
    batchRead: ['WEBHOOK#'],
  },
  'deliver-webhooks': {
    read: ['UNIT#', 'WEBHOOK#'],
    write: ['WEBHOOK#', 'WHDELIVERY#'],
    byCompetition: ['ENABLEDWEBHOOKS', 'WHDUE'],
    batchRead: ['WEBHOOK#', 'WHDELIVERY#'],
  },
  'events-api': { read: ['FEED#', 'KEYUSE#', 'TOKEN#'], write: ['KEYUSE#', 'RATE#'] },
  'competitions-api': { read: ['EDITION#'], write: [] },
  'units-api': {
    read: ['KEY#', 'KEYUSE#', 'TOKEN#', 'UNIT#'],
    write: ['KEY#', 'KEYUSE#', 'RATE#', 'TOKEN#', 'UNIT#'],
    byUnit: ['KEYS#'],
    byCompetition: ['UNITS'],
    batchRead: ['KEY#', 'UNIT#'],
  },
  'accounts-api': {
    read: ['ACCOUNT#', 'KEY#', 'KEYUSE#', 'PORTAL#', 'TOKEN#', 'UNIT#'],
    write: ['ACCOUNT#', 'KEY#', 'KEYUSE#', 'PORTAL#', 'RATE#', 'TOKEN#'],
    byUnit: ['KEYS#'],
    byCompetition: ['ACCOUNTS', 'PORTALS'],
    batchRead: ['ACCOUNT#', 'KEY#', 'PORTAL#'],
  },
  'registrations-api': {
    read: ['EDITION#', 'IDEMPOTENCY#', 'KEYUSE#', 'OVERRIDE#', 'REG#', 'TOKEN#', 'UNIT#'],
    write: ['IDEMPOTENCY#', 'KEYUSE#', 'OUTBOX#', 'PERSON#', 'QUOTA#', 'RATE#', 'REG#'],
    byUnit: ['COMP#'],
    byCompetition: ['COMP#'],
    batchRead: ['REG#'],
  },
  'imports-api': {
    read: [
      'EDITION#',
      'EXCLUSIONS#',
      'IDEMPOTENCY#',
      'IMPORT#',
      'KEYUSE#',
      'OVERRIDE#',
      'PERSON#',
      'REG#',
      'TOKEN#',
      'UNIT#',
    ],
    write: ['IDEMPOTENCY#', 'IMPORT#', 'KEYUSE#', 'OUTBOX#', 'PERSON#', 'QUOTA#', 'RATE#', 'REG#'],
    byUnit: ['COMP#'],
    batchRead: ['REG#'],
  },
  'evaluate-eligibility': {
    read: ['EDITION#', 'EXCLUSIONS#', 'PEOPLEOF#', 'REG#', 'TRACKPERSON#', 'UNIT#'],
    write: ['OUTBOX#', 'PEOPLEOF#', 'PERSON#', 'QUOTA#', 'REG#', 'TRACKPERSON#'],
  },
  'eligibility-api': {
    read: ['EDITION#', 'EXCLUSIONS#', 'KEYUSE#', 'PERSON#', 'REG#', 'TOKEN#', 'TRACKPERSON#', 'UNIT#'],
    write: ['EXCLUSIONS#', 'KEYUSE#', 'OUTBOX#', 'PERSON#', 'QUOTA#', 'RATE#', 'REG#'],
    byCompetition: ['COMP#'],
    batchRead: ['REG#'],
  },
  'photos-api': {
    read: ['EDITION#', 'KEYUSE#', 'OVERRIDE#', 'REG#', 'TOKEN#', 'UNIT#'],
    write: ['KEYUSE#', 'RATE#', 'REG#'],
    byCompetition: ['COMP#'],
    batchRead: ['REG#'],
  },
  'forms-api': {
    read: ['EDITION#', 'KEYUSE#', 'REG#', 'TOKEN#', 'UNIT#'],
    write: ['KEYUSE#', 'RATE#', 'REG#'],
    byUnit: ['COMP#'],
    batchRead: ['REG#'],
  },
  'photo-checker': { read: ['EDITION#', 'REG#'], write: ['OUTBOX#', 'REG#'] },
  'summaries-api': {
    read: ['EDITION#', 'KEYUSE#', 'SUMMARY#', 'TOKEN#'],
    write: ['KEYUSE#', 'OUTBOX#', 'RATE#', 'SUMMARY#'],
    byUnit: ['SUMMARYLOG#'],
    batchRead: ['SUMMARY#'],
  },
  'build-summary': {
    read: ['EDITION#', 'SUMMARY#'],
    write: ['OUTBOX#', 'SUMMARY#'],
    byUnit: ['COMP#'],
    byCompetition: ['COMP#', 'SUMMARIES#', 'UNITS'],
    batchRead: ['REG#', 'SUMMARY#', 'UNIT#'],
  },
  'send-digest': {
    read: ['DIGEST#', 'EDITION#'],
    write: ['DIGEST#'],
    byCompetition: ['COMP#', 'DIGESTS#'],
    batchRead: ['DIGEST#', 'REG#'],
  },
  deadlines: {
    read: ['EDITION#', 'OVERRIDE#', 'REG#', 'UNIT#'],
    write: ['CLOSURE#', 'MAIL#', 'OUTBOX#', 'OVERRIDEEND#', 'PERSON#', 'QUOTA#', 'REG#'],
    byUnit: ['COMP#'],
    byCompetition: ['COMP#'],
    batchRead: ['REG#'],
  },
  notify: {
    read: ['EDITION#', 'OVERRIDE#', 'REG#', 'UNIT#'],
    write: ['MAIL#'],
    byUnit: ['COMP#'],
    byCompetition: ['COMP#'],
    batchRead: ['REG#'],
  },
  'overrides-api': {
    read: ['EDITION#', 'KEYUSE#', 'OVERRIDE#', 'TOKEN#', 'UNIT#'],
    write: ['KEYUSE#', 'OVERRIDE#', 'RATE#'],
    byCompetition: ['OVERRIDES#'],
    batchRead: ['OVERRIDE#'],
  },
  'mails-api': { read: ['KEYUSE#', 'MAIL#', 'TOKEN#', 'UNIT#'], write: ['KEYUSE#', 'RATE#'] },
  'operations-api': { read: ['KEYUSE#', 'TOKEN#'], write: ['KEYUSE#', 'RATE#'] },
  'purge-personal-data': {
    read: ['EDITION#', 'MAIL#', 'PURGE#', 'REG#'],
    write: [
      'EXCLUSIONS#',
      'IDEMPOTENCY#',
      'MAIL#',
      'OUTBOX#',
      'OVERRIDE#',
      'PEOPLEOF#',
      'PERSON#',
      'PURGE#',
      'REG#',
      'SUMMARY#',
      'TRACKPERSON#',
      'UNIT#',
    ],
    scan: true,
  },
};

/** The actions on items and indexes (not the stream's, which the stream consumer's mapping needs). */
const ITEM_ACTION =
  /^dynamodb:(GetItem|PutItem|UpdateItem|DeleteItem|Query|Scan|Batch\w+|ConditionCheckItem)$/;

interface TableGrantPrefixes {
  read: string[];
  write: string[];
  byUnit?: string[];
  byCompetition?: string[];
  /** BatchGetItem, of the items the function's index queries find. */
  batchRead?: string[];
  /** A whole-table scan, which no leading-key condition can limit. */
  scan?: true;
}

/** The dynamodb statements of a function, by what they grant: item reads, item writes, each index's queries. */
function tableGrantsOf(name: string): TableGrantPrefixes | 'none' {
  const statements = policyStatementsOf(name).filter((s) =>
    [s.Action].flat().some((a: string) => ITEM_ACTION.test(a)),
  );
  if (statements.length === 0) return 'none';
  const prefixes = (s: Record<string, any>): string[] => {
    const patterns: string[] = [s.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys']].flat();
    for (const pattern of patterns) expect(pattern, name).toMatch(/^[A-Z]+#?\*$/);
    return patterns.map((p) => p.slice(0, -1)).sort();
  };
  const grants: TableGrantPrefixes = { read: [], write: [] };
  for (const s of statements) {
    const actions: string[] = [s.Action].flat();
    const index = JSON.stringify(s.Resource).match(/\/index\/(\w+)/)?.[1] as 'byUnit' | 'byCompetition';
    if (actions.includes('dynamodb:Scan')) {
      expect(actions, name).toEqual(['dynamodb:Scan']);
      expect(s.Condition, name).toBeUndefined();
      grants.scan = true;
    } else if (actions.includes('dynamodb:BatchGetItem')) {
      expect(actions, name).toEqual(['dynamodb:BatchGetItem']);
      grants.batchRead = prefixes(s);
    } else if (index) {
      expect(actions, name).toEqual(['dynamodb:Query']);
      grants[index] = prefixes(s);
    } else if (actions.includes('dynamodb:PutItem')) {
      expect(actions.sort(), name).toEqual([
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ]);
      grants.write = prefixes(s);
    } else {
      expect(actions.sort(), name).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
      grants.read = prefixes(s);
    }
  }
  return grants;
}

describe('table grants', () => {
  it('are listed above for every function of the system, and for no other', () => {
    expect(Object.keys(TABLE_GRANTS).sort()).toEqual(functions.map((spec) => spec.name).sort());
  });

  it.each(Object.entries(TABLE_GRANTS))(
    'give %s exactly its partitions, each under a LeadingKeys condition',
    (name, expected) => {
      expect(tableGrantsOf(name)).toEqual(expected);
    },
  );

  it('keep tokens from every function but the key issuers, and from the photo checker and public route', () => {
    const reachesTokens = (name: string) => JSON.stringify(policyStatementsOf(name)).includes('TOKEN#');
    const tokenWriters = functions.filter((spec) => {
      const grants = tableGrantsOf(spec.name);
      return grants !== 'none' && grants.write.includes('TOKEN#');
    });
    expect(tokenWriters.map((spec) => spec.name).sort()).toEqual(['accounts-api', 'units-api']);
    expect(reachesTokens('photo-checker')).toBe(false);
    expect(reachesTokens('competitions-api')).toBe(false);
  });

  it('let only functions that write encrypt under the table key', () => {
    for (const spec of functions) {
      const grants = tableGrantsOf(spec.name);
      if (grants === 'none') continue;
      const keyStatement = policyStatementsOf(spec.name).find((s) =>
        JSON.stringify(s.Condition ?? {}).includes('dynamodb.'),
      );
      expect([keyStatement?.Action].flat().includes('kms:GenerateDataKey'), spec.name).toBe(
        grants.write.length > 0,
      );
    }
  });
});

describe('alerting', () => {
  /** The fixture deployed with alert addresses (`-c alertEmails=...`). */
  let alerted: Synthesized;
  beforeAll(() => {
    alerted = synthesize(fixtureSpecs, { alertEmails: 'secretariat@example.cn, ops@example.cn' });
  }, SYNTH_TIMEOUT_MS);

  const topicId = (t: Template) => logicalIdOf(t, 'AWS::SNS::Topic');
  const lambdaIds = (t: Template) => ofType(t, 'AWS::Lambda::Function').map(([id]) => id);

  it('has one topic, encrypted under its own key, and without alertEmails no subscription', () => {
    const t = system.statelessTemplate;
    const [, topic] = ofType(t, 'AWS::SNS::Topic')[0]!;
    expect(topic.Properties.KmsMasterKeyId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^AlertingKey/), 'Arn'],
    });
    expect(ofType(t, 'AWS::SNS::Subscription')).toEqual([]);
    t.hasOutput('AlertTopicArn', { Value: { Ref: topicId(t) } });
  });

  it('mails every address of the alertEmails context', () => {
    const t = alerted.statelessTemplate;
    const endpoints = ofType(t, 'AWS::SNS::Subscription').map(([, s]) => [
      s.Properties.Protocol,
      s.Properties.Endpoint,
    ]);
    expect(endpoints.sort()).toEqual([
      ['email', 'ops@example.cn'],
      ['email', 'secretariat@example.cn'],
    ]);
  });

  it('refuses an alertEmails value that is not an address', () => {
    expect(() => synthesize(fixtureSpecs, { alertEmails: 'ops@example.cn,not-an-address' })).toThrow(
      /alertEmails.*not-an-address/,
    );
  });

  it('gives every alarm of either system the topic as its alarm and OK action', () => {
    for (const synthesized of [system, fixture]) {
      const t = synthesized.statelessTemplate;
      const alarms = ofType(t, 'AWS::CloudWatch::Alarm');
      expect(alarms.length).toBeGreaterThan(0);
      for (const [id, alarm] of alarms) {
        expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topicId(t) }]);
        expect(alarm.Properties.OKActions, id).toEqual([{ Ref: topicId(t) }]);
      }
    }
  });

  it('alarms on the errors and throttles of every function', () => {
    const t = system.statelessTemplate;
    expect(lambdaIds(t)).toHaveLength(functions.length);
    for (const fnId of lambdaIds(t)) {
      for (const metric of ['Errors', 'Throttles']) {
        t.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }],
          Threshold: 1,
        });
      }
    }
  });

  it("alarms when the outbox publisher falls behind the table's stream", () => {
    const t = system.statelessTemplate;
    const [publisherId] = ofType(t, 'AWS::Lambda::Function').find(
      ([, fn]) => tagOf(fn.Properties, FUNCTION_TAG) === 'publish-events',
    )!;
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Statistic: 'Maximum',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: publisherId } }],
      Threshold: 15 * 60 * 1000,
    });
  });

  it('alarms on SES bounce and complaint rates', () => {
    for (const metric of ['Reputation.BounceRate', 'Reputation.ComplaintRate']) {
      system.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SES',
        MetricName: metric,
        Threshold: Match.anyValue(),
      });
    }
  });

  it("alarms on the share of the API's answers that are 5xx", () => {
    const t = system.statelessTemplate;
    const apiId = logicalIdOf(t, 'AWS::ApiGatewayV2::Api');
    const metric = (name: string) =>
      Match.objectLike({
        MetricStat: Match.objectLike({
          Metric: {
            Namespace: 'AWS/ApiGateway',
            MetricName: name,
            Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }],
          },
          Stat: 'Sum',
        }),
        ReturnData: false,
      });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' }),
        metric('5xx'),
        metric('Count'),
      ]),
      Threshold: 5,
    });
  });
});

describe('event rules (fixture system with event triggers)', () => {
  it('puts every rule on its bus (the app bus unless it says default) with the spec pattern verbatim', () => {
    const rules = ofType(fixture.statelessTemplate, 'AWS::Events::Rule');
    const eventTriggers = fixtureSpecs.flatMap((spec) => spec.triggers.filter((t) => t.kind === 'event'));
    expect(rules).toHaveLength(eventTriggers.length);
    expect(eventTriggers.some((trigger) => trigger.bus === 'default')).toBe(true);
    for (const trigger of eventTriggers) {
      fixture.statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
        EventBusName:
          trigger.bus === 'default'
            ? Match.absent()
            : { 'Fn::ImportValue': Match.stringLikeRegexp('EventBus') },
        EventPattern: trigger.pattern,
      });
    }
  });

  it('gives every rule target a dead-letter queue, a retry policy and a maximum event age', () => {
    for (const [id, rule] of ofType(fixture.statelessTemplate, 'AWS::Events::Rule')) {
      for (const target of rule.Properties.Targets) {
        expect(target, id).toMatchObject({
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
        });
      }
    }
  });

  it('sends failed asynchronous invocations of event consumers to the same dead-letter queue', () => {
    fixture.statelessTemplate.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } } },
    });
  });

  it('passes several stream filters through as JSON patterns', () => {
    const stream = fixtureSpecs.flatMap((spec) => spec.triggers).find((t) => t.kind === 'table-stream');
    fixture.statelessTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: stream?.batchSize,
      FilterCriteria: { Filters: stream?.filters.map((pattern) => ({ Pattern: JSON.stringify(pattern) })) },
    });
  });
});

// vitest transforms each megabyte-sized bundle it imports (2-4 s each on a busy machine): time per function.
describe('bundles', { timeout: functions.length * 10_000 }, () => {
  it('are ESM with the require banner, and load and export a handler', async () => {
    const bundles = ofType(system.statelessTemplate, 'AWS::Lambda::Function');
    expect(bundles).toHaveLength(functions.length);
    for (const [id, fn] of bundles) {
      const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const bundle = join(system.assembly.directory, `asset.${hash}`, 'index.mjs');
      expect(readFileSync(bundle, 'utf8').startsWith("import { createRequire } from 'module';"), id).toBe(
        true,
      );
      const module = (await import(bundle)) as { handler?: unknown };
      expect(typeof module.handler, id).toBe('function');
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unsuppressed error or warning in either stack', () => {
    for (const stack of [system.stateful, system.stateless, fixture.stateful, fixture.stateless]) {
      const annotations = Annotations.fromStack(stack);
      const findings = [
        ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
        ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ].map((message) => `${message.id}: ${String(message.entry.data).split('\n')[0]}`);
      expect(findings, stack.stackName).toEqual([]);
    }
  });
});

describe('summaries', () => {
  it("lets removed workbooks go a day after their removal, not after the bucket's 90 days", () => {
    system.statefulTemplate.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'summaries-removed',
            Prefix: 'summaries/',
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          }),
        ]),
      },
    });
  });
});

describe('photos', () => {
  it('sends the photo bucket events to EventBridge and expires originals per edition, exports after a day', () => {
    system.statefulTemplate.hasResourceProperties('AWS::S3::Bucket', {
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'originals-bayu-2023', Prefix: 'uploads/bayu-2023/', ExpirationInDays: 30 }),
          Match.objectLike({ Id: 'exports', Prefix: 'exports/', ExpirationInDays: 1 }),
        ]),
      },
    });
    // No custom-resource Lambda for the notification setting.
    expect(ofType(system.statefulTemplate, 'Custom::S3BucketNotifications')).toEqual([]);
  });

  /** The photo bucket's CORS rules (the only bucket with a notification setting). */
  const corsRulesOf = (t: Template) =>
    ofType(t, 'AWS::S3::Bucket').find(([, b]) => b.Properties.NotificationConfiguration)?.[1].Properties
      .CorsConfiguration?.CorsRules;
  const apiGatewayOrigins = {
    'Fn::Join': ['', ['https://*.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
  };

  it("lets the web app post photos from the API's own addresses in the region, and nothing else", () => {
    expect(corsRulesOf(system.statefulTemplate)).toEqual([
      { AllowedOrigins: [apiGatewayOrigins], AllowedMethods: ['POST'], AllowedHeaders: ['*'], MaxAge: 3000 },
    ]);
  });

  it(
    'adds the custom domains of the webOrigins context, and refuses one that is not an https origin',
    () => {
      const published = synthesize(fixtureSpecs, {
        webOrigins: 'https://bm.example.gov.cn, https://x.cn:8443/',
      });
      expect(corsRulesOf(published.statefulTemplate)[0].AllowedOrigins).toEqual([
        apiGatewayOrigins,
        'https://bm.example.gov.cn',
        'https://x.cn:8443',
      ]);
      for (const bad of ['http://bm.example.gov.cn', 'https://bm.example.gov.cn/app', 'bm.example.gov.cn'])
        expect(() => synthesize(fixtureSpecs, { webOrigins: bad }), bad).toThrow(/webOrigins.*https origin/);
    },
    SYNTH_TIMEOUT_MS,
  );

  it('grants object actions on the spec prefixes only, and the key only through S3', () => {
    for (const spec of functions) {
      const statements = policyStatementsOf(spec.name);
      const s3 = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('s3:')));
      const grants = spec.access.bucket ? [spec.access.bucket].flat() : [];
      const deletes = grants.filter((g) => g.access === 'delete');
      // A delete grant adds the listing of its prefixes, on the bucket itself.
      expect(s3.length, spec.name).toBe(grants.length + deletes.length);
      for (const grant of grants) {
        const statement = s3.find((s) => JSON.stringify(s.Resource).includes(`/${grant.prefixes[0]}*`));
        expect(statement, `${spec.name} ${grant.prefixes[0]}`).toBeDefined();
        const resources = [statement?.Resource].flat().map((r: any) => r['Fn::Join'][1][1]);
        expect(resources, spec.name).toEqual(grant.prefixes.map((prefix) => `/${prefix}*`));
        const actions = [statement?.Action].flat();
        if (grant.access === 'delete') {
          expect(actions, spec.name).toEqual(['s3:DeleteObject']);
          const listing = s3.find((s) => s.Action === 's3:ListBucket');
          expect(listing?.Condition, spec.name).toEqual({
            StringLike: { 's3:prefix': grant.prefixes.map((prefix) => `${prefix}*`) },
          });
          continue;
        }
        expect(actions.includes('s3:PutObject'), spec.name).toBe(grant.access !== 'read');
        expect(actions.includes('s3:GetObject'), spec.name).toBe(grant.access !== 'write');
      }
      if (grants.length > deletes.length) {
        // Readers only decrypt; anything that writes also asks the key for data keys.
        const readOnly = grants.every((g) => g.access === 'read');
        expect(statements, spec.name).toContainEqual(
          expect.objectContaining({
            Action: readOnly ? 'kms:Decrypt' : ['kms:Decrypt', 'kms:GenerateDataKey'],
            Condition: { StringEquals: { 'kms:ViaService': expect.anything() } },
          }),
        );
      }
    }
    expect(functions.find((s) => s.name === 'photo-checker')?.access.bucket).toBeDefined();
  });

  it('routes S3 "Object Created" events from the default bus to the photo checker', () => {
    const trigger = functions
      .find((spec) => spec.name === 'photo-checker')
      ?.triggers.find((t) => t.kind === 'event');
    system.statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.absent(),
      EventPattern: trigger?.kind === 'event' ? trigger.pattern : 'missing',
    });
  });

  it('gives the photo checker and the forms sharp as an arm64 layer with the linux-arm64 binaries, and no one else', () => {
    const [layer, ...others] = ofType(system.statelessTemplate, 'AWS::Lambda::LayerVersion');
    expect(others).toEqual([]);
    expect(layer?.[1].Properties).toMatchObject({
      CompatibleArchitectures: ['arm64'],
      CompatibleRuntimes: ['nodejs22.x'],
    });
    const withSharp: string[] = [];
    for (const [id, fn] of ofType(system.statelessTemplate, 'AWS::Lambda::Function')) {
      const name = tagOf(fn.Properties, FUNCTION_TAG);
      const layers = fn.Properties.Layers ?? [];
      if (layers.length > 0) withSharp.push(String(name));
      expect(layers, id).toEqual(layers.length > 0 ? [{ Ref: layer?.[0] }] : []);
    }
    // The checker decodes uploads; the forms resize accepted photos to their printed box.
    expect(withSharp.sort()).toEqual(['forms-api', 'photo-checker']);
    const hash = String(layer?.[1].Properties.Content.S3Key).replace(/\.zip$/, '');
    const modules = join(system.assembly.directory, `asset.${hash}`, 'nodejs', 'node_modules');
    expect(readdirSync(join(modules, '@img')).sort()).toEqual(
      expect.arrayContaining(['sharp-libvips-linux-arm64', 'sharp-linux-arm64']),
    );
    expect(readdirSync(join(modules, '@img')).some((name) => name.includes('x64'))).toBe(false);
    expect(JSON.parse(readFileSync(join(modules, 'sharp', 'package.json'), 'utf8')).version).toBe(
      JSON.parse(readFileSync(join(import.meta.dirname, '../../node_modules/sharp/package.json'), 'utf8'))
        .version,
    );
  });
});

describe('deadline schedules (derived from the editions in shared/editions)', () => {
  const editions = repositoryEditions();
  /** The closing and reminder schedules (the nightly summary has a schedule of its own). */
  const deadlineSchedules = () =>
    ofType(system.statelessTemplate, 'AWS::Scheduler::Schedule').filter(([, s]) =>
      /^(close|remind)-/.test(s.Properties.Name as string),
    );

  it('has one closing schedule and the reminder schedules per track, in the edition time zone', () => {
    const schedules = ofType(system.statelessTemplate, 'AWS::Scheduler::Schedule');
    const names = schedules.map(([, s]) => s.Properties.Name as string);
    for (const edition of editions) {
      expect(edition.timeZone).toBe('Asia/Shanghai');
      for (const track of edition.tracks) {
        const ofTrack = names.filter(
          (n) => n.endsWith(`-${edition.id}-${track.id}`) || n.includes(`-${edition.id}-${track.id}-`),
        );
        expect(ofTrack.filter((n) => n.startsWith('close-'))).toEqual([`close-${edition.id}-${track.id}`]);
        expect(ofTrack.filter((n) => n.startsWith('remind-')).sort()).toEqual(
          edition.settings.reminderDaysBefore.map((d) => `remind-${edition.id}-${track.id}-${d}d`).sort(),
        );
      }
    }
    for (const [id, schedule] of deadlineSchedules()) {
      expect(schedule.Properties.ScheduleExpressionTimezone, id).toBe('Asia/Shanghai');
      expect(schedule.Properties.ScheduleExpression, id).toMatch(
        /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/,
      );
      expect(schedule.Properties.FlexibleTimeWindow, id).toEqual({ Mode: 'OFF' });
    }
    system.statelessTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'close-bayu-2023-machine-vision',
      ScheduleExpression: 'at(2023-09-23T00:00:00)',
    });
  });

  it('invokes the deadline function with its own role, a retry policy and a dead-letter queue', () => {
    const deadlines = ofType(system.statelessTemplate, 'AWS::Lambda::Function').find(
      ([, fn]) => tagOf(fn.Properties, FUNCTION_TAG) === 'deadlines',
    );
    if (!deadlines) throw new Error('no deadlines function');
    for (const [id, schedule] of deadlineSchedules()) {
      expect(schedule.Properties.Target, id).toMatchObject({
        Arn: { 'Fn::GetAtt': [deadlines[0], 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
      });
    }
    system.statelessTemplate.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })],
      },
    });
    system.statelessTemplate.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'lambda:InvokeFunction',
            Resource: Match.arrayWith([{ 'Fn::GetAtt': [deadlines[0], 'Arn'] }]),
          }),
        ]),
      },
    });
  });
});

describe('mail', () => {
  it('lets the mail-sending functions send from the configured sender only', () => {
    const senders = functions.filter((spec) => spec.access.mail).map((spec) => spec.name);
    expect(senders.sort()).toEqual(['deadlines', 'notify', 'purge-personal-data', 'send-digest']);
    system.statelessTemplate.resourceCountIs('AWS::SES::EmailIdentity', 1);
    const policies = ofType(system.statelessTemplate, 'AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('ses:SendEmail'),
    );
    expect(policies).toHaveLength(senders.length);
    for (const [id, policy] of policies) {
      const statement = policy.Properties.PolicyDocument.Statement.find((s: any) =>
        JSON.stringify(s.Action).includes('ses:SendEmail'),
      );
      expect(statement.Condition, id).toEqual({
        StringEquals: { 'ses:FromAddress': 'registration@bayu-skills.example.com' },
      });
    }
  });
});

describe('one-time schedules (the ends of overrides, created at run time)', () => {
  const functionEntry = (name: string) =>
    ofType(system.statelessTemplate, 'AWS::Lambda::Function').find(
      ([, fn]) => tagOf(fn.Properties, FUNCTION_TAG) === name,
    )!;
  const groupName = () => {
    const [, group] = ofType(system.statelessTemplate, 'AWS::Scheduler::ScheduleGroup').find(([id]) =>
      id.includes(oneTimeId('AWS::Scheduler::ScheduleGroup')),
    )!;
    return group.Properties.Name as string;
  };
  const oneTimeId = (type: string) => {
    const found = ofType(system.statelessTemplate, type).filter(([id]) => id.includes('OneTimeSchedules'));
    expect(found, type).toHaveLength(1);
    return found[0]![0];
  };

  it('let the overrides API create schedules in their own group and pass their role to Scheduler only', () => {
    const role = oneTimeId('AWS::IAM::Role');
    const statements = policyStatementsOf('overrides-api');
    const create = statements.filter((s) =>
      [s.Action].flat().some((a: string) => a.startsWith('scheduler:')),
    );
    expect(create).toHaveLength(1);
    expect(create[0]?.Action).toBe('scheduler:CreateSchedule');
    const resource = JSON.stringify(create[0]?.Resource);
    expect(resource).toContain(`:schedule/${groupName()}/*"`);
    expect(statements.filter((s) => [s.Action].flat().includes('iam:PassRole'))).toEqual([
      expect.objectContaining({
        Resource: { 'Fn::GetAtt': [role, 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    ]);
    for (const spec of functions.filter((s) => s.name !== 'overrides-api')) {
      const actions = policyStatementsOf(spec.name).flatMap((s) => [s.Action].flat());
      expect(
        actions.filter((a) => a.startsWith('scheduler:') || a === 'iam:PassRole'),
        spec.name,
      ).toEqual([]);
    }
  });

  it('give Scheduler a role that invokes the deadline function and reaches its dead-letter queue, nothing else', () => {
    const role = oneTimeId('AWS::IAM::Role');
    const [deadlines] = functionEntry('deadlines');
    const [, roleResource] = ofType(system.statelessTemplate, 'AWS::IAM::Role').find(([id]) => id === role)!;
    expect(roleResource.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
    const statements = ofType(system.statelessTemplate, 'AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Record<string, any>[]);
    expect(statements.map((s) => s.Action)).toEqual([
      'lambda:InvokeFunction',
      ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
    ]);
    expect(statements[0]?.Resource).toEqual({ 'Fn::GetAtt': [deadlines, 'Arn'] });
    expect(JSON.stringify(statements[1]?.Resource)).toMatch(/DeadlinesSchedulesDeadLetters/);
  });

  it('tell the overrides API the group, the target, the role and the dead-letter queue', () => {
    const [, overrides] = functionEntry('overrides-api');
    const [deadlines] = functionEntry('deadlines');
    const variables = overrides.Properties.Environment.Variables;
    expect(variables[ENV.oneTimeScheduleGroup]).toBe(groupName());
    expect(variables[ENV.oneTimeScheduleTargetArn]).toEqual({ 'Fn::GetAtt': [deadlines, 'Arn'] });
    expect(variables[ENV.oneTimeScheduleRoleArn]).toEqual({
      'Fn::GetAtt': [oneTimeId('AWS::IAM::Role'), 'Arn'],
    });
    expect(JSON.stringify(variables[ENV.oneTimeScheduleDeadLetterArn])).toMatch(
      /DeadlinesSchedulesDeadLetters/,
    );
  });
});
