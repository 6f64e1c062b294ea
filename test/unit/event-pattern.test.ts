/**
 * Patterns and events are taken from the AWS EventBridge documentation (content filtering, arrays, null values
 * and empty strings) unless a case needs an edge the documentation does not show.
 */
import { describe, expect, it } from 'vitest';
import type { EventPattern } from '#events/contract.ts';
import { assertValidPattern, matchesPattern } from '../../infra/local/event-pattern.ts';

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

/** Asserts the pattern is valid (as every pattern here must be) before matching, as the runtime does. */
function matches(pattern: EventPattern, event: unknown): boolean {
  assertValidPattern(pattern);
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

    it('matches a nested pattern within one element of an array of objects', () => {
      const event = {
        employees: [
          { firstName: 'John', lastName: 'Doe' },
          { firstName: 'Anna', lastName: 'Smith' },
          { firstName: 'Peter', lastName: 'Jones' },
        ],
      };
      expect(matches({ employees: { firstName: ['Anna'] } }, event)).toBe(true);
      expect(matches({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, event)).toBe(true);
      // Fields from different elements are not combined.
      expect(matches({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, event)).toBe(false);
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

    it('ignores case with equals-ignore-case', () => {
      const ignoreCase = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };
      for (const service of ['EventBridge', 'EVENTBRIDGE', 'eventbridge', 'eVeNtB']) {
        expect(matches(ignoreCase, withDetail({ service }))).toBe(true);
      }
      expect(matches(ignoreCase, withDetail({ service: 'Events' }))).toBe(false);
    });
  });

  describe('suffix', () => {
    const pattern = { FileName: [{ suffix: '.png' }] };

    it('matches a string that ends with the suffix', () => {
      expect(matches(pattern, { FileName: 'image.png' })).toBe(true);
    });

    it('does not match another string, or the same suffix in another case', () => {
      expect(matches(pattern, { FileName: 'image.jpg' })).toBe(false);
      expect(matches(pattern, { FileName: 'image.PNG' })).toBe(false);
      expect(matches(pattern, { FileName: 'image.png.txt' })).toBe(false);
    });

    it('ignores case with equals-ignore-case', () => {
      const ignoreCase = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };
      expect(matches(ignoreCase, withDetail({ FileName: 'image.png' }))).toBe(true);
      expect(matches(ignoreCase, withDetail({ FileName: 'image.PNG' }))).toBe(true);
      expect(matches(ignoreCase, withDetail({ FileName: 'image.jpg' }))).toBe(false);
    });
  });

  describe('equals-ignore-case', () => {
    const pattern = { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] };

    it('matches the string in any case', () => {
      expect(matches(pattern, ec2Event)).toBe(true);
      expect(matches(pattern, { 'detail-type': 'EC2 INSTANCE STATE-CHANGE NOTIFICATION' })).toBe(true);
    });

    it('does not match a different string or a non-string', () => {
      expect(matches(pattern, { 'detail-type': 'EC2 Instance Launch Successful' })).toBe(false);
      expect(matches({ flag: [{ 'equals-ignore-case': 'true' }] }, { flag: true })).toBe(false);
    });
  });

  describe('anything-but', () => {
    it('excludes a single string', () => {
      const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };
      expect(matches(pattern, withDetail({ state: 'running' }))).toBe(true);
      expect(matches(pattern, withDetail({ state: 'initializing' }))).toBe(false);
    });

    it('excludes a single number, by value', () => {
      const pattern = { detail: { 'x-limit': [{ 'anything-but': 123 }] } };
      expect(matches(pattern, withDetail({ 'x-limit': 301.8 }))).toBe(true);
      expect(matches(pattern, withDetail({ 'x-limit': 123.0 }))).toBe(false);
    });

    it('excludes a list of strings', () => {
      const pattern = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };
      expect(matches(pattern, withDetail({ state: 'running' }))).toBe(true);
      expect(matches(pattern, withDetail({ state: 'stopped' }))).toBe(false);
      expect(matches(pattern, withDetail({ state: 'overloaded' }))).toBe(false);
    });

    it('excludes a list of numbers', () => {
      const pattern = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };
      expect(matches(pattern, withDetail({ 'x-limit': 301.8 }))).toBe(true);
      expect(matches(pattern, withDetail({ 'x-limit': 200 }))).toBe(false);
    });

    it('excludes a prefix', () => {
      const pattern = { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } };
      expect(matches(pattern, withDetail({ state: 'running' }))).toBe(true);
      expect(matches(pattern, withDetail({ state: 'initializing' }))).toBe(false);
    });

    it('excludes a suffix', () => {
      const pattern = { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } };
      expect(matches(pattern, withDetail({ FileName: 'notes.md' }))).toBe(true);
      expect(matches(pattern, withDetail({ FileName: 'notes.txt' }))).toBe(false);
    });

    it('excludes a string or a list of strings in any case', () => {
      const single = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } };
      expect(matches(single, withDetail({ state: 'running' }))).toBe(true);
      expect(matches(single, withDetail({ state: 'INITIALIZING' }))).toBe(false);

      const list = {
        detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] },
      };
      expect(matches(list, withDetail({ state: 'running' }))).toBe(true);
      expect(matches(list, withDetail({ state: 'Stopped' }))).toBe(false);
    });

    it('excludes a wildcard or a list of wildcards', () => {
      const single = { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } };
      expect(matches(single, withDetail({ FilePath: '/usr/bin/env' }))).toBe(true);
      expect(matches(single, withDetail({ FilePath: '/usr/lib/libc.so' }))).toBe(false);

      const list = { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } };
      expect(matches(list, withDetail({ FilePath: '/home/readme.md' }))).toBe(true);
      expect(matches(list, withDetail({ FilePath: '/usr/bin/env' }))).toBe(false);
    });

    it('does not match a missing field', () => {
      expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, withDetail({}))).toBe(
        false,
      );
      expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, withDetail({}))).toBe(
        false,
      );
    });

    it('matches an event array holding any value outside the exclusion', () => {
      const pattern = { detail: { states: [{ 'anything-but': 'stopped' }] } };
      expect(matches(pattern, withDetail({ states: ['stopped', 'running'] }))).toBe(true);
      expect(matches(pattern, withDetail({ states: ['stopped'] }))).toBe(false);
    });
  });

  describe('numeric', () => {
    const pattern = {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    };

    it('matches when every comparison holds', () => {
      expect(matches(pattern, withDetail({ 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 }))).toBe(true);
      expect(matches(pattern, withDetail({ 'c-count': 0.5, 'd-count': -4, 'x-limit': 301.8 }))).toBe(true);
    });

    it('respects open and closed bounds', () => {
      expect(matches(pattern, withDetail({ 'c-count': 0, 'd-count': 3, 'x-limit': 301.8 }))).toBe(false);
      expect(matches(pattern, withDetail({ 'c-count': 5.01, 'd-count': 3, 'x-limit': 301.8 }))).toBe(false);
      expect(matches(pattern, withDetail({ 'c-count': 5, 'd-count': 10, 'x-limit': 301.8 }))).toBe(false);
      expect(matches(pattern, withDetail({ 'c-count': 5, 'd-count': 3, 'x-limit': 301.7 }))).toBe(false);
    });

    it('supports >= and a >= ... < range', () => {
      expect(matches({ n: [{ numeric: ['>=', 10] }] }, { n: 10 })).toBe(true);
      expect(matches({ n: [{ numeric: ['>=', 10] }] }, { n: 9.999 })).toBe(false);
      expect(matches({ n: [{ numeric: ['>=', 0, '<', 1] }] }, { n: 0 })).toBe(true);
      expect(matches({ n: [{ numeric: ['>=', 0, '<', 1] }] }, { n: 1 })).toBe(false);
    });

    it('only matches JSON numbers, not numeric strings, and not a missing field', () => {
      expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: '5' })).toBe(false);
      expect(matches({ n: [{ numeric: ['>', 0] }] }, {})).toBe(false);
    });
  });

  describe('exists', () => {
    it('exists: true matches an event that has the field', () => {
      expect(matches({ detail: { state: [{ exists: true }] } }, ec2Event)).toBe(true);
      expect(matches({ detail: { state: [{ exists: true }] } }, withDetail({ state: null }))).toBe(true);
    });

    it('exists: true does not match an event without the field', () => {
      const event = {
        'detail-type': ['EC2 Instance State-change Notification'],
        resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
        detail: { 'c-count': { c1: 100 } },
      };
      expect(matches({ detail: { state: [{ exists: true }] } }, event)).toBe(false);
    });

    it('exists: false matches an event without the field, and not one with it', () => {
      expect(matches({ detail: { reason: [{ exists: false }] } }, ec2Event)).toBe(true);
      expect(matches({ detail: { state: [{ exists: false }] } }, ec2Event)).toBe(false);
      expect(matches({ nothing: { here: [{ exists: false }] } }, ec2Event)).toBe(true);
    });

    it('only looks at leaves: an object-valued field counts as absent', () => {
      const event = withDetail({ 'c-count': { c1: 100 } });
      expect(matches({ detail: { 'c-count': [{ exists: false }] } }, event)).toBe(true);
      expect(matches({ detail: { 'c-count': [{ exists: true }] } }, event)).toBe(false);
    });

    it('treats an empty array as absent', () => {
      expect(matches({ resources: [{ exists: false }] }, { resources: [] })).toBe(true);
      expect(matches({ resources: [{ exists: true }] }, { resources: [] })).toBe(false);
    });
  });

  describe('cidr', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };

    it('matches IPv4 addresses inside the block', () => {
      expect(matches(pattern, withDetail({ sourceIPAddress: '10.0.0.0' }))).toBe(true);
      expect(matches(pattern, withDetail({ sourceIPAddress: '10.0.0.255' }))).toBe(true);
    });

    it('does not match addresses outside the block, or non-addresses', () => {
      expect(matches(pattern, withDetail({ sourceIPAddress: '10.0.1.0' }))).toBe(false);
      expect(matches(pattern, withDetail({ sourceIPAddress: '192.168.0.1' }))).toBe(false);
      expect(matches(pattern, withDetail({ sourceIPAddress: 'not-an-ip' }))).toBe(false);
      expect(matches(pattern, withDetail({ sourceIPAddress: 167772161 }))).toBe(false);
    });

    it('matches IPv6 addresses', () => {
      const v6 = { detail: { sourceIPAddress: [{ cidr: '2001:db8::/32' }] } };
      expect(matches(v6, withDetail({ sourceIPAddress: '2001:db8:1234::1' }))).toBe(true);
      expect(matches(v6, withDetail({ sourceIPAddress: '2001:db9::1' }))).toBe(false);
    });
  });

  describe('wildcard', () => {
    const pattern = { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] };

    it('lets * match any run of characters, including none', () => {
      expect(
        matches(pattern, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' }),
      ).toBe(true);
      expect(matches(pattern, { EventBusArn: 'arn:aws:events:us-east-1::event-bus/' })).toBe(true);
    });

    it('matches the rest of the string literally', () => {
      expect(
        matches(pattern, { EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/orders' }),
      ).toBe(false);
      expect(matches(pattern, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:rule/orders' })).toBe(
        false,
      );
      expect(matches({ name: [{ wildcard: 'a.c' }] }, { name: 'abc' })).toBe(false);
      expect(matches({ name: [{ wildcard: '*.png' }] }, { name: 'dir/image.png' })).toBe(true);
      expect(matches({ name: [{ wildcard: '*.png' }] }, { name: 'dir/image.png.bak' })).toBe(false);
    });

    it('treats \\* as a literal asterisk and \\\\ as a literal backslash', () => {
      expect(matches({ name: [{ wildcard: 'a\\*b' }] }, { name: 'a*b' })).toBe(true);
      expect(matches({ name: [{ wildcard: 'a\\*b' }] }, { name: 'axyzb' })).toBe(false);
      expect(matches({ name: [{ wildcard: 'C:\\\\*' }] }, { name: 'C:\\Windows' })).toBe(true);
    });

    it('does not match non-strings', () => {
      expect(matches({ n: [{ wildcard: '1*' }] }, { n: 123 })).toBe(false);
    });
  });

  describe('$or', () => {
    it('matches when any branch matches, ANDed with the other fields', () => {
      const pattern = {
        source: ['aws.cloudwatch'],
        $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
      };
      expect(matches(pattern, { source: 'aws.cloudwatch', metricName: 'ReadLatency' })).toBe(true);
      expect(matches(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/ES' })).toBe(true);
      expect(matches(pattern, { source: 'aws.cloudwatch', metricName: 'DiskIO', namespace: 'AWS/S3' })).toBe(
        false,
      );
      expect(matches(pattern, { source: 'aws.ec2', metricName: 'ReadLatency' })).toBe(false);
    });

    it('works inside a nested object', () => {
      const pattern = {
        detail: {
          $or: [
            { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
            { 'd-count': [{ numeric: ['<', 10] }] },
            { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
          ],
        },
      };
      expect(matches(pattern, withDetail({ 'c-count': 50, 'd-count': 3 }))).toBe(true);
      expect(matches(pattern, withDetail({ 'x-limit': 301.8 }))).toBe(true);
      expect(matches(pattern, withDetail({ 'c-count': 50, 'd-count': 30, 'x-limit': 1 }))).toBe(false);
    });

    it('nests, with ANDed fields inside a branch', () => {
      const pattern = {
        source: ['aws.cloudwatch'],
        $or: [
          { metricName: ['CPUUtilization', 'ReadLatency'] },
          {
            metricType: ['MetricType'],
            namespace: ['AWS/EC2', 'AWS/ES'],
            $or: [{ metricId: [1234] }, { spaceId: [1000] }],
          },
          { scope: ['Service'] },
        ],
      };
      const base = { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2' };
      expect(matches(pattern, { ...base, spaceId: 1000 })).toBe(true);
      expect(matches(pattern, { ...base, spaceId: 999 })).toBe(false);
      expect(matches(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/EC2', metricId: 1234 })).toBe(
        false,
      );
      expect(matches(pattern, { source: 'aws.cloudwatch', scope: 'Service' })).toBe(true);
    });
  });

  it('matches the documentation complex example with several operators', () => {
    const pattern = {
      time: [{ prefix: '2017-10-02' }],
      detail: {
        state: [{ 'anything-but': 'initializing' }],
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ 'anything-but': [100, 200, 300] }],
      },
    };
    const detail = { state: 'running', 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 };
    expect(matches(pattern, { time: '2017-10-02T16:24:49Z', detail })).toBe(true);
    expect(matches(pattern, { time: '2017-10-02T16:24:49Z', detail: { ...detail, 'x-limit': 300 } })).toBe(
      false,
    );
    expect(matches(pattern, { time: '2017-10-03T16:24:49Z', detail })).toBe(false);
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

describe('assertValidPattern', () => {
  it('accepts every operator form', () => {
    const patterns: unknown[] = [
      { source: ['aws.ec2', 5, true, null, ''] },
      {
        time: [{ prefix: '2017-10-02' }],
        detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] },
      },
      { FileName: [{ suffix: '.png' }, { suffix: { 'equals-ignore-case': '.png' } }] },
      { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
      {
        state: [
          { 'anything-but': 'initializing' },
          { 'anything-but': 123 },
          { 'anything-but': ['stopped', 'overloaded'] },
          { 'anything-but': [100, 200, 300] },
          { 'anything-but': { prefix: 'init' } },
          { 'anything-but': { suffix: '.txt' } },
          { 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } },
          { 'anything-but': { wildcard: '*/lib/*' } },
        ],
      },
      { n: [{ numeric: ['>', 0, '<=', 5] }, { numeric: ['<', 10] }, { numeric: ['=', 3.018e2] }] },
      { state: [{ exists: true }], reason: [{ exists: false }] },
      { ip: [{ cidr: '10.0.0.0/24' }, { cidr: '2001:db8::/32' }, { cidr: '0.0.0.0/0' }] },
      { arn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }, { wildcard: 'a\\*b\\\\*' }] },
      { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] },
    ];
    for (const pattern of patterns) {
      expect(() => assertValidPattern(pattern)).not.toThrow();
    }
  });

  it.each<[string, unknown, RegExp]>([
    ['a non-object pattern', ['aws.ec2'], /at \(root\): expected an object/],
    ['an empty pattern', {}, /empty objects are not allowed/],
    ['an empty nested object', { detail: {} }, /at detail: empty objects are not allowed/],
    ['a leaf that is not an array', { source: 'aws.ec2' }, /at source: expected an array of values/],
    ['a numeric leaf that is not an array', { detail: { count: 5 } }, /at detail\.count: expected an array/],
    ['an empty array', { source: [] }, /at source: empty arrays are not allowed/],
    ['a nested array as a value', { source: [['aws.ec2']] }, /at source\[0\]: expected a string, number/],
    ['an unknown operator', { source: [{ contains: 'ec2' }] }, /at source\[0\]: unknown operator "contains"/],
    ['a misspelt operator', { source: [{ prefx: 'aws.' }] }, /unknown operator "prefx"/],
    ['an operator object with two keys', { source: [{ prefix: 'a', suffix: 'b' }] }, /exactly one key/],
    ['an empty operator object', { source: [{}] }, /exactly one key/],
    [
      'a prefix that is not a string',
      { source: [{ prefix: 5 }] },
      /at source\[0\]\.prefix: expected a string/,
    ],
    [
      'a prefix with an unknown modifier',
      { source: [{ prefix: { 'ignore-case': 'a' } }] },
      /equals-ignore-case/,
    ],
    ['a suffix list', { source: [{ suffix: ['.png'] }] }, /at source\[0\]\.suffix: expected a string/],
    ['a non-string equals-ignore-case', { source: [{ 'equals-ignore-case': null }] }, /expected a string/],
    ['a mixed anything-but list', { state: [{ 'anything-but': ['a', 1] }] }, /only strings or only numbers/],
    ['an empty anything-but list', { state: [{ 'anything-but': [] }] }, /non-empty list/],
    ['a boolean anything-but', { state: [{ 'anything-but': true }] }, /expected a string, a number, a list/],
    [
      'an anything-but prefix list',
      { state: [{ 'anything-but': { prefix: ['a', 'b'] } }] },
      /expected a string/,
    ],
    ['an empty anything-but prefix', { state: [{ 'anything-but': { prefix: '' } }] }, /must not be empty/],
    ['an anything-but numeric', { n: [{ 'anything-but': { numeric: ['>', 1] } }] }, /not "numeric"/],
    [
      'a numeric that is not an array',
      { n: [{ numeric: 5 }] },
      /at n\[0\]\.numeric: expected \[op, number\]/,
    ],
    ['an unknown numeric operator', { n: [{ numeric: ['!=', 5] }] }, /expected \[op, number\]/],
    ['a string numeric operand', { n: [{ numeric: ['>', '5'] }] }, /expected \[op, number\]/],
    ['a numeric range in the wrong order', { n: [{ numeric: ['<', 5, '>', 0] }] }, /expected \[op, number\]/],
    ['an empty numeric range', { n: [{ numeric: ['>', 5, '<', 5] }] }, /lower bound 5 must be below/],
    [
      'a numeric with too many terms',
      { n: [{ numeric: ['>', 0, '<', 5, '<', 6] }] },
      /expected \[op, number\]/,
    ],
    ['a non-finite number', { n: [Number.NaN] }, /at n\[0\]: expected a string, number/],
    ['a non-boolean exists', { state: [{ exists: 'true' }] }, /"exists" takes true or false/],
    ['a CIDR without a prefix length', { ip: [{ cidr: '10.0.0.1' }] }, /is not a CIDR block/],
    ['a CIDR with a bad address', { ip: [{ cidr: '10.0.0/8' }] }, /is not a CIDR block/],
    ['a CIDR with a too long prefix', { ip: [{ cidr: '10.0.0.0/33' }] }, /is not a CIDR block/],
    ['consecutive wildcards', { name: [{ wildcard: 'a**b' }] }, /consecutive wildcard characters/],
    ['a backslash escaping a letter', { name: [{ wildcard: 'a\\b*' }] }, /backslash may only escape/],
    ['a trailing backslash', { name: [{ wildcard: 'ab\\' }] }, /backslash may only escape/],
    ['an $or that is not an array', { $or: { a: ['x'] } }, /"\$or" takes an array of at least 2 objects/],
    ['an $or with one branch', { $or: [{ a: ['x'] }] }, /at least 2 objects/],
    ['an $or with a non-object branch', { $or: [{ a: ['x'] }, ['y']] }, /at \$or\[1\]: expected an object/],
    ['an operator name as a field inside $or', { $or: [{ prefix: ['x'] }, { a: ['y'] }] }, /is an operator/],
    [
      'a bad leaf deep inside $or',
      { $or: [{ a: ['x'] }, { b: { c: 'y' } }] },
      /at \$or\[1\]\.b\.c: expected/,
    ],
  ])('rejects %s', (_name, pattern, message) => {
    expect(() => assertValidPattern(pattern)).toThrow(message);
  });

  it('throws an Error that names the pattern', () => {
    expect(() => assertValidPattern({ source: 'aws.ec2' })).toThrow(Error);
    expect(() => assertValidPattern({ source: 'aws.ec2' })).toThrow(/^Invalid event pattern at source:/);
  });

  it('narrows an unknown value to an EventPattern', () => {
    const parsed: unknown = JSON.parse('{"source":["aws.ec2"]}');
    assertValidPattern(parsed);
    expect(matchesPattern(parsed, ec2Event)).toBe(true);
  });
});
