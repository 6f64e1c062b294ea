/**
 * Patterns and events are taken from the AWS EventBridge documentation (content filtering, arrays, null values
 * and empty strings) unless a case needs an edge the documentation does not show. The local matcher knows exact
 * values and `prefix`, what the system's patterns use; the rest of the grammar is refused at start-up.
 */
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import type { EventPattern } from '#events/contract.ts';
import { LocalEventBus } from '#infra/local/event-bus.ts';
import { assertSupportedPattern, matchesPattern } from '#infra/local/event-pattern.ts';
import { StreamPoller } from '#infra/local/stream-poller.ts';
import { localWiring } from '#infra/local/wiring.ts';
import { createLogger } from '#shared/logging/logger.ts';

/** The EC2 state-change event used throughout the EventBridge documentation. */
const ec2Event = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-abcd1111', state: 'pending' },
};

/** An event whose `detail` is replaced, keeping the documentation's envelope. */
function withDetail(detail: Record<string, unknown>): Record<string, unknown> {
  return { ...ec2Event, detail };
}

/** Asserts the pattern is supported (as every pattern here must be) before matching, as the runtime does. */
function matches(pattern: EventPattern, event: unknown): boolean {
  assertSupportedPattern(pattern, 'rule test');
  return matchesPattern(pattern, event);
}

