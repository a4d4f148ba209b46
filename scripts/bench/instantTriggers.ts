/**
 * Parts of the bench section `instant` measured end to end (docs/HOOKS.md §5): the sandbox's write → its signed
 * webhook → the real relay process → the delivery to the emulated Zapier's hook URL → the built app's hook trigger
 * `perform` through the real runtime → the fire. The relay-only parts are scripts/bench/instant.ts.
 *
 * 1. `triggers` — per instant trigger, event → Zap latency (the write started → `perform` returned the fire),
 *    p50 / p99 over paced rounds of one write per trigger. Target p99 ≤ 1 s (polling: 1–15 minutes).
 * 2. `truth` — every instant truth scenario (scripts/lib/truth/instant.ts): 0 missed, 0 duplicate, 0 false fires,
 *    nothing after a 410.
 */
import { performance } from 'node:perf_hooks';
import { startInstant, type Instant } from '../lib/instant';
import type { AppDefinition } from '../lib/runtime';
import { INSTANT_RULES, INSTANT_SCENARIOS, describeOutcome, runInstantScenario } from '../lib/truth/instant';
import type { HookFire } from '../lib/zapierHooks';
import { DIST, mark, ms, percentile, progress, round, type Table, type Target } from './common';

/** The shape of scripts/bench/instant.ts's parts (kept structural so either file builds alone). */
export interface TriggerPart {
  id: string;
  title: string;
  run(): Promise<{ tables: Table[]; targets: Target[]; figures: unknown }>;
}

const SECTION = 'instant';
const P99_TARGET_MS = 1_000;

/**
 * The built app, loaded anew once RELAY_URL is set: the app decides at load time whether its hook triggers
 * exist, and the bench's child process has already loaded it without (bench.ts).
 */
export const loadInstantBuiltApp = (): AppDefinition => {
  for (const file of Object.keys(require.cache)) if (file.startsWith(DIST)) delete require.cache[file];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`${DIST}/index.js`) as AppDefinition;
};

const sleep = (delay: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, delay));

interface Expectation {
  trigger: string;
  key: string;
  /** `performance.now()` when the write started. */
  startedAt: number;
  /** Epoch ms when the write started (fires carry epoch ms). */
  wallAt: number;
  /** Extra check on the fired item (e.g. Updated Contact naming the field). */
  matches?: (item: Record<string, unknown>) => boolean;
}

const TRIGGERS = Object.keys(INSTANT_RULES);
const ROUNDS = 25;
const WARM_UP_ROUNDS = 3;
/** Pause between two writes of a round: paced, so the figure is latency, not the queue of a burst. */
const GAP_MS = 40;

/** One round: a contact's life, one write per trigger; returns what each write must fire. */
const round1 = async (rig: Instant, label: string): Promise<Expectation[]> => {
  const { store, locationId } = rig.sandbox;
  const out: Expectation[] = [];
  const write = async <T>(
    trigger: string,
    key: (result: T) => string,
    run: () => T,
    matches?: Expectation['matches'],
  ): Promise<T> => {
    const startedAt = performance.now();
    const wallAt = Date.now();
    const result = run();
    out.push({ trigger, key: key(result), startedAt, wallAt, ...(matches ? { matches } : {}) });
    await sleep(GAP_MS);
    return result;
  };
  const contact = await write(
    'new_contact_instant',
    (created) => created.id,
    () => store.createContact(locationId, { firstName: label, email: `${label.toLowerCase()}@example.com` }),
  );
  await write(
    'updated_contact_instant',
    () => contact.id,
    () => store.updateContact(contact.id, { email: `${label.toLowerCase()}.new@example.com` }),
    (item) => Array.isArray(item.changedFields) && item.changedFields.includes('Email'),
  );
  await write(
    'contact_tag_added_instant',
    () => `${contact.id}|vip`,
    () => store.addTags(contact.id, ['vip']),
  );
  await write(
    'contact_tag_removed',
    () => `${contact.id}|vip`,
    () => store.removeTags(contact.id, ['vip']),
  );
  const task = await write(
    'new_task_instant',
    (created) => created?.id ?? '',
    () =>
      store.createTask(contact.id, {
        title: `Call ${label}`,
        dueDate: store.now() + 86_400_000,
        completed: false,
      }),
  );
  await write(
    'task_completed_instant',
    () => task?.id ?? '',
    () => store.updateTask(task?.id ?? '', { completed: true }),
  );
  await write(
    'new_note_instant',
    (note) => note?.id ?? '',
    () => store.createNote(contact.id, { body: `Met ${label}`, pinned: false }),
  );
  await write(
    'new_appointment_instant',
    (event) => event?.id ?? '',
    () =>
      store.addAppointment(contact.id, {
        calendarId: 'sbxCalendar000000001',
        title: `Visit ${label}`,
        status: 'booked',
        appointmentStatus: 'confirmed',
        startTime: store.now() + 2 * 86_400_000,
        endTime: store.now() + 2 * 86_400_000 + 1_800_000,
      }),
  );
  await write(
    'contact_deleted',
    () => contact.id,
    () => store.deleteContact(contact.id),
  );
  return out;
};

