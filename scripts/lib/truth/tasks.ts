/**
 * The truth simulator's task, note and appointment triggers (docs/TASK_TRIGGERS.md §7): what should fire,
 * derived from the sandbox's journal, and the scenarios that drive them. Importing this file registers both.
 *
 * New Task and Task Completed share one state per watch (the sub-account, or one contact) across both triggers
 * and every assignee filter (docs/TASK_TRIGGERS.md §3), so "what the state has observed" is every successful poll
 * of any task Zap with the same watch on the connection, not only Zaps with the same trigger and inputs.
 * Expected events follow the rules of docs/TASK_TRIGGERS.md §4–§6; what HighLevel makes impossible (§5) is a
 * `may` event: measured, never counted as missed.
 */
import type { JournalEvent } from '../../../sandbox/journal';
import { createRng, randomId, type Rng } from '../../../sandbox/random';
import type { Task as StoredTask } from '../../../sandbox/types';
import {
  observationIndex,
  registerScenario,
  registerTruth,
  type ExpectedEvent,
  type Scenario,
  type TruthContext,
} from './truth';
import type { World, Zap, ZapConfig } from './world';
import { nativeFetch } from '../nativeFetch';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TASK_TRIGGERS = new Set(['new_task', 'task_completed']);

// ---------------------------------------------------------------------------------------------------------
// Task histories from the journal

interface TaskLife {
  id: string;
  contactId: string;
  created?: number;
  createdCompleted?: boolean;
  deletedAt?: number;
  /** Completion changes in time order. */
  changes: Array<{ at: number; from: boolean; to: boolean }>;
  /** Assignee changes in time order (the first `from` is the assignee before the journal, if any). */
  assignees: Array<{ at: number; to: string | undefined }>;
}

const taskLives = (journal: readonly JournalEvent[]): Map<string, TaskLife> => {
  const map = new Map<string, TaskLife>();
  const life = (taskId: string, contactId: string) => {
    let found = map.get(taskId);
    if (!found) map.set(taskId, (found = { id: taskId, contactId, changes: [], assignees: [] }));
    return found;
  };
  for (const event of journal) {
    if (event.type === 'task.created') {
      const entry = life(event.taskId, event.contactId);
      entry.created = event.at;
      entry.createdCompleted = event.completed;
      entry.assignees.push({ at: event.at, to: event.assignedTo });
    } else if (event.type === 'task.updated') {
      const entry = life(event.taskId, event.contactId);
      for (const change of event.changes) {
        if (change.field === 'completed') {
          entry.changes.push({ at: event.at, from: change.from === true, to: change.to === true });
        }
        if (change.field === 'assignedTo') {
          if (entry.assignees.length === 0) {
            entry.assignees.push({ at: -Infinity, to: change.from as string | undefined });
          }
          entry.assignees.push({ at: event.at, to: change.to as string | undefined });
        }
      }
    } else if (event.type === 'task.deleted') {
      life(event.taskId, event.contactId).deletedAt = event.at;
    }
  }
  return map;
};

type Status = 'open' | 'completed' | 'absent';

/** A task's status at `at`: from its journaled changes, else what the store (or a turn-on capture) holds. */
const statusAt = (world: World, life: TaskLife, at: number, captured: Map<string, boolean>): Status => {
  if (life.created !== undefined && at < life.created) return 'absent';
  if (life.deletedAt !== undefined && at >= life.deletedAt) return 'absent';
  let last: boolean | undefined;
  for (const change of life.changes) if (change.at <= at) last = change.to;
  if (last !== undefined) return last ? 'completed' : 'open';
  if (life.changes.length > 0) return life.changes[0].from ? 'completed' : 'open';
  if (life.createdCompleted !== undefined) return life.createdCompleted ? 'completed' : 'open';
  const completed = world.sandbox.store.tasks.get(life.id)?.completed ?? captured.get(life.id);
  return completed ? 'completed' : 'open';
};

const assigneeAt = (world: World, life: TaskLife, at: number): string | undefined => {
  let assignee: string | undefined;
  let known = false;
  for (const change of life.assignees) {
    if (change.at <= at) {
      assignee = change.to;
      known = true;
    }
  }
  return known ? assignee : world.sandbox.store.tasks.get(life.id)?.assignedTo;
};

/** The watch of a task Zap: its connection and chosen contact (none: the sub-account). */
const watchOf = (zap: Zap) => `${zap.connectionId}|${String(zap.config.inputData?.contactId ?? '')}`;

