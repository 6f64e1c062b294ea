/**
 * Puts the outbox events of a time range on the event bus again, for events the table stream lost (it keeps
 * records 24 hours), placing in the change feed those it never placed. Run with credentials allowed to query the
 * table's index, write its feed and outbox items, and put events on the bus:
 *   npm run republish-outbox -- --table <TableName> --bus <EventBusName> --from <ISO instant> --to <ISO instant>
 * (both names are outputs of Bayu-Stateful). Prints what was published; exits 1 if the bus refused any.
 */
import { parseArgs } from 'node:util';
import { documentClient, eventBridgeClient } from '#shared/adapters/aws-clients.ts';
import { DynamoChangeFeedStore } from '#shared/adapters/dynamodb/change-feed-store.ts';
import { DynamoOutboxArchive } from '#shared/adapters/dynamodb/outbox-archive.ts';
import { DynamoUnitStore } from '#shared/adapters/dynamodb/unit-store.ts';
import { envClock } from '#shared/adapters/env-clock.ts';
import { EventBridgePublisher } from '#shared/adapters/eventbridge-publisher.ts';
import { republishOutbox } from '#shared/use-cases/republish-outbox.ts';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    bus: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
});
const { table, bus, from, to } = values;
if (!table || !bus || !from || !to || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
  console.error(
    'usage: republish-outbox --table <table> --bus <event bus> --from <ISO instant> --to <ISO instant>',
  );
  process.exit(2);
}
const report = await republishOutbox(
  {
    outbox: new DynamoOutboxArchive(documentClient(), table),
    publisher: new EventBridgePublisher(eventBridgeClient(), bus),
    feed: new DynamoChangeFeedStore(documentClient(), table),
    units: new DynamoUnitStore(documentClient(), table),
    clock: envClock,
  },
  { from, to },
);
console.log(JSON.stringify(report));
if (report.refused.length > 0) process.exit(1);
