/**
 * The truth section's task rows (docs/TASK_TRIGGERS.md §5, §7): requests per poll of the task triggers at 1,000
 * and 10,000 tasks (40 % open), with the state on the Zapier emulator and the sandbox's shuffled task search.
 * Per size: the sub-account's New Task and Task Completed and one contact's Task Completed are turned on, one
 * task is created and one completed, then polls run with nothing new. Target: at most one search per 100 open
 * tasks (plus the last, short page) in steady state, one read-back per completion, nothing for completed tasks.
 */
import { createRng, randomId } from '../../sandbox/random';
import type { Task as StoredTask } from '../../sandbox/types';
import type { AppDefinition } from '../lib/runtime';
import { World, type PollRecord } from '../lib/truth/world';
import { median, round, type Table, type Target } from './common';

const SIZES = [1_000, 10_000] as const;
const OPEN_SHARE = 0.4;
const STEADY_POLLS = 4;
const MINUTE = 60_000;

const ZAPS = [
  { label: 'New Task (sub-account)', trigger: 'new_task', contact: false },
  { label: 'Task Completed (sub-account)', trigger: 'task_completed', contact: false },
  { label: 'Task Completed (one contact)', trigger: 'task_completed', contact: true },
] as const;

interface TaskCostFigure {
  label: string;
  tasks: number;
  open: number;
  turnOnRequests: number;
  changeRequests: number;
  steadyRequests: number[];
  /** Read-backs of single tasks in steady polls (nothing left the open list: should be none). */
  steadyReadBacks: number[];
  steadyMs: number;
}

const measure = async (app: AppDefinition, size: number): Promise<TaskCostFigure[]> => {
  const world = await World.start({ app, seed: 20 });
  try {
    const rng = createRng(size);
    const contact = await world.driver.createContact({ firstName: 'Costed' });
    const contacts = [...world.sandbox.store.contacts.values()]
      .filter((each) => each.locationId === world.sandbox.locationId)
      .map((each) => each.id);
    const now = world.clock.now();
    const tasks: StoredTask[] = Array.from({ length: size }, (_, index) => {
      const added = now - (1 + Math.floor(rng() * 300)) * 86_400_000;
      const completed = rng() >= OPEN_SHARE;
      return {
        id: randomId(rng),
        contactId: index % 50 === 0 ? contact : contacts[Math.floor(rng() * contacts.length)],
        locationId: world.sandbox.locationId,
        title: `Cost task ${index}`,
        dueDate: added + 7 * 86_400_000,
        completed,
        dateAdded: added,
        dateUpdated: added,
      };
    });
    world.sandbox.store.insertTasksBulk(tasks);
    const open = tasks.filter((task) => !task.completed).length;

    const zaps = ZAPS.map((config, index) =>
      world.zap({
        id: `task-cost-${index}`,
        trigger: config.trigger,
        intervalMinutes: 5,
        ...(config.contact ? { inputData: { contactId: contact } } : {}),
      }),
    );
    const turnOn: PollRecord[] = [];
    for (const zap of zaps) turnOn.push(await zap.turnOn());
    await world.driver.createTask(contact, { title: 'New during the measure' });
    const toComplete = tasks.find((task) => !task.completed && task.contactId === contact);
    if (toComplete) await world.driver.setTaskCompleted(contact, toComplete.id, true);
    await world.advance(5 * MINUTE);
    const change = zaps.map((zap) => zap.records[zap.records.length - 1]);
    await world.advance(STEADY_POLLS * 5 * MINUTE);
    return zaps.map((zap, index) => {
      const steady = zap.records.filter((record) => record.kind === 'poll' && record.at > change[index].at);
      return {
        label: ZAPS[index].label,
        tasks: size,
        open,
        turnOnRequests: turnOn[index].requests,
        changeRequests: change[index].requests,
        steadyRequests: steady.map((record) => record.requests),
        steadyReadBacks: steady.map(
          (record) =>
            record.paths.filter((path) => /^GET \/contacts\/[^/]+\/tasks\/[^/]+$/.test(path)).length,
        ),
        steadyMs: median(steady.map((record) => record.ms)),
      };
    });
  } finally {
    await world.stop();
  }
};

/** The task rows of the truth section: one table and its targets. */
export const taskCost = async (
  app: AppDefinition,
  progress: (line: string) => void,
): Promise<{ table: Table; targets: Target[]; figures: TaskCostFigure[] }> => {
  const figures: TaskCostFigure[] = [];
  for (const size of SIZES) {
    progress(`truth: task cost at ${size.toLocaleString('en-US')} tasks…`);
    figures.push(...(await measure(app, size)));
  }
  const of = (label: string, size: number) =>
    figures.find((figure) => figure.label === label && figure.tasks === size);
  const table: Table = {
    title: 'Task triggers: requests per poll by number of tasks (40 % open, shuffled search)',
    columns: [
      'trigger',
      ...SIZES.map((size) => `steady @ ${size / 1000}k tasks`),
      'after 1 new + 1 completed @ 10k',
      'turn-on @ 1k / 10k',
      'steady poll @ 10k',
    ],
    rows: ZAPS.map(({ label }) => [
      label,
      ...SIZES.map((size) => {
        const figure = of(label, size);
        return `${Math.max(0, ...(figure?.steadyRequests ?? []))} (open ${figure?.open ?? 0})`;
      }),
      of(label, 10_000)?.changeRequests ?? '—',
      SIZES.map((size) => of(label, size)?.turnOnRequests ?? '—').join(' / '),
      `${round((of(label, 10_000)?.steadyMs ?? 0) / 1000, 2)} s`,
    ]),
    notes: [
      `Steady = the most of ${STEADY_POLLS} polls with nothing new. The sub-account reads its open tasks in pages of 100 (the last one short) and reads back by id only tasks that left the open list; completed tasks are never listed (docs/TASK_TRIGGERS.md §5).`,
    ],
  };
  const targets: Target[] = ZAPS.map(({ label, contact }) => {
    const values = SIZES.map((size) => Math.max(0, ...(of(label, size)?.steadyRequests ?? [])));
    const limits = SIZES.map((size) => (contact ? 1 : Math.floor((of(label, size)?.open ?? 0) / 100) + 1));
    const readBacks = SIZES.map((size) => Math.max(0, ...(of(label, size)?.steadyReadBacks ?? [])));
    return {
      section: 'truth',
      name: `${label}: steady requests per poll at 1k / 10k tasks`,
      value: values.join(' / '),
      target: `≤ ${limits.join(' / ')} (one per 100 open tasks${contact ? '; one contact: 1' : ''}), none for completed history`,
      met: values.every((value, index) => value <= limits[index]) && readBacks.every((value) => value === 0),
    };
  });
  return { table, targets, figures };
};
