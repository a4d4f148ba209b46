/**
 * What should fire, and how what fired compares with it (docs/TRIGGERS.md §5).
 *
 * A TriggerTruth turns the sandbox's journal (what happened) into the events a Zap must fire, as Zapier polling
 * can observe them: a change undone before any poll of the Zaps sharing the trigger's state saw it cannot fire,
 * so truths collapse each record's changes between two consecutive observations into their net effect
 * (`collapse`). Expected events are `must` (missing one is a miss) or `may` (the trigger's documented rule lets
 * it not fire, e.g. the first change of a contact the trigger had never seen; measured, not counted as missed).
 *
 * The comparator matches each fired item (by the truth's key, e.g. the contact id) with the latest unmatched
 * expected event of that key that happened before the poll: a fired item with none is a duplicate when that key
 * already fired for an earlier event, else a false fire; an unmatched `must` event before the Zap's last
 * successful poll is a miss.
 *
 * Registry: other files add their triggers (`registerTruth`) and scenarios (`registerScenario`); the bench section
 * and the jest subset run whatever is registered.
 */
import type { JournalEvent } from '../../../sandbox/journal';
import { World, type Item, type Period, type PollRecord, type Zap } from './world';

export interface ExpectedEvent {
  /** Matches `TriggerTruth.keyOf(item)` of the item that should fire. */
  key: string;
  /** When it happened (the last change of the collapsed group). */
  at: number;
  must: boolean;
  /** A short description for reports. */
  what: string;
}

export interface TruthContext {
  world: World;
  zap: Zap;
  journal: readonly JournalEvent[];
  /** Start times of the successful polls (turn-on included) of every Zap sharing this Zap's state, ascending. */
  observations: number[];
  /** What `capture` returned at each of this state's turn-ons (all sharing Zaps), oldest first. */
  captures: Array<{ at: number; value: unknown }>;
}

export interface TriggerTruth {
  trigger: string;
  /** The key of a fired item, e.g. its contact id. */
  keyOf(item: Item): string;
  expected(context: TruthContext): ExpectedEvent[];
  /** Called just before a turn-on poll: what the truth needs to know about the world at that moment. */
  capture?(world: World, zap: Zap): unknown;
  /**
   * Whether Zaps with the same trigger and inputs on one connection share state (then every poll of any of them
   * is an observation for all). Default true; a stateless trigger observes only through its own polls.
   */
  sharesState?(zap: Zap): boolean;
}

export interface Scenario {
  name: string;
  /** Part of the fast subset that `npm test` runs. */
  fast?: boolean;
  /** Contacts seeded before the timeline (default 200). */
  seed?: number;
  /** Sets up Zaps and plays the timeline; the runner then settles and compares. */
  run(world: World): Promise<void>;
}

const truths = new Map<string, TriggerTruth>();
const scenarios: Scenario[] = [];

export const registerTruth = (truth: TriggerTruth): void => {
  truths.set(truth.trigger, truth);
};
export const truthOf = (trigger: string): TriggerTruth | undefined => truths.get(trigger);
export const registerScenario = (scenario: Scenario): void => {
  if (scenarios.some((existing) => existing.name === scenario.name))
    throw new Error(`Duplicate scenario ${scenario.name}`);
  scenarios.push(scenario);
};
export const registeredScenarios = (): readonly Scenario[] => scenarios;

// ---------------------------------------------------------------------------------------------------------
// Helpers for truths

/** The index of the first observation at or after `at` (undefined: not observed yet). */
export const observationIndex = (observations: readonly number[], at: number): number | undefined => {
  let lo = 0;
  let hi = observations.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (observations[mid] >= at) hi = mid;
    else lo = mid + 1;
  }
  return lo < observations.length ? lo : undefined;
};

/**
 * Groups events by key and by the observation that first saw them; `net` decides whether a group is an
 * observable event (e.g. the tag is present at the end and was absent before). Groups after the last
 * observation are left out (nothing has looked yet).
 */
