import taskCompleted, { perform } from '../../triggers/task_completed';
import { TASK_POLL } from '../../lib/tasks/poll';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';

const tasksSearch = `/locations/${LOCATION_ID}/tasks/search`;

/** A task as HighLevel documents it (TaskSchema: no dates). */
const task = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Task ${id}`,
  assignedTo: 'user_1',
  dueDate: '2026-11-25T17:00:00.000Z',
  completed: false,
  contactId: 'c1',
  ...extra,
});
const done = (id: string, extra: Record<string, unknown> = {}) => task(id, { completed: true, ...extra });

const openTasks = (tasks: ReturnType<typeof task>[]) =>
  highlevel()
    .post(tasksSearch, (body: { completed?: boolean }) => body.completed === false)
    .times(Math.floor(tasks.length / TASK_POLL.pageLimit) + 1)
    .reply(200, (_uri, body: { skip?: number }) => ({
      tasks: tasks.slice(body.skip ?? 0, (body.skip ?? 0) + TASK_POLL.pageLimit),
    }));

const dedupe = { isPopulatingDedupe: true };
const eventIds = (items: Array<{ id: string }>) =>
  items.map((item) => item.id.replace(/:[0-9a-f]{8}\./, ':G.'));

describe('task_completed', () => {
  describe("with a contact: all of that contact's tasks every poll", () => {
    it('fires each completion once with its own event id; reopening is silent; completing again fires again', async () => {
      highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, { tasks: [task('t1'), done('old')] });
      expect(await appTester(perform, makeBundle({ contactId: 'c1' }, dedupe))).toEqual([]);

      highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, { tasks: [done('t1'), done('old')] });
      const first = await appTester(perform, makeBundle({ contactId: 'c1' }));
      expect(eventIds(first)).toEqual(['t1:completed:G.1']);
      expect(first[0]).toMatchObject({ taskId: 't1', completed: true, contactId: 'c1', title: 'Task t1' });

      highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, { tasks: [task('t1', { title: 'Reopened' }), done('old')] });
      expect(eventIds(await appTester(perform, makeBundle({ contactId: 'c1' })))).toEqual([
        't1:completed:G.1',
      ]);

      highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, { tasks: [done('t1'), done('old', { title: 'Edited' })] });
      const again = await appTester(perform, makeBundle({ contactId: 'c1' }));
      expect(eventIds(again).sort()).toEqual(['t1:completed:G.1', 't1:completed:G.2']);
    });

    it('a task created and completed between two polls fires', async () => {
      highlevel().get('/contacts/c1/tasks').reply(200, { tasks: [] });
      await appTester(perform, makeBundle({ contactId: 'c1' }, dedupe));
      highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, { tasks: [done('quick')] });

      expect(eventIds(await appTester(perform, makeBundle({ contactId: 'c1' })))).toEqual([
        'quick:completed:G.1',
      ]);
    });
  });

  describe('without a contact: open tasks read whole, and those that left read back by id', () => {
    it('a task that left the open list and reads back completed fires; open stays; deleted is forgotten', async () => {
      openTasks([task('t1'), task('t2', { contactId: 'c2' }), task('t3', { contactId: 'c3' })]);
      expect(await appTester(perform, makeBundle({}, dedupe))).toEqual([]);

      openTasks([]);
      const reads = highlevel()
        .get('/contacts/c1/tasks/t1')
        .reply(200, { task: done('t1') })
        .get('/contacts/c2/tasks/t2')
        .reply(200, { task: task('t2', { contactId: 'c2' }) })
        .get('/contacts/c3/tasks/t3')
        .reply(400, { statusCode: 400, message: 'Task not found' });
      const fired = await appTester(perform, makeBundle({}));

      expect(eventIds(fired)).toEqual(['t1:completed:G.1']);
      expect(fired[0]).toMatchObject({ taskId: 't1', completed: true, contactId: 'c1' });
      reads.done();

      // t2 (still open, missed by that read) is read back again while it stays missing; t3 is forgotten.
      openTasks([task('t2', { contactId: 'c2' })]);
      expect(eventIds(await appTester(perform, makeBundle({})))).toEqual(['t1:completed:G.1']);
    });

    it('costs one search per 100 open tasks and nothing for completed history', async () => {
      const open = Array.from({ length: 250 }, (_, index) => task(`o${index}`));
      const searches: unknown[] = [];
      const scope = highlevel()
        .post(tasksSearch)
        .times(6)
        .reply(200, (_uri, body: { completed?: boolean; skip?: number }) => {
          searches.push(body);
          return { tasks: open.slice(body.skip ?? 0, (body.skip ?? 0) + 100) };
        });
      await appTester(perform, makeBundle({}, dedupe));
      await appTester(perform, makeBundle({}));

      expect(searches).toHaveLength(6);
      expect(searches.every((body) => (body as { completed: boolean }).completed === false)).toBe(true);
      scope.done();
    });

    it(`reads back at most ${TASK_POLL.maxChecks} tasks per poll; the rest wait for the next`, async () => {
      const open = Array.from({ length: TASK_POLL.maxChecks + 10 }, (_, index) => task(`o${index}`));
      openTasks(open);
      await appTester(perform, makeBundle({}, dedupe));
      openTasks([]);
      const reads = highlevel()
        .get(/\/contacts\/c1\/tasks\/o\d+$/)
        .times(TASK_POLL.maxChecks)
        .reply(200, (uri) => ({ task: done(uri.split('/').pop() as string) }));
      expect(await appTester(perform, makeBundle({}))).toHaveLength(TASK_POLL.maxChecks);
      reads.done();

      openTasks([]);
      highlevel()
        .get(/\/contacts\/c1\/tasks\/o\d+$/)
        .times(10)
        .reply(200, (uri) => ({ task: done(uri.split('/').pop() as string) }));
      expect(await appTester(perform, makeBundle({}))).toHaveLength(TASK_POLL.maxChecks + 10);
    });

    it('keeps only the chosen assignee’s completions (the assignee when completed)', async () => {
      openTasks([task('t1'), task('t2')]);
      await appTester(perform, makeBundle({ assignedTo: 'user_2' }, dedupe));
      openTasks([]);
      highlevel()
        .get('/contacts/c1/tasks/t1')
        .reply(200, { task: done('t1') })
        .get('/contacts/c1/tasks/t2')
        .reply(200, { task: done('t2', { assignedTo: 'user_2' }) });

      expect(eventIds(await appTester(perform, makeBundle({ assignedTo: 'user_2' })))).toEqual([
        't2:completed:G.1',
      ]);
    });

    it('loads the sample with one search of 3 completed tasks', async () => {
      const scope = highlevel()
        .post(tasksSearch, { completed: true, limit: 3 })
        .reply(200, { tasks: [done('s1', { contactId: 'c9' })] });

      const [item] = await appTester(perform, makeBundle({}, { isLoadingSample: true }));

      expect(item).toMatchObject({
        id: 's1:completed:sample.1',
        taskId: 's1',
        contactId: 'c9',
        completed: true,
      });
      scope.done();
    });

    it('fails the poll (baseline unchanged) when a read-back fails', async () => {
      openTasks([task('t1')]);
      await appTester(perform, makeBundle({}, dedupe));
      openTasks([]);
      highlevel().get('/contacts/c1/tasks/t1').times(3).reply(503, { statusCode: 503, message: 'down' });

      const error = await caught(appTester(perform, makeBundle({})));
      expect(error.code).toBe('server_error');

      openTasks([]);
      highlevel()
        .get('/contacts/c1/tasks/t1')
        .reply(200, { task: done('t1') });
      expect(eventIds(await appTester(perform, makeBundle({})))).toEqual(['t1:completed:G.1']);
    });
  });

  it('labels the event id and the real task id, and says what fires', () => {
    const fields = taskCompleted.operation.outputFields as Array<{ key: string; label: string }>;
    expect(fields.slice(0, 3).map(({ key, label }) => ({ key, label }))).toEqual([
      { key: 'id', label: 'Event ID' },
      { key: 'taskId', label: 'Task ID' },
      { key: 'title', label: 'Title' },
    ]);
    expect(taskCompleted.operation.sample).toMatchObject({
      id: 'K5d0R7MLGjT7pUZ9cpXn:completed:3f9a1c2e.1',
      taskId: 'K5d0R7MLGjT7pUZ9cpXn',
      completed: true,
    });
    expect(taskCompleted.display.description).toBe(
      'Triggers when a task is marked completed. A task reopened and completed again triggers again; edits do not trigger.',
    );
  });
});
