/**
 * The deadline burst (`npm run bench`, or alone: `npx tsx test/bench/main.ts deadline-burst.bench.ts`): 300
 * units submit 1,000 entries in the last minute before machine vision closes, against the whole local stack
 * (gateway, handlers, DynamoDB Local, the stream, the bus, the consumers, the SES stand-in), each retried as a
 * real client does (the same Idempotency-Key, waiting out Retry-After on 429 and 503).
 *
 * Each unit sends its two machine-vision entries and one AI-trainer team; a hundred units also try a third
 * machine-vision entry, which its quota refuses. Arrivals thicken towards the deadline. Reported: accepted,
 * refused by code, lost (accepted but not stored: must be 0), over quota (must be 0), duplicates (must be 0),
 * p50/p99 latency, and RegistrationSubmitted events published against entries stored (must match). The exit
 * code is 1 when any of the musts fails.
 */
// Before the runtime's modules load: their loggers read the level once.
process.env.LOG_LEVEL ??= 'error';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { startLocalRuntime } = await import('#infra/local/runtime.ts');
const { unitDeps } = await import('#shared/composition.ts');
const { createUnit } = await import('#shared/use-cases/units.ts');
const { makeIdNumber } = await import('../support/id-numbers.ts');
const { person: validPerson } = await import('../support/local-api.ts');
const { submitWithRetries } = await import('../support/retrying-client.ts');
type Outcome = import('../support/retrying-client.ts').Outcome;

const UNITS = 300;
const THIRD_ENTRY_UNITS = 100;
const WINDOW_MS = 60_000;
/** Arrivals end this long before the deadline; retries may still run into it. */
const LAST_ARRIVAL_MS = 58_000;
const CLOSES_AT = Date.parse('2023-09-23T00:00:00+08:00');
const SETTLE_TIMEOUT_MS = 180_000;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN_FIRST = '子浩宇欣怡梓涵晨轩雨泽博文佳琪思远嘉俊安';
const GIVEN_SECOND = '明华强军伟芳敏静丽杰磊洋勇艳娟涛超秀霞平';

/** A distinct valid person per index: name, ID number and phone all unique (the test helper's repeat). */
function person(p: number) {
  const gender = p % 2 === 0 ? 'female' : 'male';
  const birthDate = new Date(Date.UTC(1985, 0, 1) + p * 86_400_000).toISOString().slice(0, 10);
  return validPerson({
    name: `${SURNAMES[p % 20]}${GIVEN_FIRST[Math.floor(p / 20) % 20]}${GIVEN_SECOND[Math.floor(p / 400) % 20]}`,
    gender,
    idNumber: makeIdNumber({ region: '500106', birthDate, sequence: p % 100, gender }),
    phone: `139${String(20_000_000 + p).slice(-8)}`,
  });
}

interface Planned {
  unit: number;
  body: unknown;
  /** Milliseconds after the start of the last minute. */
  arrivalMs: number;
}

