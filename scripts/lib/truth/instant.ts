/**
 * The truth simulator's instant scenarios (docs/HOOKS.md §4): real events in the sandbox, its webhooks through
 * the real relay process, the app's hook triggers run by the emulated Zapier, and a comparison of what each Zap
 * fired with what the sandbox's journal says happened while it was on.
 *
 * Each turned-on Zap expects one fire per journaled event its trigger's rule covers (the journal's own events:
 * a contact created, a tag added, a task completed, …), keyed as the trigger's output names the record
 * (`contactId`, `contactId|tag`, `taskId`, …). After the timeline the runner waits until the sandbox has nothing
 * left to send and the hooks have been quiet for a while, then counts per Zap and key:
 * - **missed**: expected more times than fired; **duplicate**: fired more times than expected (of those,
 *   `sameId` re-used a delivery id: the relay's at-least-once redelivery); **false**: fired for a key that was
 *   never expected;
 * - a Zap turned off must fire nothing for events after it, and its hook URL must receive nothing after the
 *   first 410 it answered.
 */
import type { JournalEvent } from '../../../sandbox/journal';
import type { SandboxOptions } from '../../../sandbox/server';
import { nativeFetch } from '../nativeFetch';
import { startInstant, type Instant } from '../instant';
import type { AppDefinition } from '../runtime';
import type { HookFire, HookZap } from '../zapierHooks';

type Item = Record<string, unknown>;
const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

interface Rule {
  /** The key an event must fire with, or undefined when the trigger does not cover it. */
  expect(event: JournalEvent, inputData: Item): string | undefined;
  keyOf(item: Item): string;
}

const tagKey = (contactId: string, tag: string): string => `${contactId}|${tag.toLowerCase()}`;
const tagFilter = (inputData: Item, tag: string): boolean =>
  !inputData.tag || str(inputData.tag).toLowerCase() === tag.toLowerCase();

/** What each instant trigger fires for, from the journal (docs/RELAY_CONTRACT.md §5, docs/HOOKS.md §4). */
export const INSTANT_RULES: Record<string, Rule> = {
  new_contact_instant: {
    expect: (event) => (event.type === 'contact.created' ? event.contactId : undefined),
    keyOf: (item) => str(item.contactId),
  },
  contact_tag_added_instant: {
    expect: (event, input) =>
      event.type === 'contact.tagAdded' && tagFilter(input, event.tag)
        ? tagKey(event.contactId, event.tag)
        : undefined,
    keyOf: (item) => tagKey(str(item.contactId), str(item.tag)),
  },
  contact_tag_removed: {
    expect: (event, input) =>
      event.type === 'contact.tagRemoved' && tagFilter(input, event.tag)
        ? tagKey(event.contactId, event.tag)
        : undefined,
    keyOf: (item) => tagKey(str(item.contactId), str(item.tag)),
  },
  updated_contact_instant: {
    // Scenarios give these Zaps writes that change fields or tags, not both at once (one webhook per write).
    expect: (event) => (event.type === 'contact.updated' ? event.contactId : undefined),
    keyOf: (item) => str(item.contactId),
  },
  contact_deleted: {
    expect: (event) => (event.type === 'contact.deleted' ? event.contactId : undefined),
    keyOf: (item) => str(item.contactId),
  },
  new_task_instant: {
    expect: (event) => (event.type === 'task.created' ? event.taskId : undefined),
    keyOf: (item) => str(item.taskId),
  },
  task_completed_instant: {
    expect: (event) => (event.type === 'task.completed' ? event.taskId : undefined),
    keyOf: (item) => str(item.taskId),
  },
  new_note_instant: {
    expect: (event) => (event.type === 'note.created' ? event.noteId : undefined),
    keyOf: (item) => str(item.noteId),
  },
  new_appointment_instant: {
    expect: (event) => (event.type === 'appointment.created' ? event.appointmentId : undefined),
    keyOf: (item) => str(item.appointmentId),
  },
};

