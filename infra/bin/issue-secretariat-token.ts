/**
 * Creates the first secretariat admin of a deployed stack: the account (name, email, role admin) and its key,
 * printed once (only its hash is stored). That admin then creates the other members' accounts through the API.
 * Run with credentials allowed to write the table:
 *   npm run issue-secretariat-token -- --table <TableName output of Bayu-Stateful> --name 张三 --email a@example.cn
 */
import { parseArgs } from 'node:util';
import { ulid } from 'ulid';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ACCOUNTS, DynamoKeyHolderStore } from '#shared/adapters/dynamodb/key-holder-store.ts';
import { DynamoKeyStore } from '#shared/adapters/dynamodb/key-store.ts';
import { envClock } from '#shared/adapters/env-clock.ts';
import { validateAccountInput } from '#shared/domain/registration-validation.ts';
import { newKey } from '#shared/security/tokens.ts';
import { bootstrapAdmin } from '#shared/use-cases/access.ts';

const { values } = parseArgs({
  options: { table: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } },
});
const input = validateAccountInput({ name: values.name, email: values.email, role: 'admin' });
if (!values.table || !input.ok) {
  if (!input.ok) for (const e of input.errors) console.error(`--${e.path.slice(1)}: ${e.message}`);
  console.error('usage: issue-secretariat-token --table <table name> --name <姓名> --email <address>');
  process.exit(2);
}
const client = documentClient();
const keys = new DynamoKeyStore(client, values.table);
const secret = newKey('secretariat');
const { account } = await bootstrapAdmin(
  {
    accounts: new DynamoKeyHolderStore(client, values.table, ACCOUNTS),
    keys,
    tokens: keys,
    clock: envClock,
    newId: ulid,
  },
  { accountId: `acct_${ulid()}`, name: input.value.name, email: input.value.email, secret },
);
console.log(`admin account: ${account.accountId}`);
console.log(`key (shown once): ${secret}`);