function plan(): Planned[] {
  let people = 0;
  const leader = (u: number) => ({
    name: `${SURNAMES[u % 20]}领队`,
    phone: `137${String(30_000_000 + u).slice(-8)}`,
  });
  const machineVision = (u: number) => ({
    trackId: 'machine-vision',
    groupId: 'open',
    leader: leader(u),
    contestants: [person(people++)],
  });
  const entries: Omit<Planned, 'arrivalMs'>[] = [];
  for (let u = 0; u < UNITS; u++) {
    entries.push({ unit: u, body: machineVision(u) }, { unit: u, body: machineVision(u) });
    entries.push({
      unit: u,
      body: {
        trackId: 'ai-trainer',
        groupId: 'employee',
        leader: leader(u),
        contestants: [person(people++), person(people++)],
      },
    });
    if (u < THIRD_ENTRY_UNITS) entries.push({ unit: u, body: machineVision(u) });
  }
  // Arrival density grows towards the deadline (the square root of a uniform draw), in random order.
  return entries
    .map((e) => ({ ...e, arrivalMs: LAST_ARRIVAL_MS * Math.sqrt(Math.random()) }))
    .sort((a, b) => a.arrivalMs - b.arrivalMs);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

interface StoredEntry {
  registrationId: string;
  unitId: string;
  trackId: string;
  groupId: string;
  status: string;
  contestants: { name: string }[];
}

const runtime = await startLocalRuntime({ clockStart: new Date(CLOSES_AT - 15 * 60_000).toISOString() });
try {
  const submittedEvents: string[] = [];
  runtime.bus.onPublished((event) => {
    if (event['detail-type'] === 'RegistrationSubmitted') {
      submittedEvents.push((event.detail as { data: { registrationId: string } }).data.registrationId);
    }
  });

  // The units exist before the rush (the secretariat created them over weeks): made through the use case.
  const units: { unitId: string; token: string }[] = [];
  for (let u = 0; u < UNITS; u += 25) {
    const batch = Array.from({ length: Math.min(25, UNITS - u) }, (_, i) =>
      createUnit(
        unitDeps(),
        { role: 'secretariat', accountId: 'acct_bench', name: '压测委员', admin: false, keyId: 'key_bench' },
        {
          name: `重庆压测单位${u + i}${(u + i) % 2 ? '学院' : '公司'}`,
          kind: (u + i) % 2 ? 'school' : 'enterprise',
          contact: { name: '李明', phone: '13900001111', email: `unit${u + i}@example.cn` },
        },
      ),
    );
    for (const { unit, token } of await Promise.all(batch)) units.push({ unitId: unit.unitId, token });
  }

  const planned = plan();
  runtime.setClock(CLOSES_AT - WINDOW_MS);
  const started = performance.now();
  let answered = 0;
  const progress = setInterval(() => {
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.error(
      `  ${seconds} s: ${answered} submissions answered, ${submittedEvents.length} events published`,
    );
  }, 10_000);
  const outcomes: Outcome[] = await Promise.all(
    planned.map(async (entry, i) => {
      await sleep(entry.arrivalMs - (performance.now() - started));
      const outcome = await submitWithRetries(
        runtime.baseUrl,
        { token: units[entry.unit]!.token, body: entry.body, idempotencyKey: `burst-${i}` },
        { maxAttempts: 8 },
      );
      answered += 1;
      return outcome;
    }),
  );
  const burstSeconds = (performance.now() - started) / 1000;

  // Read every stored entry as the secretariat, page by page.
  const stored: StoredEntry[] = [];
  const read = async (path: string) => {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${runtime.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${runtime.secretariatToken}` },
      });
      if (response.status === 200)
        return (await response.json()) as { items: StoredEntry[]; cursor?: string };
      if (attempt > 10) throw new Error(`${path} answered ${response.status}`);
      await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
    }
  };
  let cursor: string | undefined;
  do {
    const page = await read(
      `/v1/competitions/bayu-2023/registrations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    stored.push(...page.items);
    cursor = page.cursor;
  } while (cursor);

  // Every stored entry's event reaches the bus once the stream has been read to its end.
  const settleStarted = performance.now();
  while (
    new Set(submittedEvents).size < stored.length &&
    performance.now() - settleStarted < SETTLE_TIMEOUT_MS
  ) {
    await sleep(200);
  }
  clearInterval(progress);

  const accepted = outcomes.filter((o) => o.status === 201).map((o) => o.registrationId!);
  const storedIds = new Set(stored.map((s) => s.registrationId));
  const lost = accepted.filter((id) => !storedIds.has(id)).length;
  const unacknowledged = stored.filter((s) => !accepted.includes(s.registrationId)).length;
  const overQuota = [...countBy(stored, (s) => `${s.unitId}/${s.trackId}/${s.groupId}`).values()].filter(
    (n) => n > 2,
  ).length;
  const duplicates = [
    ...countBy(
      stored.flatMap((s) => s.contestants.map((c) => ({ trackId: s.trackId, name: c.name }))),
      (c) => `${c.trackId}/${c.name}`,
    ).values(),
  ].reduce((sum, n) => sum + (n - 1), 0);
  const refused = countBy(
    outcomes.filter((o) => o.status !== 201),
    (o) => o.code ?? `HTTP ${o.status}`,
  );
  const answers = outcomes.flatMap((o) => o.answers);
  const retried = countBy(
    answers.filter((a) => a.status === 429 || a.status === 503),
    (a) => a.code ?? String(a.status),
  );
  const latencies = outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
  const eventsPublished = submittedEvents.length;
  const eventsDistinct = new Set(submittedEvents).size;
  const serverErrors = answers.filter((a) => a.status >= 500 && a.status !== 503).length;

  const line = (label: string, value: string | number) => console.log(`  ${label.padEnd(34)} ${value}`);
  console.log('\nDeadline burst: 300 units, 1,000 entries in the last minute before machine vision closes');
  line('submissions (units)', `${outcomes.length} (${UNITS})`);
  line('burst took', `${burstSeconds.toFixed(1)} s (arrivals over ${LAST_ARRIVAL_MS / 1000} s)`);
  line('accepted (201)', accepted.length);
  line('refused, by code', [...refused].map(([code, n]) => `${code} ${n}`).join(', ') || 'none');
  line('retried answers (429/503)', [...retried].map(([code, n]) => `${code} ${n}`).join(', ') || 'none');
  line('server errors (5xx but 503)', serverErrors);
  line('stored entries', stored.length);
  line('lost (accepted, not stored)', lost);
  line('stored, never acknowledged', unacknowledged);
  line('over quota (slots above 2)', overQuota);
  line('duplicates (same person twice)', duplicates);
  line(
    'latency p50 / p99 / max',
    `${[50, 99, 100].map((p) => (percentile(latencies, p) / 1000).toFixed(2)).join(' / ')} s`,
  );
  line(
    'RegistrationSubmitted published',
    `${eventsPublished} (${eventsDistinct} distinct) for ${stored.length} stored`,
  );
  const ok =
    lost === 0 &&
    overQuota === 0 &&
    duplicates === 0 &&
    unacknowledged === 0 &&
    serverErrors === 0 &&
    eventsDistinct === stored.length &&
    eventsPublished === eventsDistinct;
  line('verdict', ok ? 'ok' : 'FAILED');
  process.exitCode = ok ? 0 : 1;
} finally {
  await runtime.stop();
}
