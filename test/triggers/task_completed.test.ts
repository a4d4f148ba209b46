import taskCompleted, { perform } from '../../triggers/task_completed';
import { appTester, highlevel, LOCATION_ID, makeBundle } from '../helpers';

const tasksSearch = `/locations/${LOCATION_ID}/tasks/search`;

const task = (id: string, completed: boolean, dateUpdated: string) => ({
  id,
  title: `Task ${id}`,
  dueDate: '2026-11-25T17:00:00.000Z',
  completed,
  dateAdded: '2026-11-01T10:00:00.000Z',
  dateUpdated,
});

afterEach(() => jest.restoreAllMocks());

describe('task_completed', () => {
  it("keeps a contact's completed tasks, most recently updated first; id = task id + :completed", async () => {
    const scope = highlevel()
      .get('/contacts/c1/tasks')
      .reply(200, {
        tasks: [
          task('t1', true, '2026-11-20T10:00:00.000Z'),
          task('t2', false, '2026-11-23T10:00:00.000Z'),
          task('t3', true, '2026-11-22T10:00:00.000Z'),
        ],
      });

    const result = await appTester(perform, makeBundle({ contactId: 'c1' }));

    expect(
      result.map(({ id, taskId, completed, contactId }) => ({ id, taskId, completed, contactId })),
    ).toEqual([
      { id: 't3:completed', taskId: 't3', completed: true, contactId: 'c1' },
      { id: 't1:completed', taskId: 't1', completed: true, contactId: 'c1' },
    ]);
    scope.done();
  });

  it("searches the sub-account's completed tasks", async () => {
    const scope = highlevel()
      .post(tasksSearch, { completed: true, assignedTo: ['user_1'], limit: 100 })
      .reply(200, { tasks: [{ ...task('t1', true, '2026-11-20T10:00:00.000Z'), contactId: 'c9' }] });

    const [item] = await appTester(perform, makeBundle({ assignedTo: 'user_1' }));

    expect(item).toMatchObject({ id: 't1:completed', taskId: 't1', contactId: 'c9', completed: true });
    scope.done();
  });

  it('starts no new page of the task scan after 20 seconds', async () => {
    let clock = Date.now();
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
    const skips: unknown[] = [];
    highlevel()
      .post(tasksSearch)
      .times(5)
      .reply(200, (_uri, body: { skip?: number }) => {
        skips.push(body.skip);
        clock += 7_000;
        return {
          tasks: Array.from({ length: 100 }, (_, index) =>
            task(`p${skips.length}-${index}`, true, '2026-11-20T10:00:00.000Z'),
          ),
        };
      });

    const result = await appTester(perform, makeBundle({}));

    expect(skips).toEqual([undefined, 100, 200]);
    expect(result).toHaveLength(300);
  });

  it('labels the event id and the real task id', () => {
    const fields = taskCompleted.operation.outputFields as Array<{ key: string; label: string }>;
    expect(fields.slice(0, 3).map(({ key, label }) => ({ key, label }))).toEqual([
      { key: 'id', label: 'Event ID' },
      { key: 'taskId', label: 'Task ID' },
      { key: 'title', label: 'Title' },
    ]);
    expect(taskCompleted.operation.sample).toMatchObject({
      id: 'K5d0R7MLGjT7pUZ9cpXn:completed',
      taskId: 'K5d0R7MLGjT7pUZ9cpXn',
      completed: true,
    });
  });
});