/** Start times of the successful polls of every task Zap sharing this Zap's state (docs/TASK_TRIGGERS.md §3). */
const taskObservations = (context: TruthContext): number[] =>
  context.world.zaps
    .filter((zap) => TASK_TRIGGERS.has(zap.config.trigger) && watchOf(zap) === watchOf(context.zap))
    .flatMap((zap) => zap.records)
    .filter((record) => record.ok)
    .map((record) => record.at)
    .sort((a, b) => a - b);

/** Task statuses captured at turn-on (for history tasks deleted later: the store no longer knows them). */
const capturedStatuses = (context: TruthContext): Map<string, boolean> => {
  const map = new Map<string, boolean>();
  for (const { value } of context.captures) {
    for (const [id, completed] of Object.entries(value as Record<string, boolean>)) {
      if (!map.has(id)) map.set(id, completed);
    }
  }
  return map;
};

const captureTasks = (world: World): Record<string, boolean> => {
  const statuses: Record<string, boolean> = {};
  for (const task of world.sandbox.store.tasks.values()) statuses[task.id] = task.completed;
  return statuses;
};

const inputsOf = (zap: Zap) => ({
  contactId: zap.config.inputData?.contactId as string | undefined,
  assignedTo: zap.config.inputData?.assignedTo as string | undefined,
});

/**
 * New Task (docs/TASK_TRIGGERS.md §4, §5): each task created after turn-on, in the watch, assigned to the
 * filter's user when created. With a contact: must. Sub-account: must when it is still open at the next
 * observation; created and completed (or deleted) before it: may (§5 rule 1). A task reopened that the state
 * never saw open fires as new when the sandbox sends no `dateAdded` (§5 rule 2): may.
 */
registerTruth({
  trigger: 'new_task',
  keyOf: (item) => String(item.id),
  capture: captureTasks,
  expected(context) {
    const { world, journal } = context;
    const { contactId, assignedTo } = inputsOf(context.zap);
    const observations = taskObservations(context);
    const captured = capturedStatuses(context);
    const expected: ExpectedEvent[] = [];
    const all = taskLives(journal);
    for (const life of all.values()) {
      if (contactId !== undefined && life.contactId !== contactId) continue;
      const next = (at: number) => {
        const index = observationIndex(observations, at);
        return index === undefined ? undefined : observations[index];
      };
      if (life.created !== undefined) {
        if (assignedTo !== undefined && assigneeAt(world, life, life.created) !== assignedTo) continue;
        const seenAt = next(life.created);
        const seen = seenAt === undefined ? 'open' : statusAt(world, life, seenAt, captured);
        if (contactId !== undefined && seen === 'absent') continue;
        expected.push({
          key: life.id,
          at: life.created,
          must: contactId !== undefined || seen === 'open',
          what: `task ${life.id} created`,
        });
      }
      if (contactId !== undefined || world.sandbox.taskOptions.dates) continue;
      // Rule 2: a task reopened that the state never saw open counts as new (no dates to tell otherwise).
      for (const change of life.changes) {
        if (change.to) continue;
        const before = observations.filter((at) => at < change.at);
        if (before.length === 0) continue;
        const knownOpen = before.some((at) => statusAt(world, life, at, captured) === 'open');
        // A task created after turn-on and never seen open already has its (may) creation event to match.
        if (knownOpen || life.created !== undefined) continue;
        if (assignedTo !== undefined && assigneeAt(world, life, change.at) !== assignedTo) continue;
        expected.push({ key: life.id, at: change.at, must: false, what: `old task ${life.id} reopened` });
      }
    }
    return expected;
  },
});

/**
 * Task Completed (docs/TASK_TRIGGERS.md §4, §5): each completion after turn-on still completed at the next
 * observation (one undone before any poll looked is not observable), assigned to the filter's user then. With a
 * contact: must. Sub-account: must when the task was open at the observation before it; otherwise (created,
 * or reopened, and completed between two observations) may (§5 rule 1).
 */
registerTruth({
  trigger: 'task_completed',
  keyOf: (item) => String(item.taskId),
  capture: captureTasks,
  expected(context) {
    const { world, journal } = context;
    const { contactId, assignedTo } = inputsOf(context.zap);
    const observations = taskObservations(context);
    const captured = capturedStatuses(context);
    const expected: ExpectedEvent[] = [];
    for (const life of taskLives(journal).values()) {
      if (contactId !== undefined && life.contactId !== contactId) continue;
      const completions = [
        ...(life.created !== undefined && life.createdCompleted ? [life.created] : []),
        ...life.changes.filter((change) => change.to && !change.from).map((change) => change.at),
      ];
      // Completions that the same observation sees are one: only the last of them can be observed.
      const observable = completions.filter((at, index) => {
        const later = completions[index + 1];
        return (
          later === undefined || observationIndex(observations, later) !== observationIndex(observations, at)
        );
      });
      for (const at of observable) {
        if (assignedTo !== undefined && assigneeAt(world, life, at) !== assignedTo) continue;
        const index = observationIndex(observations, at);
        if (index !== undefined && statusAt(world, life, observations[index], captured) !== 'completed')
          continue;
        const previous = observations.filter((observed) => observed < at).pop();
        const wasOpen = previous !== undefined && statusAt(world, life, previous, captured) === 'open';
        expected.push({
          key: life.id,
          at,
          must: contactId !== undefined || wasOpen,
          what: `task ${life.id} completed`,
        });
      }
    }
    return expected;
  },
});

