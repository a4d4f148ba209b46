/**
 * The per-connection trigger state (lib/core/triggerState.ts, docs/TRIGGERS.md §3), run through core's real
 * z.cache code against the emulated state service (TTL, scope ['auth'], nx), with a probe trigger whose records
 * live in this file: baseline, change detection, the shared event log, the lock, TTLs and the bounds.
 */
import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import {
  Deadline,
  EVENT_TTL_MS,
  LOG_WINDOW_MS,
  MAX_LOG_CHARS,
  MAX_LOG_EVENTS,
  MAX_SHARD_ENTRIES,
  OVERLAP_MS,
  SHARD_COUNT,
  pollEvents,
  type EventTrigger,
} from '../../../lib/core/triggerState';
import { createRuntime, type AppDefinition } from '../../../scripts/lib/runtime';
import { ZapierStateServer, type StepIdentity } from '../../../scripts/lib/zapierPlatform';

interface Probe {
  id: string;
  value: string;
  at: number;
}

const T0 = Date.UTC(2026, 10, 30, 12);
const MINUTE = 60_000;
let now = T0;
/** The probe's records (what "HighLevel" holds), and what each poll saw. */
let records = new Map<string, Probe>();
let reads: Array<{ since?: number; baseline?: boolean }> = [];
let states: Array<{ complete: boolean }> = [];
/** When set, readChanges stops after this many records (as a poll out of time would). */
let readLimit: number | undefined;

const spec = (trigger = 'probe'): EventTrigger<Probe, { id: string; value: string }> => ({
  trigger,
  inputs: { flavour: 'plain' },
  idOf: (record) => record.id,
  readBaseline: async () => {
    reads.push({ baseline: true });
    return {
      entries: [...records.values()].map((record) => ({ id: record.id, value: record.value })),
      complete: true,
      startedAt: Date.now(),
    };
  },
  readChanges: async (since) => {
    reads.push({ since });
    const changed = [...records.values()].filter((record) => record.at >= since).sort((a, b) => a.at - b.at);
    if (readLimit !== undefined && changed.length > readLimit) {
      const read = changed.slice(0, readLimit);
      return { records: read, readUntil: read[read.length - 1].at };
    }
    return { records: changed, readUntil: Date.now() };
  },
  compare: (record, previous, state) => {
    states.push({ complete: state.complete });
    if (previous === undefined || previous === record.value) return { value: record.value };
    return {
      value: record.value,
      event: { id: `${record.id}:${record.at}`, item: { id: record.id, value: record.value } },
    };
  },
});

/** The probe that says when each record changed (`timeOf`), so that a burst can spread over polls. */
const timedSpec = (): EventTrigger<Probe, { id: string; value: string }> => ({
  ...spec('timed'),
  timeOf: (record) => record.at,
});

const perform = async (z: ZObject, bundle: { inputData: { trigger?: string } }) => {
  const trigger = bundle.inputData.trigger === 'timed' ? timedSpec() : spec(bundle.inputData.trigger);
  const outcome = await pollEvents(z, trigger, new Deadline(25_000));
  return outcome.events.map((event) => ({ ...event.item, id: event.id, at: event.at }));
};

const app = {
  version: '1.0.0',
  platformVersion: '19.1.0',
  triggers: {
    probe: {
      key: 'probe',
      noun: 'Probe',
      display: { label: 'Probe', description: 'Triggers when a probe changes.' },
      operation: { type: 'polling', perform },
    },
  },
} as unknown as AppDefinition;

let server: ZapierStateServer;
const zap1: StepIdentity = { connectionId: 'conn-a', zapId: 'zap-1' };
const zap2: StepIdentity = { connectionId: 'conn-a', zapId: 'zap-2' };
const otherConnection: StepIdentity = { connectionId: 'conn-b', zapId: 'zap-3' };

const poll = (identity: StepIdentity, at = now, inputData: { trigger?: string } = {}) => {
  now = at;
  const runtime = createRuntime(app, { platform: { server, identity } });
  return runtime.call<Array<{ id: string; value: string; at: number }>>(
    'triggers.probe.operation.perform',
    runtime.bundle(inputData),
  );
};

