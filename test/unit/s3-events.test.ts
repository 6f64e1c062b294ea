/**
 * The local translation of s3rver's notifications into EventBridge's "Object Created" event, compared with the
 * example event of the S3 documentation (test/fixtures), and the photo checker's rule against both.
 */
import { describe, expect, it } from 'vitest';
import { photoUploaded } from '#functions/events/photo-uploaded.ts';
import { matchesPattern } from '#infra/local/event-pattern.ts';
import { objectCreatedEvents } from '#infra/local/s3-events.ts';
import type { S3rverEvent } from '#infra/local/stand-ins/s3.ts';
import { functions } from '#infra/system.ts';
import awsExample from '../fixtures/eventbridge-s3-object-created.json' with { type: 'json' };

const rule = functions
  .flatMap((spec) => spec.triggers)
  .find((t) => t.kind === 'event' && t.rule === 'photo-uploaded');
const pattern = rule?.kind === 'event' ? rule.pattern : {};

const notification = (eventName: string, key: string): S3rverEvent => ({
  Records: [
    {
      eventName,
      eventTime: '2023-09-01T01:02:03.456Z',
      s3: { bucket: { name: 'bayu-local-photos' }, object: { key, size: 70_000, eTag: 'abc123' } },
    },
  ],
});

const keysOf = (value: unknown): string[] =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v).map((inner) => `${k}.${inner}`)])
    : [];

describe('S3 object events on the local bus', () => {
  it('have the shape of the EventBridge "Object Created" event S3 sends', () => {
    const [event] = objectCreatedEvents(notification('ObjectCreated:Post', 'uploads/bayu-2023/reg_1/01J'));
    // The documented event also has version-id (versioned buckets) and sequencer; nothing here reads them.
    const documented = keysOf(awsExample).filter((k) => !/version-id|sequencer/.test(k));
    expect(keysOf(event).sort()).toEqual(documented.sort());
    expect(event).toMatchObject({
      source: 'aws.s3',
      'detail-type': 'Object Created',
      time: '2023-09-01T01:02:03Z',
      resources: ['arn:aws:s3:::bayu-local-photos'],
      detail: {
        bucket: { name: 'bayu-local-photos' },
        object: { key: 'uploads/bayu-2023/reg_1/01J', size: 70_000, etag: 'abc123' },
        reason: 'PostObject',
      },
    });
  });

  it('are made for created objects only', () => {
    expect(objectCreatedEvents(notification('ObjectRemoved:Delete', 'uploads/x'))).toEqual([]);
  });

  it('reach the photo checker for uploads/ keys only, as the documented event would', () => {
    const upload = (key: string) => ({
      ...awsExample,
      detail: { ...awsExample.detail, object: { ...awsExample.detail.object, key } },
    });
    expect(matchesPattern(pattern, upload('uploads/bayu-2023/reg_1/01J'))).toBe(true);
    expect(matchesPattern(pattern, upload('photos/bayu-2023/reg_1/01J.jpg'))).toBe(false);
    const [local] = objectCreatedEvents(notification('ObjectCreated:Post', 'uploads/bayu-2023/reg_1/01J'));
    expect(matchesPattern(pattern, local)).toBe(true);
  });

  it('are ignored by the photo function when they come from another bucket of the account', async () => {
    process.env.BUCKET_NAME = 'bayu-photos';
    // Not ignored, it would build its dependencies, and fail for want of a table name.
    delete process.env.TABLE_NAME;
    await expect(photoUploaded(awsExample as never)).resolves.toBeUndefined();
  });
});
