/**
 * Issues a secretariat bearer token in a deployed stack: stores its hash in the table and prints the token
 * once. Run with credentials allowed to write the table:
 *   npx tsx infra/bin/issue-secretariat-token.ts --table <TableName output of Bayu-Stateful>
 */
import { parseArgs } from 'node:util';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { DynamoUnitStore } from '#shared/adapters/dynamodb/unit-store.ts';
import { hashToken, newToken } from '#shared/security/tokens.ts';

const { values } = parseArgs({ options: { table: { type: 'string' } } });
if (!values.table) {
  console.error('usage: issue-secretariat-token --table <table name>');
  process.exit(2);
}
const token = newToken();
await new DynamoUnitStore(documentClient(), values.table).put(
  hashToken(token),
  { role: 'secretariat' },
  new Date().toISOString(),
);
console.log(token);