const change = (id: string, value: string, at: number) => records.set(id, { id, value, at });

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  server = await ZapierStateServer.start({ now: () => now });
});
afterAll(() => server.stop());
beforeEach(() => {
  server.clear();
  now = T0;
  records = new Map([
    ['a', { id: 'a', value: 'A', at: T0 - 60 * MINUTE }],
    ['b', { id: 'b', value: 'B', at: T0 - 90 * MINUTE }],
  ]);
  reads = [];
  states = [];
  readLimit = undefined;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

describe('pollEvents', () => {
  it('builds the baseline on the first poll and fires nothing; a later change becomes one event', async () => {
    expect(await poll(zap1)).toEqual([]);
    change('a', 'A2', T0 + MINUTE);

    const events = await poll(zap1, T0 + 5 * MINUTE);

    expect(events).toEqual([{ id: `a:${T0 + MINUTE}`, value: 'A2', at: T0 + 5 * MINUTE }]);
    expect(reads).toEqual([{ baseline: true }, { since: T0 - OVERLAP_MS }]);
  });

  it('returns the event to every Zap of the connection, with the same id; other connections see nothing', async () => {
    await poll(zap1);
    change('a', 'A2', T0 + MINUTE);
    const first = await poll(zap1, T0 + 5 * MINUTE);

    const second = await poll(zap2, T0 + 7 * MINUTE);

    expect(second.map((event) => event.id)).toEqual(first.map((event) => event.id));
    expect(await poll(otherConnection, T0 + 8 * MINUTE)).toEqual([]);
  });

  it('reads each change again from the last check minus the overlap, without a second event', async () => {
    await poll(zap1);
    change('a', 'A2', T0 + 4 * MINUTE);
    await poll(zap1, T0 + 5 * MINUTE);

    const events = await poll(zap1, T0 + 6 * MINUTE);

    expect(events).toHaveLength(1);
    expect(reads[reads.length - 1]).toEqual({ since: T0 + 5 * MINUTE - OVERLAP_MS });
  });

  it('keeps a value changed and changed back as two events (A → B → A)', async () => {
    await poll(zap1);
    change('a', 'B', T0 + MINUTE);
    await poll(zap1, T0 + 5 * MINUTE);
    change('a', 'A', T0 + 6 * MINUTE);

    const events = await poll(zap1, T0 + 10 * MINUTE);

    expect(events.map((event) => event.id)).toEqual([`a:${T0 + 6 * MINUTE}`, `a:${T0 + MINUTE}`]);
  });

  it('lets two polls at once detect once: the second waits for the lock and finds nothing new', async () => {
    await poll(zap1);
    change('a', 'A2', T0 + MINUTE);
    now = T0 + 5 * MINUTE;

    const [one, two] = await Promise.all([poll(zap1, now), poll(zap2, now)]);

    expect(one.map((event) => event.id)).toEqual([`a:${T0 + MINUTE}`]);
    expect(two.map((event) => event.id)).toEqual([`a:${T0 + MINUTE}`]);
    expect(server.entries().filter((entry) => entry.key.endsWith(':lock'))).toEqual([]);
  });

  it('forgets events after EVENT_TTL_MS', async () => {
    await poll(zap1);
    change('a', 'A2', T0 + MINUTE);
    await poll(zap1, T0 + 5 * MINUTE);

    expect(await poll(zap1, T0 + 5 * MINUTE + EVENT_TTL_MS - MINUTE)).toHaveLength(1);
    expect(await poll(zap1, T0 + 5 * MINUTE + EVENT_TTL_MS + MINUTE)).toEqual([]);
  });

  it('rebuilds a lost state silently: a change it could not compare does not fire', async () => {
    await poll(zap1);
    server.clear();
    change('a', 'A2', T0 + MINUTE);

    expect(await poll(zap1, T0 + 5 * MINUTE)).toEqual([]);
    expect(reads.filter((read) => read.baseline)).toHaveLength(2);
  });

  it('goes on from where a poll out of time stopped', async () => {
    await poll(zap1);
    change('a', 'A2', T0 + MINUTE);
    change('b', 'B2', T0 + 2 * MINUTE);
    readLimit = 1;

    expect((await poll(zap1, T0 + 5 * MINUTE)).map((event) => event.id)).toEqual([`a:${T0 + MINUTE}`]);
    readLimit = undefined;
    const events = await poll(zap1, T0 + 10 * MINUTE);

    expect(reads[reads.length - 1]).toEqual({ since: T0 + MINUTE - OVERLAP_MS });
    expect(events.map((event) => event.id)).toEqual([`b:${T0 + 2 * MINUTE}`, `a:${T0 + MINUTE}`]);
  });

  it(`spreads a burst over polls: at most ${MAX_LOG_EVENTS} events logged per hour and returned per poll, none lost`, async () => {
    const timed = { trigger: 'timed' };
    for (let index = 0; index < 4_000; index += 1) change(`r${index}`, 'x', T0 - 120 * MINUTE);
    await poll(zap1, T0, timed);
    // A bulk update: all 4,000 change within a second.
    for (let index = 0; index < 4_000; index += 1) change(`r${index}`, 'y', T0 + MINUTE + (index % 1_000));

    const first = await poll(zap1, T0 + 5 * MINUTE, timed);
    expect(first).toHaveLength(MAX_LOG_EVENTS);
    const readsBefore = reads.length;
    // Within the hour the log is full: the rest waits, and nothing is even read.
    expect(await poll(zap2, T0 + 30 * MINUTE, timed)).toHaveLength(MAX_LOG_EVENTS);
    expect(reads).toHaveLength(readsBefore);
    const later = await poll(zap1, T0 + 5 * MINUTE + LOG_WINDOW_MS + MINUTE, timed);

    expect(later).toHaveLength(MAX_LOG_EVENTS);
    const fired = new Set([...first, ...later].map((event) => event.id));
    expect(fired.size).toBe(4_000);
    expect([...fired].every((id) => id.startsWith('r'))).toBe(true);
    // Caught up: a further poll detects nothing new.
    const after = await poll(zap1, T0 + 5 * MINUTE + LOG_WINDOW_MS + 10 * MINUTE, timed);
    expect(after.map((event) => event.id)).toEqual(later.map((event) => event.id));
  });

  it('spreads a burst of large records by size too: no answer past the response limit, none lost', async () => {
    const timed = { trigger: 'timed' };
    const large = (tag: string) => `${tag}${'z'.repeat(3_000)}`;
    for (let index = 0; index < 2_000; index += 1) change(`r${index}`, large('x'), T0 - 120 * MINUTE);
    await poll(zap1, T0, timed);
    for (let index = 0; index < 2_000; index += 1) change(`r${index}`, large('y'), T0 + MINUTE + index);

    const first = await poll(zap1, T0 + 5 * MINUTE, timed);
    // 2,000 events of ~3 KB: more than one answer may hold (core's RESPONSE_SIZE_LIMIT, 6 MiB of JSON text).
    expect(first.length).toBeLessThan(2_000);
    expect(JSON.stringify(first).length).toBeLessThanOrEqual(MAX_LOG_CHARS + 4_000);
    const later = await poll(zap1, T0 + 5 * MINUTE + LOG_WINDOW_MS + MINUTE, timed);

    expect(JSON.stringify(later).length).toBeLessThan(6_291_456);
    const fired = new Set([...first, ...later].map((event) => event.id));
    expect(fired.size).toBe(2_000);
  });

  it(`marks the baseline incomplete when a shard passes ${MAX_SHARD_ENTRIES} entries (the oldest are forgotten)`, async () => {
    for (let index = 0; index < SHARD_COUNT * MAX_SHARD_ENTRIES + 2_000; index += 1) {
      change(`r${index}`, 'x', T0 - 120 * MINUTE);
    }
    await poll(zap1);
    records = new Map([['r1', { id: 'r1', value: 'y', at: T0 + MINUTE }]]);

    await poll(zap1, T0 + 5 * MINUTE);

    expect(states).toEqual([{ complete: false }]);
  });
});
