/**
 * Section 2, poll cost at scale: New Contact and Updated Contact live polls (warm cache) against fresh
 * sandboxes seeded with 1,000, 10,000 and 100,000 contacts. The three sandboxes are up together and the
 * polls go round-robin over sizes and triggers, so a noisy machine or JIT warm-up favours no size.
 * Figures per size and trigger: median / p90 wall time and median CPU time of POLLS polls, the sandbox's own
 * time for the search (from its request log), and requests per poll (must be equal at every size).
 */
import type { AppDefinition } from '../lib/runtime';
import {
  measure,
  median,
  ms,
  percentile,
  progress,
  ratio,
  round,
  startRig,
  type Rig,
  type Section,
  type Target,
} from './common';

export const SIZES = [1_000, 10_000, 100_000] as const;
const POLLS = 15;
const WARM_UP = 3;
const TARGET = 1.5;
/** Not what this section measures: high enough never to throttle. */
export const UNTHROTTLED = { max: 1_000_000, intervalMs: 1_000 };

const TRIGGERS = [
  { key: 'new_contact', label: 'New Contact' },
  { key: 'updated_contact', label: 'Updated Contact' },
] as const;
type TriggerKey = (typeof TRIGGERS)[number]['key'];

interface Samples {
  ms: number[];
  cpuMs: number[];
  serverMs: number[];
  requests: number[];
  items: number;
}

interface PollFigures {
  medianMs: number;
  p90Ms: number;
  medianCpuMs: number;
  medianServerMs: number;
  requestsPerPoll: number[];
  items: number;
  ms: number[];
}

interface SizeFigures {
  contacts: number;
  seed: { ms: number; cpuMs: number };
  polls: Record<TriggerKey, PollFigures>;
}

const summary = (samples: Samples): PollFigures => ({
  medianMs: round(median(samples.ms)),
  p90Ms: round(percentile(samples.ms, 90)),
  medianCpuMs: round(median(samples.cpuMs)),
  medianServerMs: round(median(samples.serverMs)),
  requestsPerPoll: [...new Set(samples.requests)],
  items: samples.items,
  ms: samples.ms.map((value) => round(value)),
});

export const scaleSection = (app: AppDefinition): Section => ({
  id: 'scale',
  title: 'Poll cost at scale',
  run: async () => {
    const rigs: Array<{ contacts: number; rig: Rig; seed: { ms: number; cpuMs: number } }> = [];
    try {
      for (const contacts of SIZES) {
        const rig = await startRig(app, { sandbox: { rateLimit: UNTHROTTLED } });
        const seeded = await measure(async () => rig.sandbox.seed(contacts));
        rigs.push({ contacts, rig, seed: { ms: round(seeded.ms, 0), cpuMs: round(seeded.cpuMs, 0) } });
        progress(
          `scale: ${contacts} contacts seeded in ${(seeded.ms / 1000).toFixed(1)} s (CPU ${(seeded.cpuMs / 1000).toFixed(1)} s)`,
        );
      }
      const samples = rigs.map(() =>
        Object.fromEntries(
          TRIGGERS.map(({ key }) => [
            key,
            { ms: [], cpuMs: [], serverMs: [], requests: [], items: 0 } as Samples,
          ]),
        ),
      ) as Array<Record<TriggerKey, Samples>>;
      const poll = async (index: number, key: TriggerKey, record: boolean) => {
        const { rig } = rigs[index];
        rig.activate();
        const measured = await rig.counted(() =>
          rig.runtime.run<unknown[]>(`triggers.${key}.operation.perform`, {}),
        );
        if (!record) return;
        const sample = samples[index][key];
        sample.ms.push(measured.ms);
        sample.cpuMs.push(measured.cpuMs);
        sample.serverMs.push(measured.requests.reduce((sum, request) => sum + request.ms, 0));
        sample.requests.push(measured.requests.length);
        sample.items = measured.result.length;
      };
      for (let pass = 0; pass < WARM_UP + POLLS; pass += 1) {
        // Rotate the order every pass, so no size or trigger always goes first.
        const order = rigs.flatMap((_, index) => TRIGGERS.map(({ key }) => ({ index, key })));
        const shift = pass % order.length;
        for (const { index, key } of [...order.slice(shift), ...order.slice(0, shift)]) {
          await poll(index, key, pass >= WARM_UP);
        }
      }
      const sizes: SizeFigures[] = rigs.map(({ contacts, seed }, index) => ({
        contacts,
        seed,
        polls: Object.fromEntries(TRIGGERS.map(({ key }) => [key, summary(samples[index][key])])) as Record<
          TriggerKey,
          PollFigures
        >,
      }));
      return report(sizes);
    } finally {
      for (const { rig } of rigs) await rig.close();
    }
  },
});