interface ZapRecord {
  zap: HookZap;
  inputData: Item;
  /** Journal positions [from, to) the Zap was on for. */
  from: number;
  to?: number;
  /** Real time it was turned off (for "nothing after the 410"). */
  offAt?: number;
}

/** What a scenario's timeline gets: the rig and Zaps to turn on and off. */
export class InstantWorld {
  readonly zaps = new Map<string, ZapRecord>();
  relayRestarts = 0;

  constructor(readonly rig: Instant) {}

  get sandbox(): Instant['sandbox'] {
    return this.rig.sandbox;
  }

  async turnOn(id: string, trigger: string, inputData: Item = {}): Promise<HookZap> {
    if (!INSTANT_RULES[trigger]) throw new Error(`No instant rule for ${trigger}.`);
    const zap = await this.rig.zapier.turnOn({ trigger, inputData, zapId: id });
    this.zaps.set(id, { zap, inputData, from: this.sandbox.journal.events.length });
    return zap;
  }

  /**
   * Turns a Zap off. `unsubscribe: false` plays a Zap whose `performUnsubscribe` never reached the relay: its
   * hook URL answers 410, which must end the relay's subscription.
   */
  async turnOff(id: string, options: { unsubscribe?: boolean } = {}): Promise<void> {
    const record = this.zaps.get(id);
    if (!record) throw new Error(`No Zap ${id}.`);
    record.to = this.sandbox.journal.events.length;
    record.offAt = Date.now();
    await this.rig.zapier.turnOff(record.zap, { unsubscribe: options.unsubscribe !== false });
  }

  /**
   * Waits (up to `timeoutMs`) until every Zap that is on has fired for everything journaled so far: a scenario
   * calls it before turning a Zap off, so that "while it was on" means delivered while it was on.
   */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    const on = [...this.zaps.values()].filter((record) => record.to === undefined);
    await this.rig.zapier
      .waitFor(
        () =>
          on.every(
            (record) => this.rig.zapier.firesOf(record.zap.id).length >= compare(this, record).expected,
          ),
        timeoutMs,
      )
      .catch(() => undefined);
  }

  async restartRelay(): Promise<void> {
    await this.rig.restartRelay();
    this.relayRestarts += 1;
  }
}

export interface InstantScenario {
  name: string;
  /** Part of the fast subset that `npm test` runs. */
  fast?: boolean;
  /** Sandbox options (webhook duplicates, reordering, retries …). */
  sandbox?: Omit<SandboxOptions, 'port' | 'webhookUrl'>;
  run(world: InstantWorld): Promise<void>;
}

export interface ZapOutcome {
  zapId: string;
  trigger: string;
  expected: number;
  fired: number;
  missed: number;
  duplicate: number;
  /** Of the duplicates, fires that re-used a delivery id already fired. */
  sameId: number;
  false: number;
  /**
   * POSTs its hook URL received more than GONE_GRACE_MS after the first 410 it answered (the ones sent before
   * the sender read that 410, already in flight, are not counted).
   */
  afterGone: number;
  /** Fires of events after the Zap was turned off. */
  afterOff: number;
  /** Deliveries its hook accepted (200), and of those, the ones `perform` turned into no item. */
  delivered: number;
  empty: number;
}

export interface InstantOutcome {
  scenario: string;
  zaps: ZapOutcome[];
  /** Journal events of the timeline, and webhooks the sandbox generated / attempts it made / gave up. */
  events: number;
  webhooks: number;
  webhookAttempts: number;
  webhooksFailed: number;
  /** Webhooks the sandbox still had to send when the wait ended (a stall, not a loss). */
  webhooksPending: number;
  relayRestarts: number;
  /** Real ms from the first write to the last fire. */
  ms: number;
  totals: {
    expected: number;
    fired: number;
    missed: number;
    duplicate: number;
    false: number;
    afterGone: number;
  };
  /** `perform` errors (the fire is lost: Zapier does not retry a hook whose run failed), by message. */
  performErrors: Record<string, number>;
  ok: boolean;
}

