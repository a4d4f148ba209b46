/**
 * Section "truth": does what fires match what happened? (docs/TRIGGERS.md §4–§9)
 * 1. Every registered scenario (scripts/lib/truth/scenarios.ts) in a fresh sandbox with Zapier's polling emulated:
 *    per trigger, false fires, missed events, duplicates, rule-allowed ("may") events, held items, requests per poll.
 * 2. Requests per poll at 1,000 / 10,000 / 100,000 contacts: each contact trigger turned on, one change, then
 *    steady-state polls (nothing new); the steady figure must not grow with the sub-account.
 */
import '../lib/truth/scenarios';
import type { AppDefinition } from '../lib/runtime';
import { registeredScenarios, runScenarios, type ZapResult } from '../lib/truth/truth';
import { World, type PollRecord, type ZapConfig } from '../lib/truth/world';
import {
  liftCoreMemoryGuard,
  median,
  progress,
  round,
  type Section,
  type Table,
  type Target,
} from './common';
import { taskCost } from './truthTasks';

const SIZES = [1_000, 10_000, 100_000] as const;
const STEADY_POLLS = 5;
const MINUTE = 60_000;

const SCALE_ZAPS: Array<Omit<ZapConfig, 'id'> & { label: string }> = [
  { label: 'New Contact', trigger: 'new_contact', intervalMinutes: 5 },
  {
    label: 'Contact Tag Added (vip)',
    trigger: 'contact_tag_added',
    inputData: { tag: 'vip' },
    intervalMinutes: 5,
  },
  { label: 'Updated Contact (every update)', trigger: 'updated_contact', intervalMinutes: 5 },
  {
    label: 'Updated Contact (watch email)',
    trigger: 'updated_contact',
    inputData: { watchFields: ['email'] },
    intervalMinutes: 5,
  },
];

interface TriggerTotals {
  trigger: string;
  zaps: number;
  expected: number;
  fired: number;
  falseFires: number;
  missed: number;
  duplicates: number;
  mayExpected: number;
  mayFired: number;
  held: number;
  failedPolls: number;
  requests: number[];
  maxPollMs: number;
}

const totalsByTrigger = (results: ZapResult[]): TriggerTotals[] => {
  const totals = new Map<string, TriggerTotals>();
  for (const result of results) {
    const total = totals.get(result.trigger) ?? {
      trigger: result.trigger,
      zaps: 0,
      expected: 0,
      fired: 0,
      falseFires: 0,
      missed: 0,
      duplicates: 0,
      mayExpected: 0,
      mayFired: 0,
      held: 0,
      failedPolls: 0,
      requests: [],
      maxPollMs: 0,
    };
    total.zaps += 1;
    total.expected += result.expected;
    total.fired += result.fired;
    total.falseFires += result.falseFires;
    total.missed += result.missed;
    total.duplicates += result.duplicates;
    total.mayExpected += result.mayExpected;
    total.mayFired += result.mayFired;
    total.held += result.held;
    total.failedPolls += result.failedPolls;
    total.requests.push(...result.requestsPerPoll);
    total.maxPollMs = Math.max(total.maxPollMs, result.maxPollMs);
    totals.set(result.trigger, total);
  }
  return [...totals.values()];
};

interface ScaleFigure {
  label: string;
  contacts: number;
  turnOnRequests: number;
  changeRequests: number;
  steadyRequests: number[];
  /** Of those, the contact searches (the rest: custom field definitions, re-read when their cache expires). */
  steadySearches: number[];
  steadyMs: number;
}

/** One sandbox of `size` contacts: each trigger on, one change, then STEADY_POLLS polls with nothing new. */
const measureScale = async (app: AppDefinition, size: number): Promise<ScaleFigure[]> => {
  const world = await World.start({ app, seed: size });
  try {
    const zaps = SCALE_ZAPS.map((config, index) => world.zap({ ...config, id: `scale-${index}` }));
    const turnOn: PollRecord[] = [];
    for (const zap of zaps) turnOn.push(await zap.turnOn());
    const someone = [...world.sandbox.store.contacts.values()].find(
      (contact) => contact.locationId === world.sandbox.locationId && !contact.tags.includes('vip'),
    );
    if (!someone) throw new Error('no contact to change');
    await world.driver.addTags(someone.id, ['vip']);
    await world.driver.updateContact(someone.id, { email: world.driver.uniqueEmail('scale') });
    await world.driver.createContact({});
    await world.advance(5 * MINUTE);
    const change = zaps.map((zap) => zap.records[zap.records.length - 1]);
    await world.advance(STEADY_POLLS * 5 * MINUTE);
    return zaps.map((zap, index) => {
      const steady = zap.records.filter((record) => record.kind === 'poll' && record.at > change[index].at);
      return {
        label: SCALE_ZAPS[index].label,
        contacts: size,
        turnOnRequests: turnOn[index].requests,
        changeRequests: change[index].requests,
        steadyRequests: steady.map((record) => record.requests),
        steadySearches: steady.map(
          (record) => record.paths.filter((path) => path === 'POST /contacts/search').length,
        ),
        steadyMs: median(steady.map((record) => record.ms)),
      };
    });
  } finally {
    await world.stop();
  }
};

