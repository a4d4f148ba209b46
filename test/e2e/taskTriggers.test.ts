/**
 * New Task and Task Completed against the sandbox, with their state on z.cache through core's real code and
 * the Zapier state emulator (TTL, scope ['auth'], nx): shared by the Zaps of one connection, separate per
 * connection, locked against concurrent polls, correct whether tasks carry undocumented dates or not and in
 * whatever order the task search answers (docs/TASK_TRIGGERS.md §2–§5).
 */
import nock from 'nock';
import App from '../../index';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { pointAppAt } from '../../scripts/lib/local';
import { authDataFromTokens, createRuntime, type Runtime } from '../../scripts/lib/runtime';
import { ZapierStateServer } from '../../scripts/lib/zapierPlatform';

let sandbox: Sandbox;
let platform: ZapierStateServer;
let restoreEnv: () => void;
let contactId: string;

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  sandbox = await startSandbox({ seed: 40, rateLimit: { max: 100_000, intervalMs: 10_000 } });
  platform = await ZapierStateServer.start();
  restoreEnv = pointAppAt(sandbox);
  contactId = sandbox.store.createContact(sandbox.locationId, { firstName: 'Tasked' }).id;
});
afterAll(async () => {
  restoreEnv();
  await Promise.all([sandbox.close(), platform.stop()]);
});
beforeEach(() => {
  platform.clear();
  sandbox.taskOptions.dates = false;
  sandbox.taskOptions.searchOrder = 'shuffled';
});

const runtimeFor = (zapId: string, connectionId = 'connection-1'): Runtime =>
  createRuntime(App, {
    authData: authDataFromTokens(sandbox.issueTokens()),
    platform: { server: platform, identity: { connectionId, userId: 'user-1', zapId } },
  });

/** A Zap as Zapier runs it: turn-on fills its dedupe list, later polls return what it never stored. */
const zap = (
  trigger: string,
  zapId: string,
  inputData: Record<string, unknown> = {},
  connectionId?: string,
) => {
  const runtime = runtimeFor(zapId, connectionId);
  const seen = new Set<string>();
  const run = async (isPopulatingDedupe: boolean) => {
    const items = await runtime.run<Array<{ id: string; taskId?: string }>>(
      `triggers.${trigger}.operation.perform`,
      inputData,
      { isPopulatingDedupe },
    );
    const fresh = items.filter((item) => !seen.has(item.id));
    for (const item of items) seen.add(item.id);
    return isPopulatingDedupe ? [] : fresh;
  };
  return { turnOn: () => run(true), poll: () => run(false) };
};

const newTask = (completed = false, at?: number) =>
  sandbox.store.createTask(
    contactId,
    { title: 'Call back', dueDate: Date.now() + 86_400_000, completed },
    at,
  )!.id;

describe.each([
  { dates: false, searchOrder: 'shuffled' as const },
  { dates: true, searchOrder: 'newest' as const },
])('tasks with dates: $dates, search order: $searchOrder', ({ dates, searchOrder }) => {
  beforeEach(() => {
    sandbox.taskOptions.dates = dates;
    sandbox.taskOptions.searchOrder = searchOrder;
  });

  it('two Zaps of one connection each fire every event once; state is per connection', async () => {
    const first = zap('new_task', 'zap-a');
    const second = zap('new_task', 'zap-b');
    const completedA = zap('task_completed', 'zap-c');
    const otherConnection = zap('new_task', 'zap-d', {}, 'connection-2');
    for (const each of [first, second, completedA, otherConnection]) expect(await each.turnOn()).toEqual([]);

    const created = newTask();
    expect((await first.poll()).map((item) => item.id)).toEqual([created]);
    // The second Zap polls after the first consumed nothing: it gets the same event from the shared log.
    expect((await second.poll()).map((item) => item.id)).toEqual([created]);
    expect(await first.poll()).toEqual([]);
    expect((await otherConnection.poll()).map((item) => item.id)).toEqual([created]);

    sandbox.store.updateTask(created, { completed: true });
    const fired = await completedA.poll();
    expect(fired.map((item) => item.taskId)).toEqual([created]);
    expect(await first.poll()).toEqual([]);
    expect(await completedA.poll()).toEqual([]);

    // Reopened (silent for New Task) and completed again: a second, different completion event.
    sandbox.store.updateTask(created, { completed: false });
    expect(await first.poll()).toEqual([]);
    expect(await completedA.poll()).toEqual([]);
    sandbox.store.updateTask(created, { completed: true });
    const again = await completedA.poll();
    expect(again.map((item) => item.taskId)).toEqual([created]);
    expect(again[0].id).not.toBe(fired[0].id);
  });

  it('concurrent polls of two Zaps take turns on the lock and agree', async () => {
    const first = zap('task_completed', 'zap-a');
    const second = zap('task_completed', 'zap-b');
    const open = [newTask(), newTask(), newTask()];
    await Promise.all([first.turnOn(), second.turnOn()]);
    for (const id of open) sandbox.store.updateTask(id, { completed: true });

    const [a, b] = await Promise.all([first.poll(), second.poll()]);

    expect(a.map((item) => item.taskId).sort()).toEqual([...open].sort());
    expect(b.map((item) => item.id).sort()).toEqual(a.map((item) => item.id).sort());
  });

  it('a Zap turned on later fires nothing from before its turn-on', async () => {
    const early = zap('new_task', 'zap-a');
    await early.turnOn();
    const before = newTask();
    expect((await early.poll()).map((item) => item.id)).toEqual([before]);

    const late = zap('new_task', 'zap-b');
    await late.turnOn();
    expect(await late.poll()).toEqual([]);
    const after = newTask();
    expect((await late.poll()).map((item) => item.id)).toEqual([after]);
  });

  it('a reopened task completed before turn-on: New Task fires only without dates (docs/TASK_TRIGGERS.md §5)', async () => {
    const old = newTask(true, Date.now() - 86_400_000);
    const watcher = zap('new_task', 'zap-a');
    await watcher.turnOn();
    sandbox.store.updateTask(old, { completed: false });

    expect((await watcher.poll()).map((item) => item.id)).toEqual(dates ? [] : [old]);
  });
});

it('keeps the open tasks in keys of at most 2,500 (scope auth) and the events with a TTL', async () => {
  const watcher = zap('new_task', 'zap-a');
  await watcher.turnOn();
  newTask();
  await watcher.poll();

  const entries = platform.entries().filter((entry) => entry.key.includes('tasks:location'));
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) expect(entry.scope).toContain('connection-1');
  const shards = entries.filter((entry) => /:open\d+$/.test(entry.key));
  expect(shards.length).toBeGreaterThan(0);
  for (const shard of shards) expect(Object.keys(shard.value as object).length).toBeLessThanOrEqual(2_500);
  const log = entries.filter((entry) => /:e\d+$/.test(entry.key));
  expect(log.every((entry) => entry.expiresAt !== undefined)).toBe(true);
});