/** Deliveries already in flight when the first 410 is answered may still arrive within this (docs/HOOKS.md §4). */
export const GONE_GRACE_MS = 3_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the sandbox has nothing to send, every Zap has its due, and the hooks have been quiet `quietMs`;
 * gives up after `stallMs` without any new hook request (or after 15 minutes in all).
 */
const settle = async (world: InstantWorld, due: Map<string, number>, stallMs: number, quietMs: number) => {
  const { sandbox, zapier } = world.rig;
  const cap = Date.now() + 15 * 60_000;
  let lastCount = -1;
  let lastAttempts = -1;
  let quietSince = Date.now();
  let progressAt = Date.now();
  for (;;) {
    await zapier.idle();
    const count = zapier.requests.length;
    const attempts = sandbox.webhooks.attempts.length;
    if (count !== lastCount || attempts !== lastAttempts) progressAt = Date.now();
    if (count !== lastCount) quietSince = Date.now();
    lastCount = count;
    lastAttempts = attempts;
    const complete = [...due].every(([zapId, expected]) => zapier.firesOf(zapId).length >= expected);
    const quiet = Date.now() - quietSince >= quietMs;
    if (sandbox.webhooks.pending() === 0 && complete && quiet) return;
    if (Date.now() - progressAt > stallMs || Date.now() > cap) return;
    await sleep(25);
  }
};

const compare = (world: InstantWorld, record: ZapRecord): ZapOutcome => {
  const { zapier, sandbox } = world.rig;
  const rule = INSTANT_RULES[record.zap.trigger];
  const events = sandbox.journal.events;
  const expected = new Map<string, number>();
  const afterOffKeys = new Set<string>();
  for (const event of events) {
    const key = rule.expect(event, record.inputData);
    if (key === undefined) continue;
    const during = event.seq >= record.from && (record.to === undefined || event.seq < record.to);
    if (during) expected.set(key, (expected.get(key) ?? 0) + 1);
    else if (event.seq >= (record.to ?? Infinity)) afterOffKeys.add(key);
  }
  const fires: HookFire[] = zapier.firesOf(record.zap.id);
  const firedByKey = new Map<string, number>();
  const ids = new Set<string>();
  let sameId = 0;
  for (const fire of fires) {
    const key = rule.keyOf(fire.item);
    firedByKey.set(key, (firedByKey.get(key) ?? 0) + 1);
    if (ids.has(fire.id)) sameId += 1;
    ids.add(fire.id);
  }
  let missed = 0;
  let duplicate = 0;
  let falseFires = 0;
  let afterOff = 0;
  for (const [key, count] of expected) missed += Math.max(0, count - (firedByKey.get(key) ?? 0));
  for (const [key, count] of firedByKey) {
    const due = expected.get(key);
    if (due === undefined) {
      falseFires += count;
      if (afterOffKeys.has(key)) afterOff += count;
    } else duplicate += Math.max(0, count - due);
  }
  const requests = zapier.requests.filter((request) => request.zapId === record.zap.id);
  const firstGone = requests.find((request) => request.status === 410);
  const afterGone = firstGone
    ? requests.filter((request) => request.receivedAt > firstGone.receivedAt + GONE_GRACE_MS).length
    : 0;
  return {
    zapId: record.zap.id,
    trigger: record.zap.trigger,
    expected: [...expected.values()].reduce((sum, count) => sum + count, 0),
    fired: fires.length,
    missed,
    duplicate,
    sameId,
    false: falseFires,
    afterGone,
    afterOff,
    delivered: requests.filter((request) => request.status === 200).length,
    empty: requests.filter((request) => request.items === 0).length,
  };
};

export interface RunInstantOptions {
  loadApp: () => AppDefinition;
  /** After the timeline, how long to wait without progress (no hook request, no webhook attempt). Default 60 s. */
  settleTimeoutMs?: number;
  /** Quiet time that ends the wait (duplicates would arrive within it). Default 1,500 ms. */
  quietMs?: number;
}

