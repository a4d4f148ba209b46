import newTask, { perform } from '../../triggers/new_task';
import { TASK_POLL } from '../../lib/tasks/poll';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';

const tasksSearch = `/locations/${LOCATION_ID}/tasks/search`;

/** A task as HighLevel documents it (TaskSchema: no dates). */
const task = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Task ${id}`,
  body: 'Call back',
  assignedTo: 'user_1',
  dueDate: '2026-11-25T17:00:00.000Z',
  completed: false,
  contactId: 'c1',
  ...extra,
});

const many = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => task(`${prefix}${index}`));

/** Answers the open-task search with `tasks` in pages of 100, as the search pages with `skip`. */
const openTasks = (tasks: ReturnType<typeof task>[]) => {
  const pages = Math.floor(tasks.length / TASK_POLL.pageLimit) + 1;
  return highlevel()
    .post(tasksSearch, (body: { completed?: boolean; limit?: number }) => body.completed === false)
    .times(pages)
    .reply(200, (_uri, body: { skip?: number }) => ({
      tasks: tasks.slice(body.skip ?? 0, (body.skip ?? 0) + TASK_POLL.pageLimit),
    }));
};

const dedupe = { isPopulatingDedupe: true };

describe('new_task', () => {
  describe("with a contact: all of that contact's tasks every poll", () => {
    it('turning on fires nothing; a task created later fires once, with the exact output', async () => {
      highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, { tasks: [task('t1'), task('t2', { completed: true })] });
      expect(await appTester(perform, makeBundle({ contactId: 'c1' }, dedupe))).toEqual([]);

      const scope = highlevel()
        .get('/contacts/c1/tasks')
        .times(2)
        .reply(200, { tasks: [task('t1'), task('t2', { completed: true }), task('t3')] });
      const fired = await appTester(perform, makeBundle({ contactId: 'c1' }));

      expect(fired).toEqual([
        {
          id: 't3',
          title: 'Task t3',
          body: 'Call back',
          dueDate: '2026-11-25T17:00:00.000+00:00',
          completed: false,
          assignedTo: 'user_1',
          contactId: 'c1',
          dateAdded: null,
          dateUpdated: null,
        },
      ]);
      // The next poll returns the same event (Zapier's dedupe drops it): a Zap that missed a poll still gets it.
      expect((await appTester(perform, makeBundle({ contactId: 'c1' }))).map((item) => item.id)).toEqual([
        't3',
      ]);
      scope.done();
    });

    it('a task created and completed between two polls fires; edits and completion do not fire again', async () => {
      highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, { tasks: [task('t1')] });
      await appTester(perform, makeBundle({ contactId: 'c1' }, dedupe));
      highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, {
          tasks: [task('t1', { completed: true, title: 'Edited' }), task('t9', { completed: true })],
        });

      const fired = await appTester(perform, makeBundle({ contactId: 'c1' }));

      expect(fired.map(({ id, completed }) => ({ id, completed }))).toEqual([{ id: 't9', completed: true }]);
    });

    it('keeps only the chosen assignee’s new tasks', async () => {
      highlevel().get('/contacts/c1/tasks').reply(200, { tasks: [] });
      await appTester(perform, makeBundle({ contactId: 'c1', assignedTo: 'user_2' }, dedupe));
      highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, { tasks: [task('t1'), task('t2', { assignedTo: 'user_2' })] });

      const fired = await appTester(perform, makeBundle({ contactId: 'c1', assignedTo: 'user_2' }));

      expect(fired.map((item) => item.id)).toEqual(['t2']);
    });

    it('loads the sample (3 open tasks) without touching the state', async () => {
      highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, { tasks: [...many('s', 4), task('x', { completed: true })] });

      const sample = await appTester(perform, makeBundle({ contactId: 'c1' }, { isLoadingSample: true }));

      expect(sample.map((item) => item.id)).toEqual(['s0', 's1', 's2']);
      highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, { tasks: [task('s0')] });
      // No baseline was made by the sample: this poll makes it, and fires nothing.
      expect(await appTester(perform, makeBundle({ contactId: 'c1' }))).toEqual([]);
    });

    it('refuses a malformed contact before any request', async () => {
      const scope = highlevel().get(/.*/).reply(200, { tasks: [] });

      const error = await caught(appTester(perform, makeBundle({ contactId: 'c1/../x' })));

      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/^Contact must be a HighLevel ID/);
      expect(scope.isDone()).toBe(false);
    });

    it('names the contact when it does not exist', async () => {
      highlevel().get('/contacts/gone/tasks').reply(404, { statusCode: 404, message: 'Contact not found' });

      const error = await caught(appTester(perform, makeBundle({ contactId: 'gone' })));

      expect(error.message).toContain('contact "gone"');
    });
  });

  describe("without a contact: the sub-account's open tasks, read whole in any order", () => {
    it('reads every page (100 a page, skip by what came back) and fires only tasks never seen', async () => {
      const bodies: unknown[] = [];
      const existing = many('a', 207);
      highlevel()
        .post(tasksSearch)
        .times(3)
        .reply(200, (_uri, body: { skip?: number }) => {
          bodies.push(body);
          return { tasks: existing.slice(body.skip ?? 0, (body.skip ?? 0) + 100) };
        });
      expect(await appTester(perform, makeBundle({}, dedupe))).toEqual([]);
      expect(bodies).toEqual([
        { completed: false, limit: 100 },
        { completed: false, limit: 100, skip: 100 },
        { completed: false, limit: 100, skip: 200 },
      ]);

      // The same open tasks in another order, plus one new one (HighLevel's own `_id` spelling).
      const shuffled = [...existing].reverse();
      shuffled.splice(150, 0, { ...task('ignored'), id: undefined, _id: 'n1', contactId: 'c7' } as never);
      openTasks(shuffled);
      const fired = await appTester(perform, makeBundle({}));

      expect(fired.map(({ id, contactId }) => ({ id, contactId }))).toEqual([{ id: 'n1', contactId: 'c7' }]);
    });

    it('a task gone from the open list is read back by id before anything is concluded (no New Task)', async () => {
      openTasks([task('t1'), task('t2', { contactId: 'c2' })]);
      await appTester(perform, makeBundle({}, dedupe));
      openTasks([task('t1')]);
      const readBack = highlevel()
        .get('/contacts/c2/tasks/t2')
        .reply(200, { task: task('t2', { contactId: 'c2', completed: true }) });

      expect(await appTester(perform, makeBundle({}))).toEqual([]);
      readBack.done();
    });

    it('filters by assignee locally: one read serves every Zap of the connection', async () => {
      openTasks([]);
      await appTester(perform, makeBundle({ assignedTo: 'user_2' }, dedupe));
      openTasks([task('t1'), task('t2', { assignedTo: 'user_2' })]);

      const fired = await appTester(perform, makeBundle({ assignedTo: 'user_2' }));

      expect(fired.map((item) => item.id)).toEqual(['t2']);
      // A Zap without the filter on the same connection still sees both (its own dedupe decides).
      openTasks([task('t1'), task('t2', { assignedTo: 'user_2' })]);
      expect((await appTester(perform, makeBundle({}))).map((item) => item.id).sort()).toEqual(['t1', 't2']);
    });

    it('makes no baseline from a read cut short by the time budget, and fires nothing from it', async () => {
      let clock = 0;
      const now = jest.spyOn(performance, 'now').mockImplementation(() => clock);
      try {
        highlevel()
          .post(tasksSearch)
          .times(3)
          .reply(200, (_uri, body: { skip?: number }) => {
            clock += 7_000;
            return { tasks: many(`p${body.skip ?? 0}-`, 100) };
          });
        expect(await appTester(perform, makeBundle({}, dedupe))).toEqual([]);
        expect(clock).toBe(21_000);
      } finally {
        now.mockRestore();
      }
      // The next poll makes the baseline: what the cut-short read saw is not new.
      openTasks(many('p0-', 100).slice(0, 50));
      expect(await appTester(perform, makeBundle({}))).toEqual([]);
    });

    it('loads the sample with one search of 3 open tasks', async () => {
      const scope = highlevel()
        .post(tasksSearch, { completed: false, limit: 3 })
        .reply(200, { tasks: many('s', 3) });

      expect(await appTester(perform, makeBundle({}, { isLoadingSample: true }))).toHaveLength(3);
      scope.done();
    });

    it('explains a missing tasks permission', async () => {
      highlevel()
        .post(tasksSearch)
        .reply(401, { statusCode: 401, message: 'The token is not authorized for this scope.' });

      const error = await caught(appTester(perform, makeBundle({})));

      expect(error.code).toBe('forbidden');
      expect(error.message).toContain('locations/tasks.readonly');
    });
  });

  it('says what fires in its description and contact help text', () => {
    expect(newTask.display.description).toBe(
      'Triggers when a new task is created. Each task triggers once; edits, completion and reopening do not trigger.',
    );
    const contact = (newTask.operation.inputFields as Array<{ key: string; helpText?: string }>).find(
      (field) => field.key === 'contactId',
    );
    // One or two plain sentences, and where the full rule is.
    expect(contact?.helpText).toBe(
      "Only this contact's tasks: none is missed. Leave empty to watch the whole sub-account; then a task created and completed between two checks doesn't trigger. The full rule: docs/TASK_TRIGGERS.md §5.",
    );
  });
});
