/**
 * What one machine-vision entry's life costs in DynamoDB write units, as DynamoDB Local reports them: the
 * submission, the eligibility evaluation, the photo's grant and acceptance, the completion, and every write the
 * events cause downstream (the change feed, the cross-entry index, the mails' log). Per-request rate counters and the stamps of a
 * key's last use are not the entry's.
 */
import { describe, expect, it } from 'vitest';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { PARTITIONS } from '#shared/adapters/dynamodb/keys.ts';
import { completeWithPhoto, createUnit, eventually, machineVisionEntry } from '../support/local-api.ts';
import { localRuntimeOfFile } from '../support/local-runtime.ts';
import { meterWrites } from '../support/write-meter.ts';

const OPEN = '2023-09-01T09:00:00+08:00';
/**
 * Measured here: 108 while findings were stored as bilingual text (a 3.7 KB item), 72 with codes and parameters
 * (a 2 KB item) while both indexes projected the whole item, 46 with key-only indexes (an index copy is written
 * only when an item's index keys change, so the entry's updates no longer pay its size on each index), 44 with
 * outbox details stored deflated (the evaluation's event fits in one unit). The goal is 40: what is left
 * is the items' own sizes, twice per transaction, and one index entry per event (the outbox's day index). The
 * change feed then added its placements (a stream batch's events with the streams' heads and the outbox marks
 * in one transaction), which DynamoDB Local reports as 2 units each: 50. In AWS each item of that transaction
 * costs 2 units (two heads, two items and the mark: 10 for a lone event, less per event in a fuller batch).
 * This budget keeps what was won.
 */
const WRITE_UNIT_BUDGET = 50;
/** No write for this long after completion: the events it caused have all been handled. */
const QUIET_MS = 1_500;

const local = localRuntimeOfFile({ clockStart: OPEN });

describe('one machine-vision entry', () => {
  it(`costs at most ${WRITE_UNIT_BUDGET} write units from submission to completion`, async () => {
    const unit = await createUnit(local.runtime, 'school');
    const meter = meterWrites(documentClient());

    const created = await local.call('POST', '/v1/competitions/bayu-2023/registrations', {
      token: unit.token,
      body: machineVisionEntry(),
    });
    expect(created.status).toBe(201);
    const id = created.body.registrationId as string;
    await completeWithPhoto(local.runtime, { token: unit.token, registrationId: id });
    await eventually(() => meter.quietFor() > QUIET_MS, 30_000);

    const perRequest: string[] = [PARTITIONS.rate, PARTITIONS.keyUse];
    const entryWrites = meter.writes.filter((w) => !w.partitions.every((p) => perRequest.includes(p)));
    const total = entryWrites.reduce((sum, w) => sum + w.writeUnits, 0);
    const breakdown = entryWrites.map((w) => `${w.command} ${w.partitions.join('+')}: ${w.writeUnits}`);
    // Every write reports its units: a write that reports none would make the sum a lie.
    expect(
      entryWrites.filter((w) => w.writeUnits === 0),
      breakdown.join('\n'),
    ).toEqual([]);
    expect(total, `${total} WRU:\n${breakdown.join('\n')}`).toBeLessThanOrEqual(WRITE_UNIT_BUDGET);
  });
});
