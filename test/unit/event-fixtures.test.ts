/**
 * Events outlive the code that sent them: the archive replays them for 400 days, and a consumer may run a release
 * behind its producer. Each contract version has a fixture here, as EventBridge delivers it, and every fixture
 * (old versions and archived shapes included) must still parse with its contract's consumer schema. Fixtures are
 * named `<detail-type>.v<version>[.<what is special>].json`; the contracts are found by reading events/, so a new
 * contract or a new version without its fixture fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEvent, EVENT_SOURCE, type EventContract } from '#events/contract.ts';

type Contract = EventContract<string, never>;
interface Envelope {
  'detail-type': string;
  source: string;
  detail: { metadata: { version: number } & Record<string, unknown>; data: unknown } & Record<
    string,
    unknown
  >;
}

const root = join(import.meta.dirname, '../..');
const fixtureDir = join(root, 'test/fixtures/events');

const isContract = (value: unknown): value is Contract =>
  typeof value === 'object' && value !== null && 'detailType' in value && 'producerSchema' in value;

const contracts: Contract[] = (
  await Promise.all(
    readdirSync(join(root, 'events'))
      .filter((file) => file.endsWith('.ts'))
      .map(async (file) => Object.values(await import(join(root, 'events', file))).filter(isContract)),
  )
).flat();
const contractOf = new Map(contracts.map((c) => [c.detailType, c]));

const FIXTURE_NAME = /^(?<type>[A-Za-z]+)\.v(?<version>\d+)(?:\.(?<variant>[a-z-]+))?\.json$/;
const fixtures = readdirSync(fixtureDir).map((file) => {
  const groups = FIXTURE_NAME.exec(file)?.groups;
  const event = JSON.parse(readFileSync(join(fixtureDir, file), 'utf8')) as Envelope;
  return { file, type: groups?.type, version: Number(groups?.version), variant: groups?.variant, event };
});
const current = (c: Contract) => fixtures.find((f) => f.file === `${c.detailType}.v${c.version}.json`);

/** A copy with `key: value` added to every object in it, however deep. */
function withKeyEverywhere(value: unknown, key: string, added: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => withKeyEverywhere(v, key, added));
  if (typeof value !== 'object' || value === null) return value;
  const copy = Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, withKeyEverywhere(v, key, added)]),
  );
  return { ...copy, [key]: added };
}

describe('event contracts and their fixtures', () => {
  it('finds every contract, each detail-type once', () => {
    expect(contracts.length).toBeGreaterThanOrEqual(13);
    expect(contractOf.size).toBe(contracts.length);
  });

  it.each(contracts.map((c) => [`${c.detailType} v${c.version}`, c] as const))(
    '%s has a fixture of its current version',
    (_, contract) => {
      expect(existsSync(join(fixtureDir, `${contract.detailType}.v${contract.version}.json`))).toBe(true);
    },
  );

  it.each(fixtures.map((f) => [f.file, f] as const))(
    '%s still parses with its contract’s consumer schema',
    (file, { type, version, event }) => {
      expect(file).toMatch(FIXTURE_NAME);
      const contract = contractOf.get(type ?? '');
      expect(contract, `${file} names no contract`).toBeDefined();
      expect(event.source).toBe(EVENT_SOURCE);
      expect(event['detail-type']).toBe(type);
      expect(event.detail.metadata.version).toBe(version);
      expect(version).toBeLessThanOrEqual(contract!.version);
      const parsed = contract!.detailSchema.safeParse(event.detail);
      expect(parsed.error?.issues).toBeUndefined();
    },
  );

  it.each(contracts.map((c) => [c.detailType, c] as const))(
    '%s: the current fixture is exactly what a producer builds today',
    (_, contract) => {
      const { metadata, data } = current(contract)!.event.detail;
      const { version: _version, ...rest } = metadata;
      const built = buildEvent(contract, data as never, rest as never);
      expect(built.detail).toEqual({ metadata, data });
      expect(built.detailType).toBe(contract.detailType);
    },
  );

  it.each(contracts.map((c) => [c.detailType, c] as const))(
    '%s reads from a newer producer: a higher version and unknown keys in every object, dropped',
    (_, contract) => {
      const { detail } = current(contract)!.event;
      const newer = withKeyEverywhere(
        { ...detail, metadata: { ...detail.metadata, version: contract.version + 1 } },
        'addedLater',
        { nested: ['value'] },
      );
      expect(contract.detailSchema.parse(newer)).toEqual({
        ...contract.detailSchema.parse(detail),
        metadata: { ...detail.metadata, version: contract.version + 1 },
      });
      expect(contract.producerSchema.safeParse(newer).success).toBe(false);
    },
  );
});

describe('a consumer’s leniency', () => {
  const { event } = fixtures.find((f) => f.file === 'RegistrationSubmitted.v1.unknown-fields.json')!;
  const contract = contractOf.get('RegistrationSubmitted')!;

  it('keeps the fields it knows and drops the rest', () => {
    const { trace: _trace, metadata: sentMetadata, data: sentData } = event.detail;
    const { producer: _producer, ...metadata } = sentMetadata;
    const { submittedVia: _via, ...data } = sentData as Record<string, unknown>;
    expect(contract.detailSchema.parse(event.detail)).toEqual({ metadata, data });
  });

  it('still refuses a known field that is malformed or missing', () => {
    const { data } = event.detail as { data: Record<string, unknown> };
    for (const broken of [
      { ...data, registrationId: '' },
      { ...data, entryVersion: undefined },
    ]) {
      expect(contract.detailSchema.safeParse({ ...event.detail, data: broken }).success).toBe(false);
    }
  });

  it('is the consumer’s only: a producer cannot send a field the contract does not name', () => {
    const { metadata, data } = current(contract)!.event.detail;
    const { version: _version, ...rest } = metadata;
    expect(() =>
      buildEvent(contract, { ...(data as object), submittedVia: 'api' } as never, rest as never),
    ).toThrow(/Unrecognized key/);
  });
});