export const collapse = <E extends { at: number }>(
  events: readonly E[],
  observations: readonly number[],
  keyOf: (event: E) => string,
): Array<{ key: string; observation: number; events: E[] }> => {
  const groups = new Map<string, { key: string; observation: number; events: E[] }>();
  for (const event of events) {
    const observation = observationIndex(observations, event.at);
    if (observation === undefined) continue;
    const key = keyOf(event);
    const id = `${key}\u0000${observation}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, observation, events: [] }));
    group.events.push(event);
  }
  return [...groups.values()].sort((a, b) => a.observation - b.observation);
};

export const inPeriods = (periods: readonly Period[], at: number): boolean =>
  periods.some((period) => at >= period.from && (period.to === undefined || at < period.to));

// ---------------------------------------------------------------------------------------------------------
// Comparison

export interface ZapResult {
  scenario: string;
  zapId: string;
  trigger: string;
  expected: number;
  /** `may` events (the trigger's rule allows them not to fire) and how many of them fired. */
  mayExpected: number;
  mayFired: number;
  fired: number;
  falseFires: number;
  missed: number;
  duplicates: number;
  held: number;
  failedPolls: number;
  /** Requests of each successful live poll. */
  requestsPerPoll: number[];
  maxPollMs: number;
  details: string[];
}

const shareKeyOf = (zap: Zap) => zap.shareKey;

export const compareZap = (world: World, zap: Zap, scenario: string): ZapResult => {
  const truth = truthOf(zap.config.trigger);
  if (!truth) throw new Error(`No truth registered for trigger ${zap.config.trigger}`);
  const shares = truth.sharesState?.(zap) ?? true;
  const sharing = shares ? world.zaps.filter((other) => shareKeyOf(other) === shareKeyOf(zap)) : [zap];
  const observations = sharing
    .flatMap((other) => other.records)
    .filter((record) => record.ok)
    .map((record) => record.at)
    .sort((a, b) => a - b);
  const captures = sharing
    .flatMap((other) => world.captures.get(other.config.id) ?? [])
    .map((value) => value as { at: number; value: unknown })
    .sort((a, b) => a.at - b.at);
  const expected = truth
    .expected({ world, zap, journal: world.sandbox.journal.events, observations, captures })
    .filter((event) => inPeriods(zap.periods, event.at))
    .sort((a, b) => a.at - b.at);

  const matched = new Set<ExpectedEvent>();
  const firedKeys = new Set<string>();
  const details: string[] = [];
  let falseFires = 0;
  let duplicates = 0;
  let mayFired = 0;
  const polls = zap.records.filter((record): record is PollRecord => record.kind === 'poll');
  for (const poll of polls) {
    for (const item of poll.fired) {
      const key = truth.keyOf(item);
      // A fire shows the record as the poll found it: it stands for the latest unmatched event before the poll
      // (an earlier event it skipped stays unmatched, i.e. missed).
      const candidate = expected.findLast(
        (event) => event.key === key && event.at <= poll.at && !matched.has(event),
      );
      if (candidate) {
        matched.add(candidate);
        if (!candidate.must) mayFired += 1;
      } else if (firedKeys.has(key)) {
        duplicates += 1;
        if (details.length < 20) details.push(`duplicate: ${key} (${String(item.id)}) at ${iso(poll.at)}`);
      } else {
        falseFires += 1;
        if (details.length < 20) details.push(`false fire: ${key} (${String(item.id)}) at ${iso(poll.at)}`);
      }
      firedKeys.add(key);
    }
  }
  const lastOk = Math.max(-Infinity, ...zap.records.filter((record) => record.ok).map((record) => record.at));
  // An event can only fire if the Zap polled successfully after it while still on (same period): a Zap turned
  // off before its next poll never sees it, and turning it on again puts it in the dedupe list.
  const periodOf = (at: number) =>
    zap.periods.find((period) => at >= period.from && (period.to === undefined || at < period.to));
  const okPolls = zap.records
    .filter((record) => record.ok && record.kind === 'poll')
    .map((record) => record.at);
  const polledAfter = (event: ExpectedEvent) => {
    const period = periodOf(event.at);
    return okPolls.some((at) => at >= event.at && (period?.to === undefined || at < period.to));
  };
  let missed = 0;
  for (const event of expected) {
    if (!event.must || matched.has(event) || event.at > lastOk || !polledAfter(event)) continue;
    missed += 1;
    if (details.length < 20) details.push(`missed: ${event.what} (${event.key}) at ${iso(event.at)}`);
  }
  const live = polls.filter((record) => record.ok);
  return {
    scenario,
    zapId: zap.config.id,
    trigger: zap.config.trigger,
    expected: expected.filter((event) => event.must && polledAfter(event)).length,
    mayExpected: expected.filter((event) => !event.must && polledAfter(event)).length,
    mayFired,
    fired: polls.reduce((sum, poll) => sum + poll.fired.length, 0),
    falseFires,
    missed,
    duplicates,
    held: polls.reduce((sum, poll) => sum + poll.held, 0),
    failedPolls: polls.filter((poll) => !poll.ok).length,
    requestsPerPoll: live.map((poll) => poll.requests),
    maxPollMs: Math.max(0, ...zap.records.map((record) => record.ms)),
    details,
  };
};

const iso = (at: number) => new Date(at).toISOString();

// ---------------------------------------------------------------------------------------------------------
// Running scenarios

export interface RunOptions {
  app: import('../runtime').AppDefinition;
  /** Only these scenarios (by name); default all registered. */
  only?: (scenario: Scenario) => boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** Runs each scenario in a fresh world, settles every Zap, and compares. */
export const runScenarios = async (options: RunOptions): Promise<ZapResult[]> => {
  const results: ZapResult[] = [];
  for (const scenario of registeredScenarios().filter(options.only ?? (() => true))) {
    const started = performance.now();
    const world = await World.start({ app: options.app, seed: scenario.seed ?? 200 });
    world.onTurnOn = (zap) => {
      const capture = truthOf(zap.config.trigger)?.capture;
      if (!capture) return;
      const list = world.captures.get(zap.config.id) ?? [];
      list.push({ at: world.clock.now(), value: capture(world, zap) });
      world.captures.set(zap.config.id, list);
    };
    try {
      await scenario.run(world);
      await world.settle();
      for (const zap of world.zaps) results.push(compareZap(world, zap, scenario.name));
    } finally {
      await world.stop();
    }
    options.log?.(`${scenario.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return results;
};