/**
 * A contact's notes or appointments (docs/TASK_TRIGGERS.md §6): every one created on the contact after turn-on;
 * edits and deletions never fire. One deleted before the Zap's next poll was never visible: not expected. These
 * triggers keep no state, so each Zap observes on its own (`sharesState` false).
 */
const createdOnContact = (
  trigger: string,
  created: 'note.created' | 'appointment.created',
  idOf: (event: JournalEvent) => string,
  deletedAt: (journal: readonly JournalEvent[], id: string) => number | undefined,
) =>
  registerTruth({
    trigger,
    keyOf: (item) => String(item.id),
    sharesState: () => false,
    expected({ journal, zap, observations }) {
      const contactId = zap.config.inputData?.contactId;
      return journal
        .filter((event) => event.type === created && event.contactId === contactId)
        .filter((event) => {
          const next = observationIndex(observations, event.at);
          const gone = deletedAt(journal, idOf(event));
          return next === undefined || gone === undefined || gone > observations[next];
        })
        .map((event) => ({ key: idOf(event), at: event.at, must: true, what: created }));
    },
  });

createdOnContact(
  'new_note',
  'note.created',
  (event) => (event as Extract<JournalEvent, { type: 'note.created' }>).noteId,
  (journal, id) => journal.find((event) => event.type === 'note.deleted' && event.noteId === id)?.at,
);
createdOnContact(
  'new_appointment',
  'appointment.created',
  (event) => (event as Extract<JournalEvent, { type: 'appointment.created' }>).appointmentId,
  () => undefined,
);

// ---------------------------------------------------------------------------------------------------------
// Timeline helpers