/** The first fire of the expectation's Zap with its key (and check), or undefined. */
const fireOf = (rig: Instant, expectation: Expectation): HookFire | undefined => {
  const rule = INSTANT_RULES[expectation.trigger];
  return rig.zapier
    .firesOf(`bench-${expectation.trigger}`)
    .find(
      (fire) =>
        rule.keyOf(fire.item) === expectation.key &&
        fire.receivedAt >= expectation.wallAt &&
        (expectation.matches?.(fire.item) ?? true),
    );
};

const triggersPart: TriggerPart = {
  id: 'triggers',
  title: 'event → Zap latency per instant trigger (sandbox → relay → app)',
  async run() {
    const rig = await startInstant({
      loadApp: loadInstantBuiltApp,
      sandbox: { rateLimit: { max: 1_000_000, intervalMs: 10_000 }, dailyLimit: 100_000_000 },
    });
    try {
      for (const trigger of TRIGGERS) await rig.zapier.turnOn({ trigger, zapId: `bench-${trigger}` });
      for (let i = 0; i < WARM_UP_ROUNDS; i += 1) await round1(rig, `Warm${i}`);
      await sleep(1_000);
      const expectations: Expectation[] = [];
      for (let i = 0; i < ROUNDS; i += 1) expectations.push(...(await round1(rig, `Bench${i}`)));
      await rig.zapier
        .waitFor(() => expectations.every((expectation) => fireOf(rig, expectation)), 30_000)
        .catch(() => undefined);
      await rig.zapier.idle();

      const rows: Table['rows'] = [];
      const targets: Target[] = [];
      const figures: Record<string, unknown> = {};
      for (const trigger of TRIGGERS) {
        const mine = expectations.filter((expectation) => expectation.trigger === trigger);
        const latencies: number[] = [];
        let missing = 0;
        for (const expectation of mine) {
          const fire = fireOf(rig, expectation);
          if (!fire) missing += 1;
          else latencies.push(fire.firedAt - expectation.wallAt);
        }
        const p50 = latencies.length ? percentile(latencies, 50) : NaN;
        const p99 = latencies.length ? percentile(latencies, 99) : NaN;
        const met = missing === 0 && p99 <= P99_TARGET_MS;
        rows.push([trigger, mine.length, missing, ms(p50), ms(p99), ms(Math.max(...latencies)), mark(met)]);
        targets.push({
          section: SECTION,
          name: `${trigger} event → Zap p99`,
          value: round(p99, 1),
          target: `≤ ${P99_TARGET_MS} ms, none missing`,
          met,
        });
        figures[trigger] = { events: mine.length, missing, p50: round(p50, 1), p99: round(p99, 1) };
      }
      return {
        tables: [
          {
            title: `Instant triggers: event → Zap (sandbox write → relay → emulated Zapier → app perform), ${ROUNDS} paced rounds`,
            columns: ['trigger', 'events', 'missing', 'p50', 'p99', 'max', `p99 ≤ ${P99_TARGET_MS} ms`],
            rows,
            notes: [
              "Latency: the sandbox write started → the app's perform returned the fire (epoch ms, one process).",
              `Paced: one write every ${GAP_MS} ms; the polling triggers take 1–15 minutes.`,
            ],
          },
        ],
        targets,
        figures,
      };
    } finally {
      await rig.close();
    }
  },
};

const truthPart: TriggerPart = {
  id: 'truth',
  title: 'instant truth scenarios (retries, duplicates, reordering, restarts, 410, imports)',
  async run() {
    const rows: Table['rows'] = [];
    const targets: Target[] = [];
    const figures: Record<string, unknown> = {};
    for (const scenario of INSTANT_SCENARIOS) {
      progress(`instant truth: ${scenario.name}…`);
      const outcome = await runInstantScenario(scenario, {
        loadApp: loadInstantBuiltApp,
        settleTimeoutMs: 30_000,
      });
      progress(describeOutcome(outcome));
      const t = outcome.totals;
      const sameId = outcome.zaps.reduce((sum, zap) => sum + zap.sameId, 0);
      rows.push([
        scenario.name,
        outcome.zaps.length,
        t.expected,
        t.fired,
        t.missed,
        sameId ? `${t.duplicate} (${sameId} same id)` : t.duplicate,
        t.false,
        t.afterGone,
        `${round(outcome.ms / 1000, 1)} s`,
        mark(outcome.ok),
      ]);
      targets.push({
        section: SECTION,
        name: `truth: ${scenario.name}`,
        value: `${t.missed} missed, ${t.duplicate} duplicate, ${t.false} false, ${t.afterGone} after 410`,
        target: '0 missed, 0 duplicate, 0 false, nothing after a 410',
        met: outcome.ok,
      });
      figures[scenario.name] = { totals: t, zaps: outcome.zaps, webhooks: outcome.webhooks, ms: outcome.ms };
    }
    return {
      tables: [
        {
          title: 'Instant truth scenarios: what each Zap fired vs the sandbox journal',
          columns: [
            'scenario',
            'Zaps',
            'expected',
            'fired',
            'missed',
            'duplicate',
            'false',
            'after 410',
            'time',
            'ok',
          ],
          rows,
          notes: [
            "Expected: one fire per journaled event each Zap's trigger covers while it was on (docs/HOOKS.md §4).",
            '"same id": a duplicate that re-used a delivery id (the relay\'s at-least-once redelivery).',
          ],
        },
      ],
      targets,
      figures,
    };
  },
};

export const INSTANT_TRIGGER_PARTS: TriggerPart[] = [triggersPart, truthPart];