const report = (sizes: SizeFigures[]) => {
  const smallest = sizes[0];
  const largest = sizes[sizes.length - 1];
  const ratioOf = (key: TriggerKey, field: 'medianMs' | 'medianCpuMs' | 'medianServerMs') =>
    round(largest.polls[key][field] / smallest.polls[key][field], 3);
  const ratios = Object.fromEntries(
    TRIGGERS.map(({ key }) => [
      key,
      {
        wall: ratioOf(key, 'medianMs'),
        cpu: ratioOf(key, 'medianCpuMs'),
        server: ratioOf(key, 'medianServerMs'),
      },
    ]),
  ) as Record<TriggerKey, { wall: number; cpu: number; server: number }>;
  const perPoll = (size: SizeFigures, key: TriggerKey) => size.polls[key].requestsPerPoll.join('/');
  const equalRequests = (key: TriggerKey) =>
    new Set(sizes.flatMap((size) => size.polls[key].requestsPerPoll)).size === 1;
  const label = (size: SizeFigures) => size.contacts.toLocaleString('en-US');

  const targets: Target[] = TRIGGERS.flatMap(({ key, label: name }): Target[] => [
    {
      section: 'scale',
      name: `${name} median poll ${label(largest)} / ${label(smallest)}`,
      value: ratios[key].wall,
      target: `≤ ${TARGET}`,
      met: ratios[key].wall <= TARGET,
    },
    {
      section: 'scale',
      name: `${name} requests per poll equal at every size`,
      value: sizes.map((size) => perPoll(size, key)).join(', '),
      target: 'equal',
      met: equalRequests(key),
    },
  ]);
  const columns = ['contacts', 'seeding (wall / CPU)'];
  for (const { label: name } of TRIGGERS) {
    columns.push(`${name} median`, 'p90', 'CPU', 'sandbox', 'req/poll');
  }
  return {
    tables: [
      {
        title: `2. Poll cost at scale: live polls, ${POLLS} per size and trigger after ${WARM_UP} warm-up rounds, round-robin over three fresh sandboxes`,
        columns,
        rows: [
          ...sizes.map((size) => [
            label(size),
            `${(size.seed.ms / 1000).toFixed(1)} s / ${(size.seed.cpuMs / 1000).toFixed(1)} s`,
            ...TRIGGERS.flatMap(({ key }) => {
              const figures = size.polls[key];
              return [
                ms(figures.medianMs),
                ms(figures.p90Ms),
                ms(figures.medianCpuMs),
                ms(figures.medianServerMs),
                perPoll(size, key),
              ];
            }),
          ]),
          [
            `ratio ${label(largest)} / ${label(smallest)}`,
            '',
            ...TRIGGERS.flatMap(({ key }) => [
              ratio(ratios[key].wall),
              '',
              ratio(ratios[key].cpu),
              ratio(ratios[key].server),
              equalRequests(key) ? 'equal' : 'differs',
            ]),
          ],
        ],
        notes: [
          `Every poll returns one page (${TRIGGERS.map(({ key, label: name }) => `${name}: ${largest.polls[key].items} contacts`).join(', ')}).`,
          'median/p90: wall time through the runtime; CPU: this process (app + in-process sandbox); sandbox: the sandbox’s own time for the request (its log).',
        ],
      },
    ],
    targets,
    figures: { polls: POLLS, warmUp: WARM_UP, sizes, ratios },
  };
};
