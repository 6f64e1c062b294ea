import { marshall } from '@aws-sdk/util-dynamodb';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { editionItem } from '#shared/adapters/dynamodb/edition-items.ts';
import type { Edition } from '#shared/domain/edition.ts';
import { readEditions } from '../system.ts';
import { KEY_WRITE_ACTIONS, viaDynamoDb } from './table-access.ts';

export interface EditionSeedProps {
  readonly table: ITable;
  readonly key: IKey;
  /** Folder of edition documents, one JSON file per edition. */
  readonly editionsDir: string;
}

/**
 * Puts every edition document of `editionsDir` into the table on each deployment that changes it, so the
 * deployed API serves the editions in the repository. Editions are data: a new file needs no code change.
 * Nothing is deleted with the stack, like the table itself.
 */
export class EditionSeed extends Construct {
  readonly editionIds: string[] = [];
  /** The validated documents, for settings that become infrastructure (the photo retention rules). */
  readonly editions: Edition[] = [];

  constructor(scope: Construct, id: string, props: EditionSeedProps) {
    super(scope, id);
    const { table, key, editionsDir } = props;

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });
    // An own role instead of the provider's default one with AWSLambdaBasicExecutionRole.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Puts the competition editions into the table',
    });
    logGroup.grantWrite(role);
    const policy = cr.AwsCustomResourcePolicy.fromStatements([
      new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [table.tableArn] }),
      new iam.PolicyStatement({
        actions: KEY_WRITE_ACTIONS,
        resources: [key.keyArn],
        conditions: viaDynamoDb(this),
      }),
    ]);

    // Validated while read, so a broken edition fails the synth instead of the API.
    for (const edition of readEditions(editionsDir)) {
      const put: cr.AwsSdkCall = {
        service: 'DynamoDB',
        action: 'PutItem',
        parameters: { TableName: table.tableName, Item: marshall(editionItem(edition)) },
        physicalResourceId: cr.PhysicalResourceId.of(`edition-${edition.id}`),
        // The edition is public, but there is no reason to copy the call into the logs.
        logging: cr.Logging.withDataHidden(),
      };
      new cr.AwsCustomResource(this, `Edition-${edition.id}`, {
        resourceType: 'Custom::EditionItem',
        onCreate: put,
        onUpdate: put,
        policy,
        role,
        logGroup,
        // The Lambda runtime's SDK can put an item; fetching the latest SDK at deploy time needs the network.
        installLatestAwsSdk: false,
      });
      this.editionIds.push(edition.id);
      this.editions.push(edition);
    }
  }
}
