import { perform } from '../../triggers/new_task';
import { TASK_SCAN } from '../../lib/tasks/poll';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';

const tasksSearch = `/locations/${LOCATION_ID}/tasks/search`;

const task = (id: string, dateAdded: string | undefined, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Task ${id}`,
  body: 'Call back',
  assignedTo: 'user_1',
  dueDate: '2026-11-25T17:00:00.000Z',
  completed: false,
  ...(dateAdded ? { dateAdded } : {}),
  ...extra,
});

const many = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => task(`${prefix}${index}`, undefined, { contactId: 'c1' }));

describe('new_task', () => {
  describe("with a contact: that contact's tasks", () => {
    it('returns them newest first (sorted here) with the contact id filled in', async () => {
      const scope = highlevel()
        .get('/contacts/c1/tasks')
        .reply(200, {
          tasks: [
            task('t1', '2026-11-20T10:00:00.000Z'),
            task('t3', '2026-11-22T10:00:00.000Z', { completed: true }),
            task('t2', '2026-11-21T10:00:00.000Z'),
          ],
        });

      const result = await appTester(perform, makeBundle({ contactId: 'c1' }));

      expect(result.map((item) => item.id)).toEqual(['t3', 't2', 't1']);
      expect(result[0]).toEqual({
        id: 't3',
        title: 'Task t3',
        body: 'Call back',
        dueDate: '2026-11-25T17:00:00.000+00:00',
        completed: true,
        assignedTo: 'user_1',
        contactId: 'c1',
        dateAdded: '2026-11-22T10:00:00.000+00:00',
        dateUpdated: null,
      });
      scope.done();
    });

    it('keeps only the chosen assignee’s tasks, and 3 for the sample', async () => {
      highlevel()
        .get('/contacts/c1/tasks')
        .times(2)
        .reply(200, {
          tasks: [
            task('t1', '2026-11-20T10:00:00.000Z'),
            task('t2', '2026-11-21T10:00:00.000Z', { assignedTo: 'user_2' }),
            task('t3', '2026-11-22T10:00:00.000Z'),
            task('t4', '2026-11-23T10:00:00.000Z'),
            task('t5', '2026-11-24T10:00:00.000Z'),
          ],
        });

      const assigned = await appTester(perform, makeBundle({ contactId: 'c1', assignedTo: 'user_2' }));
      const sample = await appTester(perform, makeBundle({ contactId: 'c1' }, { isLoadingSample: true }));

      expect(assigned.map((item) => item.id)).toEqual(['t2']);
      expect(sample.map((item) => item.id)).toEqual(['t5', 't4', 't3']);
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

  describe("without a contact: the sub-account's open tasks", () => {
    it('searches open tasks, 100 a page, and sorts them newest first', async () => {
      const scope = highlevel()
        .post(tasksSearch, { completed: false, limit: 100 })
        .reply(200, {
          tasks: [
            { ...task('t1', '2026-11-20T10:00:00.000Z'), contactId: 'c1' },
            {
              _id: 't2',
              title: 'From _id',
              completed: false,
              contactId: 'c2',
              dateAdded: '2026-11-22T10:00:00.000Z',
            },
          ],
        });

      const result = await appTester(perform, makeBundle({}));

      expect(result.map(({ id, contactId }) => ({ id, contactId }))).toEqual([
        { id: 't2', contactId: 'c2' },
        { id: 't1', contactId: 'c1' },
      ]);
      scope.done();
    });

    it('filters by assignee in the search', async () => {
      const scope = highlevel()
        .post(tasksSearch, { completed: false, assignedTo: ['user_1'], limit: 100 })
        .reply(200, { tasks: [] });

      expect(await appTester(perform, makeBundle({ assignedTo: 'user_1' }))).toEqual([]);
      scope.done();
    });

    it('reads every page (no documented order) until a short page', async () => {
      const scope = highlevel()
        .post(tasksSearch, { completed: false, limit: 100 })
        .reply(200, { tasks: many('a', 100) })
        .post(tasksSearch, { completed: false, limit: 100, skip: 100 })
        .reply(200, { tasks: many('b', 100) })
        .post(tasksSearch, { completed: false, limit: 100, skip: 200 })
        .reply(200, { tasks: many('c', 7) });

      const result = await appTester(perform, makeBundle({}));

      expect(result).toHaveLength(207);
      expect(new Set(result.map((item) => item.id)).size).toBe(207);
      scope.done();
    });

    it('seeds dedupe with the same set a live poll reads', async () => {
      const scope = highlevel()
        .post(tasksSearch, { completed: false, limit: 100 })
        .reply(200, { tasks: many('a', 100) })
        .post(tasksSearch, { completed: false, limit: 100, skip: 100 })
        .reply(200, { tasks: many('b', 1) });

      expect(await appTester(perform, makeBundle({}, { isPopulatingDedupe: true }))).toHaveLength(101);
      scope.done();
    });

    it('stops when a server ignores skip and repeats a page', async () => {
      const scope = highlevel()
        .post(tasksSearch, { completed: false, limit: 100 })
        .reply(200, { tasks: many('a', 100) })
        .post(tasksSearch, { completed: false, limit: 100, skip: 100 })
        .reply(200, { tasks: many('a', 100) });

      expect(await appTester(perform, makeBundle({}))).toHaveLength(100);
      scope.done();
    });

    it(`stops at ${TASK_SCAN.maxItems} tasks`, async () => {
      const pages = TASK_SCAN.maxItems / 100;
      const skips: unknown[] = [];
      highlevel()
        .post(tasksSearch)
        .times(pages)
        .reply(200, (_uri, body: { skip?: number }) => {
          skips.push(body.skip);
          return { tasks: many(`p${skips.length}-`, 100) };
        });

      const result = await appTester(perform, makeBundle({}));

      expect(result).toHaveLength(TASK_SCAN.maxItems);
      expect(skips).toEqual([
        undefined,
        ...Array.from({ length: pages - 1 }, (_, index) => (index + 1) * 100),
      ]);
    });

    it('loads the sample with one request of 3 tasks', async () => {
      const scope = highlevel()
        .post(tasksSearch, { completed: false, limit: 3 })
        .reply(200, { tasks: many('s', 3) });

      expect(await appTester(perform, makeBundle({}, { isLoadingSample: true }))).toHaveLength(3);
      scope.done();
    });

    it('explains a missing tasks permission', async () => {
      highlevel()
        .post(tasksSearch)
        .reply(403, { statusCode: 403, message: 'The token is not authorized for this scope.' });

      const error = await caught(appTester(perform, makeBundle({})));

      expect(error.code).toBe('forbidden');
      expect(error.message).toContain('locations/tasks.readonly');
    });
  });
});