export const truthSection = (app: AppDefinition): Section => ({
  id: 'truth',
  title: 'Trigger truth: what fires vs what happened',
  timeoutMs: 15 * 60_000,
  run: async () => {
    liftCoreMemoryGuard();
    const results = await runScenarios({ app, log: (line) => progress(`truth: ${line}`) });
    const totals = totalsByTrigger(results);
    const scale: ScaleFigure[] = [];
    for (const size of SIZES) {
      progress(`truth: scale ${size.toLocaleString('en-US')} contacts…`);
      scale.push(...(await measureScale(app, size)));
    }
    const tasks = await taskCost(app, progress);

    const tables: Table[] = [
      {
        title: 'Trigger truth per trigger (all scenarios)',
        columns: [
          'trigger',
          'zaps',
          'events',
          'fired',
          'false fires',
          'missed',
          'duplicates',
          'rule-allowed (fired/events)',
          'held (>100/poll)',
          'failed polls',
          'requests/poll (median, max)',
          'slowest poll',
        ],
        rows: totals.map((total) => [
          total.trigger,
          total.zaps,
          total.expected,
          total.fired,
          total.falseFires,
          total.missed,
          total.duplicates,
          `${total.mayFired}/${total.mayExpected}`,
          total.held,
          total.failedPolls,
          `${median(total.requests)}, ${Math.max(0, ...total.requests)}`,
          `${round(total.maxPollMs / 1000, 1)} s`,
        ]),
        notes: [
          `${registeredScenarios().length} scenarios. "events" = what must fire (docs/TRIGGERS.md §5); rule-allowed = first changes of contacts the trigger had never seen (§7, §8).`,
        ],
      },
      {
        title: 'Trigger truth per scenario and Zap',
        columns: [
          'scenario',
          'zap',
          'events',
          'fired',
          'false',
          'missed',
          'dup',
          'may',
          'requests/poll (max)',
        ],
        rows: results.map((result) => [
          result.scenario.slice(0, 60),
          result.zapId,
          result.expected,
          result.fired,
          result.falseFires,
          result.missed,
          result.duplicates,
          `${result.mayFired}/${result.mayExpected}`,
          Math.max(0, ...result.requestsPerPoll),
        ]),
        notes: results.flatMap((result) =>
          result.details.slice(0, 3).map((detail) => `${result.zapId}: ${detail}`),
        ),
      },
      {
        title: 'Requests per poll by sub-account size',
        columns: [
          'trigger',
          ...SIZES.map((size) => `steady @ ${size / 1000}k`),
          'after one change @ 100k',
          'turn-on @ 1k / 10k / 100k',
          'steady poll @ 100k',
        ],
        rows: SCALE_ZAPS.map((config) => {
          const of = (size: number) =>
            scale.find((figure) => figure.label === config.label && figure.contacts === size);
          return [
            config.label,
            ...SIZES.map(
              (size) =>
                `${Math.max(0, ...(of(size)?.steadySearches ?? []))} (${Math.max(0, ...(of(size)?.steadyRequests ?? []))})`,
            ),
            of(100_000)?.changeRequests ?? '—',
            SIZES.map((size) => of(size)?.turnOnRequests ?? '—').join(' / '),
            `${round((of(100_000)?.steadyMs ?? 0) / 1000, 2)} s`,
          ];
        }),
        notes: [
          `Steady = the most of ${STEADY_POLLS} polls with nothing new (after one tag, one email change and one new contact): contact searches, and in brackets every request (the custom field definitions are re-read when their few-minute cache expires). Turn-on reads the baseline (docs/TRIGGERS.md §7, §8).`,
        ],
      },
    ];

    const targets: Target[] = [
      ...totals.flatMap((total) => [
        {
          section: 'truth',
          name: `${total.trigger}: false fires / duplicates / missed`,
          value: `${total.falseFires} / ${total.duplicates} / ${total.missed}`,
          target: '0 / 0 / 0',
          met: total.falseFires === 0 && total.duplicates === 0 && total.missed === 0,
        },
      ]),
      ...SCALE_ZAPS.map((config) => {
        const steady = SIZES.map((size) =>
          Math.max(
            0,
            ...(scale.find((figure) => figure.label === config.label && figure.contacts === size)
              ?.steadyRequests ?? []),
          ),
        );
        return {
          section: 'truth',
          name: `${config.label}: steady requests per poll at 1k / 10k / 100k`,
          value: steady.join(' / '),
          target: 'equal at every size',
          met: steady.every((value) => value === steady[0]),
        };
      }),
      {
        section: 'truth',
        name: 'slowest poll (any scenario)',
        value: `${round(Math.max(0, ...results.map((result) => result.maxPollMs)) / 1000, 1)} s`,
        target: '< 30 s',
        met: results.every((result) => result.maxPollMs < 30_000),
      },
    ];
    tables.push(tasks.table);
    targets.push(...tasks.targets);
    return { tables, targets, figures: { totals, results, scale, tasks: tasks.figures } };
  },
});
