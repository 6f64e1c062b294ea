import { describe, expect, it } from 'vitest';
import { outboxEventOf, outboxPut } from '#shared/adapters/dynamodb/outbox-items.ts';
import type { OutboxEvent } from '#shared/ports/stores.ts';

const event: OutboxEvent = {
  id: 'evt-1',
  source: 'bayu.registration',
  detailType: 'EligibilityEvaluated',
  detail: {
    metadata: { id: 'evt-1', version: 1, occurredAt: '2023-09-01T01:00:00.000Z', correlationId: 'c-1' },
    data: {
      registrationId: 'reg_1',
      status: 'passed',
      findings: Array.from({ length: 16 }, (_, i) => ({
        rule: `rule-${i}`,
        code: 'AGE_OK',
        outcome: 'passed',
        contestantIndex: i % 3,
      })),
    },
  },
  occurredAt: '2023-09-01T01:00:00.000Z',
};

const storedItem = (e: OutboxEvent) => outboxPut('t', e).Put?.Item as Record<string, unknown>;

describe('outbox items', () => {
  it('give back the event they store, with its id, detail and time', () => {
    expect(outboxEventOf(storedItem(event))).toEqual(event);
  });

  it('store an evaluation with 16 findings in under 1 KB, one write unit', () => {
    const item = storedItem(event);
    const bytes = Object.entries(item).reduce(
      (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(String(value)),
      0,
    );
    expect(JSON.stringify(event.detail).length).toBeGreaterThan(1024);
    expect(bytes).toBeLessThan(1024);
  });

  it('still read items written with the detail as plain JSON', () => {
    const { detailDeflated: _, ...item } = storedItem(event);
    expect(outboxEventOf({ ...item, detail: JSON.stringify(event.detail) })).toEqual(event);
  });
});
