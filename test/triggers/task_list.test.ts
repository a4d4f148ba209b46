import { perform } from '../../triggers/task_list';
import { appTester, caught, highlevel, makeBundle } from '../helpers';

describe('task_list', () => {
  it("lists the contact's tasks newest first, with due date and status", async () => {
    const scope = highlevel()
      .get('/contacts/c1/tasks')
      .reply(200, {
        tasks: [
          {
            id: 't1',
            title: 'Send quote',
            dueDate: '2026-11-25T17:00:00.000Z',
            completed: false,
            dateAdded: '2026-11-20T10:00:00Z',
          },
          {
            id: 't2',
            title: '  Call\nback  ',
            dueDate: '2026-11-26T17:00:00.000Z',
            completed: true,
            dateAdded: '2026-11-21T10:00:00Z',
          },
          { id: 't3', title: '', dateAdded: '2026-11-19T10:00:00Z' },
        ],
      });

    expect(await appTester(perform, makeBundle({ contactId: 'c1' }))).toEqual([
      { id: 't2', label: 'Call back (due 2026-11-26, completed)' },
      { id: 't1', label: 'Send quote (due 2026-11-25)' },
      { id: 't3', label: 'Untitled task' },
    ]);
    scope.done();
  });

  it('is empty without a contact, for a deleted contact, and on a further page', async () => {
    const scope = highlevel()
      .get('/contacts/gone/tasks')
      .reply(404, { statusCode: 404, message: 'Not found' });

    expect(await appTester(perform, makeBundle({}))).toEqual([]);
    expect(await appTester(perform, makeBundle({ contactId: 'gone' }))).toEqual([]);
    expect(await appTester(perform, makeBundle({ contactId: 'c1' }, { page: 1 }))).toEqual([]);
    scope.done();
  });

  it('refuses a malformed contact before any request', async () => {
    const scope = highlevel().get(/.*/).reply(200, { tasks: [] });

    const error = await caught(appTester(perform, makeBundle({ contactId: 'a/b' })));

    expect(error.code).toBe('invalid_input');
    expect(scope.isDone()).toBe(false);
  });
});