/** Plain HTTP calls the shared driver does not offer (deletions), with a token of their own. */
const api = async (world: World, method: string, path: string, body?: unknown): Promise<unknown> => {
  world.sandbox.resetRateLimit();
  const response = await nativeFetch(`${world.sandbox.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${world.sandbox.issueTokens().access_token}`,
      version: '2021-07-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300)
    throw new Error(`truth tasks: ${method} ${path} → ${response.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : {};
};

/** `count` tasks that existed before the story starts (history, not journaled), about `openShare` open. */
const historyTasks = (
  world: World,
  contactIds: readonly string[],
  count: number,
  openShare: number,
  rng: Rng,
) => {
  const users = world.sandbox.store.usersOf(world.sandbox.locationId).map((user) => user.id);
  const now = world.clock.now();
  const tasks: StoredTask[] = [];
  for (let i = 0; i < count; i += 1) {
    const added = now - Math.floor(rng() * 300) * 86_400_000 - HOUR;
    const completed = rng() >= openShare;
    tasks.push({
      id: randomId(rng),
      contactId: contactIds[Math.floor(rng() * contactIds.length)],
      locationId: world.sandbox.locationId,
      title: `History task ${i}`,
      ...(rng() < 0.8 ? { assignedTo: users[Math.floor(rng() * users.length)] } : {}),
      dueDate: added + 7 * 86_400_000,
      completed,
      dateAdded: added,
      dateUpdated: completed ? added + 86_400_000 : added,
    });
  }
  world.sandbox.store.insertTasksBulk(tasks);
  return tasks.map((task) => task.id);
};

const openTaskIds = (world: World, contactId?: string) =>
  [...world.sandbox.store.tasks.values()]
    .filter((task) => !task.completed && (contactId === undefined || task.contactId === contactId))
    .map((task) => task.id);
const completedTaskIds = (world: World, contactId?: string) =>
  [...world.sandbox.store.tasks.values()]
    .filter((task) => task.completed && (contactId === undefined || task.contactId === contactId))
    .map((task) => task.id);

const pick = <T>(rng: Rng, items: readonly T[]): T | undefined =>
  items.length === 0 ? undefined : items[Math.floor(rng() * items.length)];

const contactOfTask = (world: World, taskId: string) =>
  world.sandbox.store.tasks.get(taskId)?.contactId ?? '';

/** Up to 30 minutes late, on a fixed pattern (Zapier's polls drift; docs/TRIGGERS.md §4). */
const late = (pollIndex: number) => [0, 0, 7, 0, 30, 0, 12, 0, 0, 25][pollIndex % 10] * MINUTE;

interface TaskStory {
  /** Tasks that existed before the story (history). */
  history: number;
  /** Share of them open. */
  openShare: number;
  /** Story steps (each 1–9 simulated minutes). */
  steps: number;
  /** Sandbox switches. */
  dates: boolean;
  searchOrder: 'shuffled' | 'newest';
  /** Minutes between polls of the contact's New Task Zap (default 1). */
  contactInterval?: number;
}

/**
 * The task story: history tasks, then six task Zaps (sub-account and one contact, both triggers, an assignee
 * filter, two Zaps with the same trigger and inputs, late polls, a failed poll, a Zap off for an hour), and a
 * random but seeded timeline of creations, completions, reopenings (of history tasks too), edits,
 * reassignments, deletions and tasks created and completed within a minute.
 */
const taskStory = (story: TaskStory) => async (world: World) => {
  world.sandbox.taskOptions.dates = story.dates;
  world.sandbox.taskOptions.searchOrder = story.searchOrder;
  const rng = createRng(0x7a5c11 + story.history);
  const contacts: string[] = [];
  for (let i = 0; i < 25; i += 1)
    contacts.push(await world.driver.createContact({ firstName: `Tasker${i}` }));
  const focus = contacts[0];
  historyTasks(world, contacts, story.history, story.openShare, rng);
  const users = world.sandbox.store.usersOf(world.sandbox.locationId).map((user) => user.id);

  const zaps: Array<ZapConfig & { turnOnAt?: number }> = [
    { id: 'new-task', trigger: 'new_task', intervalMinutes: 5, lateness: late },
    { id: 'new-task-twin', trigger: 'new_task', intervalMinutes: 15 },
    { id: 'task-completed', trigger: 'task_completed', intervalMinutes: 15, lateness: late },
    {
      id: 'task-completed-user',
      trigger: 'task_completed',
      intervalMinutes: 5,
      inputData: { assignedTo: users[0] },
    },
    {
      id: 'new-task-contact',
      trigger: 'new_task',
      intervalMinutes: story.contactInterval ?? 1,
      inputData: { contactId: focus },
    },
    {
      id: 'task-completed-contact',
      trigger: 'task_completed',
      intervalMinutes: 15,
      lateness: late,
      inputData: { contactId: focus },
    },
  ];
  const on = new Map<string, Zap>();
  for (const config of zaps) {
    const zap = world.zap(config);
    await zap.turnOn();
    on.set(config.id, zap);
    await world.advance(20_000);
  }

  for (let step = 0; step < story.steps; step += 1) {
    if (step === Math.floor(story.steps / 4)) on.get('task-completed')?.failNext(503);
    if (step === Math.floor(story.steps / 3)) on.get('new-task-twin')?.turnOff();
    if (step === Math.floor(story.steps / 3) + 12) await on.get('new-task-twin')?.turnOn();
    const roll = rng();
    const contactId = rng() < 0.3 ? focus : (pick(rng, contacts) ?? focus);
    const scope = rng() < 0.3 ? focus : undefined;
    if (roll < 0.3) {
      await world.driver.createTask(contactId, {
        title: `Story task ${step}`,
        ...(rng() < 0.7 ? { assignedTo: pick(rng, users) } : {}),
      });
    } else if (roll < 0.55) {
      const id = pick(rng, openTaskIds(world, scope));
      if (id) await world.driver.setTaskCompleted(contactOfTask(world, id), id, true);
    } else if (roll < 0.65) {
      const id = pick(rng, completedTaskIds(world, scope));
      if (id) await world.driver.setTaskCompleted(contactOfTask(world, id), id, false);
    } else if (roll < 0.75) {
      const id = pick(rng, [...openTaskIds(world, scope), ...completedTaskIds(world, scope)]);
      if (id)
        await world.driver.updateTask(contactOfTask(world, id), id, { title: `Edited at step ${step}` });
    } else if (roll < 0.8) {
      const id = pick(rng, openTaskIds(world, scope));
      if (id) await world.driver.updateTask(contactOfTask(world, id), id, { assignedTo: pick(rng, users) });
    } else if (roll < 0.87) {
      const id = pick(rng, [...openTaskIds(world, scope), ...completedTaskIds(world, scope)]);
      if (id) await api(world, 'DELETE', `/contacts/${contactOfTask(world, id)}/tasks/${id}`);
    } else {
      // Created and completed within a minute: between two polls of the sub-account (docs/TASK_TRIGGERS.md §5).
      const id = await world.driver.createTask(contactId, { title: `Quick task ${step}` });
      await world.advance(20_000);
      await world.driver.setTaskCompleted(contactId, id, true);
    }
    await world.advance((1 + Math.floor(rng() * 9)) * MINUTE);
  }
};

/** Bursts: 1,000 tasks created at once, then 300 of them and 300 history tasks completed at once. */
const burstStory = async (world: World) => {
  const rng = createRng(0xb0257);
  const contacts: string[] = [];
  for (let i = 0; i < 10; i += 1) contacts.push(await world.driver.createContact({ firstName: `Burst${i}` }));
  const history = historyTasks(world, contacts, 1_200, 0.5, rng);
  const historyOpen = history.filter((id) => world.sandbox.store.tasks.get(id)?.completed === false);
  const created = world.zap({ id: 'burst-new', trigger: 'new_task', intervalMinutes: 15, lateness: late });
  const completed = world.zap({ id: 'burst-completed', trigger: 'task_completed', intervalMinutes: 5 });
  await created.turnOn();
  await completed.turnOn();
  await world.advance(MINUTE);
  const fresh: string[] = [];
  for (let i = 0; i < 1_000; i += 1) {
    fresh.push(await world.driver.createTask(contacts[i % contacts.length], { title: `Burst task ${i}` }));
  }
  await world.advance(20 * MINUTE);
  for (const id of [...fresh.slice(0, 300), ...historyOpen.slice(0, 300)]) {
    await world.driver.setTaskCompleted(contactOfTask(world, id), id, true);
  }
  await world.advance(60 * MINUTE);
};

/** Notes and appointments of one contact: created, edited (old and new), the newest deleted; late and failed polls. */
const notesStory = async (world: World) => {
  const rng = createRng(0x2073);
  const focus = await world.driver.createContact({ firstName: 'Noted' });
  const old: string[] = [];
  for (let i = 0; i < 30; i += 1) old.push(await world.driver.createNote(focus, `Old note ${i}`));
  for (let i = 0; i < 5; i += 1) world.driver.createAppointment(focus, `Old appointment ${i}`);
  await world.advance(HOUR);
  const notes = world.zap({
    id: 'new-note',
    trigger: 'new_note',
    intervalMinutes: 5,
    lateness: late,
    inputData: { contactId: focus },
  });
  const twin = world.zap({
    id: 'new-note-twin',
    trigger: 'new_note',
    intervalMinutes: 15,
    inputData: { contactId: focus },
  });
  const appointments = world.zap({
    id: 'new-appointment',
    trigger: 'new_appointment',
    intervalMinutes: 15,
    lateness: late,
    inputData: { contactId: focus },
  });
  for (const zap of [notes, twin, appointments]) await zap.turnOn();
  const fresh: string[] = [];
  for (let step = 0; step < 40; step += 1) {
    if (step === 10) notes.failNext(429);
    const roll = rng();
    if (roll < 0.35) fresh.push(await world.driver.createNote(focus, `Note ${step}`));
    else if (roll < 0.6) {
      const id = pick(rng, [...old, ...fresh]);
      if (id) await world.driver.editNote(focus, id, `Edited at step ${step}`);
    } else if (roll < 0.75) {
      const id = fresh.pop() ?? old.pop();
      if (id) await api(world, 'DELETE', `/contacts/${focus}/notes/${id}`);
    } else world.driver.createAppointment(focus, `Appointment ${step}`);
    await world.advance((1 + Math.floor(rng() * 9)) * MINUTE);
  }
};

const scenarios: Scenario[] = [
  {
    name: 'tasks (fast): 1,100 tasks created/completed/reopened/edited/deleted, documented fields, shuffled search',
    fast: true,
    seed: 30,
    run: taskStory({
      history: 1_100,
      openShare: 0.5,
      steps: 24,
      dates: false,
      searchOrder: 'shuffled',
      contactInterval: 5,
    }),
  },
  {
    name: 'tasks: 1,200 tasks, the same kind of story with dateAdded/dateUpdated sent and a newest-first search',
    seed: 50,
    run: taskStory({ history: 1_200, openShare: 0.5, steps: 40, dates: true, searchOrder: 'newest' }),
  },
  { name: 'tasks: bursts of 1,000 created and 600 completed', seed: 50, run: burstStory },
  {
    name: 'notes and appointments: created, edited, deleted; late and failed polls',
    fast: true,
    seed: 20,
    run: notesStory,
  },
];
for (const scenario of scenarios) registerScenario(scenario);