describe('matchesPattern', () => {
  describe('exact values', () => {
    it('matches strings exactly, case-sensitively', () => {
      expect(matches({ source: ['aws.ec2'] }, ec2Event)).toBe(true);
      expect(matches({ source: ['aws.EC2'] }, ec2Event)).toBe(false);
      expect(matches({ source: ['aws.ec'] }, ec2Event)).toBe(false);
    });

    it('ANDs fields and ORs the values of a field', () => {
      const pattern = { source: ['aws.ec2'], detail: { state: ['initializing', 'pending'] } };
      expect(matches(pattern, ec2Event)).toBe(true);
      expect(matches(pattern, withDetail({ state: 'running' }))).toBe(false);
      expect(matches({ ...pattern, source: ['aws.s3'] }, ec2Event)).toBe(false);
    });

    it('ignores event fields the pattern does not name', () => {
      expect(matches({ detail: { state: ['pending'] } }, ec2Event)).toBe(true);
    });

    it('does not match a field absent from the event', () => {
      expect(matches({ detail: { reason: ['pending'] } }, ec2Event)).toBe(false);
      expect(matches({ missing: { state: ['pending'] } }, ec2Event)).toBe(false);
    });

    it('matches numbers by value (5 matches 5.0), never against their string form', () => {
      expect(matches({ detail: { 'c-count': [5] } }, withDetail({ 'c-count': 5.0 }))).toBe(true);
      expect(matches({ detail: { 'c-count': [5.0] } }, JSON.parse('{"detail":{"c-count":5}}'))).toBe(true);
      expect(matches({ detail: { 'c-count': [5] } }, withDetail({ 'c-count': '5' }))).toBe(false);
      expect(matches({ detail: { 'c-count': ['5'] } }, withDetail({ 'c-count': 5 }))).toBe(false);
    });

    it('matches booleans exactly', () => {
      expect(matches({ detail: { enabled: [true] } }, withDetail({ enabled: true }))).toBe(true);
      expect(matches({ detail: { enabled: [true] } }, withDetail({ enabled: false }))).toBe(false);
      expect(matches({ detail: { enabled: [true] } }, withDetail({ enabled: 'true' }))).toBe(false);
    });

    it('matches null and the empty string, which are not interchangeable', () => {
      const event = {
        version: '0',
        'detail-type': 'EC2 Instance Launch Successful',
        source: 'aws.autoscaling',
        resources: [],
        detail: { eventVersion: '', responseElements: null },
      };
      expect(matches({ detail: { eventVersion: [''] } }, event)).toBe(true);
      expect(matches({ detail: { responseElements: [null] } }, event)).toBe(true);
      expect(matches({ detail: { eventVersion: [null] } }, event)).toBe(false);
      expect(matches({ detail: { responseElements: [''] } }, event)).toBe(false);
    });

    it('does not match an object in the event against a leaf value', () => {
      expect(matches({ detail: ['pending'] }, ec2Event)).toBe(false);
    });

    it('does not match a scalar in the event against a nested pattern', () => {
      expect(matches({ source: { name: ['aws.ec2'] } }, ec2Event)).toBe(false);
    });
  });

  describe('arrays in the event', () => {
    const pattern = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    };

    it('matches when the pattern values and the event array intersect', () => {
      const event = {
        resources: [
          'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        ],
      };
      expect(matches(pattern, event)).toBe(true);
    });

    it('does not match when they do not intersect, or the array is empty', () => {
      expect(
        matches(pattern, { resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'] }),
      ).toBe(false);
      expect(matches(pattern, { resources: [] })).toBe(false);
    });

    it('applies operators to each element', () => {
      expect(matches({ tags: [{ prefix: 'env:' }] }, { tags: ['team:a', 'env:prod'] })).toBe(true);
      expect(matches({ tags: [{ prefix: 'env:' }] }, { tags: ['team:a', 'owner:b'] })).toBe(false);
    });
  });

  describe('prefix', () => {
    const pattern = { time: [{ prefix: '2017-10-02' }] };

    it('matches a string that starts with the prefix', () => {
      expect(matches(pattern, { time: '2017-10-02T18:43:48Z' })).toBe(true);
    });

    it('does not match another string, a non-string or a missing field', () => {
      expect(matches(pattern, { time: '2017-10-03T18:43:48Z' })).toBe(false);
      expect(matches(pattern, { time: 'x2017-10-02' })).toBe(false);
      expect(matches({ code: [{ prefix: '20' }] }, { code: 2017 })).toBe(false);
      expect(matches(pattern, {})).toBe(false);
    });
  });

  it('does not match a non-object event against a field', () => {
    expect(matches({ source: ['aws.ec2'] }, null)).toBe(false);
    expect(matches({ source: ['aws.ec2'] }, 'aws.ec2')).toBe(false);
  });

  describe('DynamoDB stream record filter (Lambda event-source filtering)', () => {
    const outboxFilter = {
      eventName: ['INSERT'],
      dynamodb: { NewImage: { pk: { S: [{ prefix: 'OUTBOX#' }] } } },
    };

    function streamRecord(
      eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
      images: {
        Keys: Record<string, unknown>;
        NewImage?: Record<string, unknown>;
        OldImage?: Record<string, unknown>;
      },
    ): Record<string, unknown> {
      return {
        eventID: 'c4ca4238a0b923820dcc509a6f75849b',
        eventName,
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'ap-east-1',
        dynamodb: {
          ApproximateCreationDateTime: 1717171717,
          ...images,
          SequenceNumber: '4421584500000000017450439091',
          SizeBytes: 212,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        eventSourceARN:
          'arn:aws:dynamodb:ap-east-1:123456789012:table/registration/stream/2024-06-01T00:00:00.000',
      };
    }

    const outboxKeys = { pk: { S: 'OUTBOX#01J0ABCDEF' }, sk: { S: 'EVENT#01J0ABCDEF' } };
    const outboxItem = {
      ...outboxKeys,
      detailType: { S: 'RegistrationSubmitted' },
      detail: { S: '{"metadata":{},"data":{}}' },
      attempts: { N: '0' },
    };

    it('matches a newly inserted outbox item', () => {
      expect(matches(outboxFilter, streamRecord('INSERT', { Keys: outboxKeys, NewImage: outboxItem }))).toBe(
        true,
      );
    });

    it('does not match a modified or removed outbox item', () => {
      const modified = streamRecord('MODIFY', {
        Keys: outboxKeys,
        NewImage: outboxItem,
        OldImage: outboxItem,
      });
      const removed = streamRecord('REMOVE', { Keys: outboxKeys, OldImage: outboxItem });
      expect(matches(outboxFilter, modified)).toBe(false);
      expect(matches(outboxFilter, removed)).toBe(false);
    });

    it('does not match an inserted item that is not in the outbox', () => {
      const keys = { pk: { S: 'REGISTRATION#2024#42' }, sk: { S: 'PROFILE' } };
      const item = { ...keys, name: { S: 'Li Wei' } };
      expect(matches(outboxFilter, streamRecord('INSERT', { Keys: keys, NewImage: item }))).toBe(false);
    });

    it('does not match when the key is not a string attribute', () => {
      const keys = { pk: { N: '42' }, sk: { S: 'OUTBOX#1' } };
      expect(matches(outboxFilter, streamRecord('INSERT', { Keys: keys, NewImage: keys }))).toBe(false);
    });

    it('does not match a KEYS_ONLY record, which has no NewImage', () => {
      expect(matches(outboxFilter, streamRecord('INSERT', { Keys: outboxKeys }))).toBe(false);
    });
  });
});

describe('assertSupportedPattern', () => {
  it('accepts exact values of every JSON scalar type and prefix', () => {
    const pattern: unknown = {
      source: ['aws.ec2', 5, true, null, ''],
      detail: { key: [{ prefix: 'uploads/' }, 'exact'] },
    };
    expect(() => assertSupportedPattern(pattern, 'rule test')).not.toThrow();
  });

  it('accepts every rule and stream filter the system declares', () => {
    const { rules, streamConsumers } = localWiring();
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) assertSupportedPattern(rule.pattern, `rule ${rule.rule}`);
    for (const consumer of streamConsumers) {
      for (const filter of consumer.filters) assertSupportedPattern(filter, consumer.functionName);
    }
  });

  it.each<[string, unknown]>([
    ['suffix', { suffix: '.png' }],
    ['anything-but', { 'anything-but': 'initializing' }],
    ['numeric', { numeric: ['>', 0] }],
    ['exists', { exists: true }],
    ['equals-ignore-case', { 'equals-ignore-case': 'ec2' }],
    ['wildcard', { wildcard: 'arn:*' }],
    ['cidr', { cidr: '10.0.0.0/24' }],
  ])('refuses the operator %s, naming the rule, the place and the operator', (operator, condition) => {
    const pattern = { source: ['aws.s3'], detail: { key: [condition] } };
    expect(() => assertSupportedPattern(pattern, 'rule photo-uploaded')).toThrow(
      `rule photo-uploaded: event pattern at detail.key[0]: operator "${operator}" is not supported locally`,
    );
  });

  it('refuses $or, and prefix with a modifier', () => {
    expect(() => assertSupportedPattern({ $or: [{ a: ['x'] }, { b: ['y'] }] }, 'rule r')).toThrow(
      'rule r: event pattern at $or: operator "$or" is not supported locally',
    );
    expect(() =>
      assertSupportedPattern({ key: [{ prefix: { 'equals-ignore-case': 'up' } }] }, 'rule r'),
    ).toThrow('rule r: event pattern at key[0]: prefix takes a string');
  });

  it.each<[string, unknown, string]>([
    ['a non-object pattern', ['aws.ec2'], 'at (root): expected a non-empty object'],
    ['an empty pattern', {}, 'at (root): expected a non-empty object'],
    ['an empty nested object', { detail: {} }, 'at detail: expected a non-empty object'],
    ['a leaf that is not an array', { source: 'aws.ec2' }, 'at source: expected a non-empty object'],
    ['an empty array', { source: [] }, 'at source: an empty list never matches'],
    ['a nested array as a value', { source: [['aws.ec2']] }, 'at source[0]: expected a string, number'],
    ['a non-finite number', { n: [Number.NaN] }, 'at n[0]: expected a string, number'],
    [
      'an operator object with two keys',
      { source: [{ prefix: 'a', suffix: 'b' }] },
      'operator "prefix", "suffix"',
    ],
  ])('refuses %s', (_name, pattern, message) => {
    expect(() => assertSupportedPattern(pattern, 'rule r')).toThrow(message);
  });

  it('narrows an unknown value to an EventPattern', () => {
    const parsed: unknown = JSON.parse('{"source":["aws.ec2"]}');
    assertSupportedPattern(parsed, 'rule r');
    expect(matchesPattern(parsed, ec2Event)).toBe(true);
  });
});

describe('the local bus and stream mapping', () => {
  const log = createLogger({ component: 'test' }, () => undefined);
  const invoke = async () => undefined;
  const unsupported = {
    source: ['bayu.registration'],
    detail: { data: { outcome: [{ 'anything-but': 'ok' }] } },
  };

  it('refuse to start with a rule the local matcher cannot run', () => {
    const rules = [{ rule: 'notify-on-decision', pattern: unsupported, functionName: 'notify' }];
    expect(() => new LocalEventBus({ busName: 'bus', rules, invoke, log })).toThrow(
      'rule notify-on-decision: event pattern at detail.data.outcome[0]: operator "anything-but" is not supported',
    );
  });

  it('refuse to start with a stream filter the local matcher cannot run', () => {
    const consumer = { filters: [unsupported], batchSize: 1, functionName: 'publish-events' };
    const client = new DynamoDBStreamsClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
    expect(() => new StreamPoller({ client, streamArn: 'arn', consumer, invoke, log })).toThrow(
      'stream filter of publish-events: event pattern at detail.data.outcome[0]: operator "anything-but"',
    );
  });
});