/** Runs one scenario on a fresh rig and compares. */
export const runInstantScenario = async (
  scenario: InstantScenario,
  options: RunInstantOptions,
): Promise<InstantOutcome> => {
  const rig = await startInstant({
    loadApp: options.loadApp,
    sandbox: {
      // The rig reads each contact once per event; HighLevel's 100 per 10 s would throttle a 5,000-contact
      // import (a real limit the docs discuss, docs/HOOKS.md §4), which is not what these scenarios measure.
      rateLimit: { max: 10_000_000, intervalMs: 10_000 },
      dailyLimit: 100_000_000,
      webhookRetry: { baseDelayMs: 100, maxDelayMs: 2_000 },
      ...scenario.sandbox,
    },
  });
  const world = new InstantWorld(rig);
  try {
    rig.sandbox.journal.clear();
    const started = Date.now();
    await scenario.run(world);
    const due = new Map<string, number>();
    for (const record of world.zaps.values()) due.set(record.zap.id, compare(world, record).expected);
    await settle(world, due, options.settleTimeoutMs ?? 60_000, options.quietMs ?? 1_500);
    const lastFire = Math.max(started, ...rig.zapier.fires.map((fire) => fire.firedAt));
    const zaps = [...world.zaps.values()].map((record) => compare(world, record));
    const sum = (key: keyof ZapOutcome): number =>
      zaps.reduce((total, zap) => total + (zap[key] as number), 0);
    const totals = {
      expected: sum('expected'),
      fired: sum('fired'),
      missed: sum('missed'),
      duplicate: sum('duplicate'),
      false: sum('false'),
      afterGone: sum('afterGone'),
    };
    const performErrors: Record<string, number> = {};
    for (const request of rig.zapier.requests) {
      if (!request.error) continue;
      const key = `${request.zapId?.replace(/^(zap|a|b)-/, '') ?? '?'}: ${request.error.slice(0, 160)}`;
      performErrors[key] = (performErrors[key] ?? 0) + 1;
    }
    return {
      scenario: scenario.name,
      zaps,
      performErrors,
      events: rig.sandbox.journal.events.length,
      webhooks: rig.sandbox.webhooks.events.length,
      webhookAttempts: rig.sandbox.webhooks.attempts.length,
      webhooksFailed: rig.sandbox.webhooks.failed.length,
      webhooksPending: rig.sandbox.webhooks.pending(),
      relayRestarts: world.relayRestarts,
      ms: lastFire - started,
      totals,
      ok:
        totals.missed === 0 &&
        totals.duplicate === 0 &&
        totals.false === 0 &&
        totals.afterGone === 0 &&
        totals.expected > 0 &&
        Object.keys(performErrors).length === 0,
    };
  } finally {
    await rig.close();
  }
};

// ---------------------------------------------------------------------------------------------------------
// The scenarios

const TRIGGERS = Object.keys(INSTANT_RULES);

/** A small mixed timeline touching every trigger once or more. */
const mixedTimeline = async (world: InstantWorld, label: string, contacts: number): Promise<void> => {
  const { store, locationId } = world.sandbox;
  const ids: string[] = [];
  for (let i = 0; i < contacts; i += 1) {
    const contact = store.createContact(locationId, {
      firstName: `${label}${i}`,
      email: `${label.toLowerCase()}${i}@example.com`,
      tags: i % 2 === 0 ? ['lead'] : [],
    });
    ids.push(contact.id);
  }
  for (const [i, id] of ids.entries()) {
    store.addTags(id, ['vip']);
    store.updateContact(id, { email: `${label.toLowerCase()}${i}.moved@example.com` });
    const task = store.createTask(id, {
      title: `Call ${i}`,
      dueDate: store.now() + 86_400_000,
      completed: false,
    });
    if (task && i % 2 === 0) store.updateTask(task.id, { completed: true });
    store.createNote(id, { body: `Note ${i}`, pinned: false });
    if (i % 3 === 0) {
      store.addAppointment(id, {
        calendarId: 'sbxCalendar000000001',
        title: `Visit ${i}`,
        status: 'booked',
        appointmentStatus: 'confirmed',
        startTime: store.now() + 2 * 86_400_000,
        endTime: store.now() + 2 * 86_400_000 + 1_800_000,
      });
    }
    if (i % 2 === 1) store.removeTags(id, ['vip']);
  }
  for (const id of ids.slice(0, Math.ceil(ids.length / 4))) store.deleteContact(id);
};

const allZaps = async (world: InstantWorld): Promise<void> => {
  for (const trigger of TRIGGERS) await world.turnOn(`zap-${trigger}`, trigger);
};

const pause = (ms: number): Promise<void> => sleep(ms);

export const INSTANT_SCENARIOS: InstantScenario[] = [
  {
    name: "every trigger through HighLevel's duplicates and reordering",
    fast: true,
    sandbox: { webhookDuplicateRate: 0.3, webhookReorderMs: 150, webhookSeed: 7 },
    run: async (world) => {
      await allZaps(world);
      await mixedTimeline(world, 'Mix', 12);
    },
  },
  {
    name: 'HighLevel retries while the relay is down, then a relay restart',
    fast: true,
    run: async (world) => {
      await allZaps(world);
      await mixedTimeline(world, 'Before', 3);
      await world.rig.relay.kill();
      await mixedTimeline(world, 'Down', 4);
      await pause(300);
      await world.restartRelay();
      await mixedTimeline(world, 'After', 3);
    },
  },
  {
    name: 'the relay killed (-9) in the middle of a burst, then restarted',
    run: async (world) => {
      await world.turnOn('zap-new', 'new_contact_instant');
      await world.turnOn('zap-tag', 'contact_tag_added_instant', { tag: 'burst' });
      const { store, locationId } = world.sandbox;
      for (let i = 0; i < 400; i += 1) {
        store.createContact(locationId, { firstName: `Burst${i}`, tags: ['burst'] });
        if (i === 200) {
          await pause(100);
          await world.rig.relay.kill();
          await pause(200);
          await world.restartRelay();
        }
      }
    },
  },
  {
    name: "Zapier's hooks answering 503 for a while (the relay retries)",
    fast: true,
    run: async (world) => {
      await world.turnOn('zap-new', 'new_contact_instant');
      await world.turnOn('zap-note', 'new_note_instant');
      world.rig.zapier.failNext(15, 503);
      await mixedTimeline(world, 'Flaky', 6);
    },
  },
  {
    name: 'Zaps turned off: unsubscribed, and gone without unsubscribing (410)',
    fast: true,
    run: async (world) => {
      await world.turnOn('zap-kept', 'new_contact_instant');
      await world.turnOn('zap-off', 'new_contact_instant');
      await world.turnOn('zap-gone', 'new_contact_instant');
      await mixedTimeline(world, 'On', 3);
      await world.caughtUp();
      await world.turnOff('zap-off');
      await world.turnOff('zap-gone', { unsubscribe: false });
      await mixedTimeline(world, 'Off', 5);
      await pause(1_000);
      await mixedTimeline(world, 'Later', 3);
    },
  },
  {
    name: 'two Zaps of each kind on one connection',
    fast: true,
    run: async (world) => {
      for (const trigger of TRIGGERS) {
        await world.turnOn(`a-${trigger}`, trigger);
        await world.turnOn(`b-${trigger}`, trigger, trigger.startsWith('contact_tag') ? { tag: 'vip' } : {});
      }
      await mixedTimeline(world, 'Two', 6);
    },
  },
  {
    name: 'Updated Contact: a field set for the first time, then changed, then cleared',
    fast: true,
    run: async (world) => {
      await world.turnOn('zap-updated', 'updated_contact_instant');
      const { store, locationId } = world.sandbox;
      for (let i = 0; i < 4; i += 1) {
        const contact = store.createContact(locationId, {
          firstName: `Field${i}`,
          email: `field${i}@example.com`,
        });
        await pause(150);
        store.updateContact(contact.id, { city: 'Lyon' });
        await pause(150);
        store.updateContact(contact.id, { city: 'Paris' });
        await pause(150);
        store.updateContact(contact.id, { city: null });
        await pause(150);
      }
    },
  },
  {
    name: 'an import of 5,000 contacts',
    run: async (world) => {
      await world.turnOn('zap-import', 'new_contact_instant');
      const { store, locationId } = world.sandbox;
      for (let i = 0; i < 5_000; i += 1)
        store.createContact(locationId, { firstName: `Import${i}`, email: `import${i}@example.com` });
    },
  },
  {
    name: 'a bulk tag of 2,000 contacts',
    run: async (world) => {
      const { store, locationId } = world.sandbox;
      await world.turnOn('zap-bulk', 'contact_tag_added_instant', { tag: 'campaign' });
      await world.turnOn('zap-any-tag', 'contact_tag_added_instant');
      // Created while the Zaps are on, so the relay has seen each contact's tags before the bulk tag: a contact
      // it never saw cannot report a tag added (docs/RELAY_CONTRACT.md §5, docs/HOOKS.md §4).
      const ids = Array.from(
        { length: 2_000 },
        (_, i) => store.createContact(locationId, { firstName: `Bulk${i}` }).id,
      );
      // Every ContactCreate acknowledged by the relay (so it keeps each contact's tags) before the bulk tag.
      await world.sandbox.webhooks.idle();
      const token = world.sandbox.issueTokens().access_token;
      const response = await nativeFetch(`${world.sandbox.url}/contacts/bulk/tags/update/add`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          Version: '2021-07-28',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ locationId, contacts: ids, tags: ['campaign'] }),
      });
      await response.arrayBuffer();
      if (response.status >= 300) throw new Error(`The bulk tag answered HTTP ${response.status}.`);
    },
  },
  {
    name: 'a fast import of 60 contacts and a tag on 40 of them (the npm test size)',
    fast: true,
    run: async (world) => {
      await world.turnOn('zap-import', 'new_contact_instant');
      await world.turnOn('zap-bulk', 'contact_tag_added_instant', { tag: 'campaign' });
      const { store, locationId } = world.sandbox;
      const ids = Array.from(
        { length: 60 },
        (_, i) => store.createContact(locationId, { firstName: `Small${i}` }).id,
      );
      for (const id of ids.slice(0, 40)) store.addTags(id, ['campaign']);
    },
  },
];

/** One line per outcome, for logs and the bench. */
export const describeOutcome = (outcome: InstantOutcome): string => {
  const t = outcome.totals;
  const sameId = outcome.zaps.reduce((sum, zap) => sum + zap.sameId, 0);
  return (
    `${outcome.ok ? 'ok  ' : 'FAIL'} ${outcome.scenario}: ${t.fired}/${t.expected} fires over ${outcome.zaps.length} Zaps, ` +
    `${t.missed} missed, ${t.duplicate} duplicate${sameId ? ` (${sameId} same delivery id)` : ''}, ${t.false} false, ` +
    `${t.afterGone} after 410; ${outcome.webhooks} webhooks, ${outcome.webhookAttempts} attempts` +
    `${outcome.webhooksFailed ? ` (${outcome.webhooksFailed} given up by the sandbox)` : ''}` +
    `${outcome.webhooksPending ? ` (${outcome.webhooksPending} still to send when the wait ended)` : ''}, ` +
    `${outcome.relayRestarts} relay restarts, ${(outcome.ms / 1000).toFixed(1)} s` +
    Object.entries(outcome.performErrors)
      .map(([error, count]) => `\n     perform failed ${count}× — ${error}`)
      .join('')
  );
};
