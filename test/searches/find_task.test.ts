import App from '../../index';
import findTask, { perform } from '../../searches/find_task';
import { appTester, caught, highlevel, makeBundle } from '../helpers';
import { CONTACT_ID, refused, staticFields } from './fixtures';

const rawTask = (id: string, title: string, completed: boolean, dueDate?: string) => ({
  id,
  title,
  body: 'Details',
  assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
  ...(dueDate ? { dueDate } : {}),
  completed,
  contactId: CONTACT_ID,
});

const output = (id: string, title: string, completed: boolean, dueDate: string | null) => ({
  id,
  title,
  body: 'Details',
  dueDate,
  completed,
  assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
  contactId: CONTACT_ID,
  dateAdded: null,
  dateUpdated: null,
});

describe('find_task', () => {
  it('is registered: a required contact (search-powered), an optional task dropdown and a title', () => {
    expect(App.searches?.find_task).toBe(findTask);
    expect(findTask.display.label).toBe('Find Task');
    const fields = staticFields(findTask.operation);
    expect(fields.map((field) => [field.key, field.required, field.dynamic, field.search])).toEqual([
      ['contactId', true, 'contact_list.id.label', 'find_contact.id'],
      ['taskId', false, 'task_list.id.label', undefined],
      ['title', false, undefined, undefined],
    ]);
  });

  it('reads a chosen task', async () => {
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}/tasks/task1`)
      .reply(200, { task: rawTask('task1', 'Call back', false, '2026-11-25T17:00:00.000Z') });
    const result = await appTester(
      perform,
      makeBundle({ contactId: CONTACT_ID, taskId: 'task1', title: 'ignored' }),
    );
    expect(result).toEqual([output('task1', 'Call back', false, '2026-11-25T17:00:00.000+00:00')]);
    api.done();
  });

  it('returns [] for a chosen task that no longer exists (404)', async () => {
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}/tasks/gone1`)
      .reply(404, { statusCode: 404, message: 'Task not found' });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, taskId: 'gone1' }))).toEqual([]);
    api.done();
  });

  it('returns [] for a chosen task answered with a 400 "Task not found"', async () => {
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}/tasks/gone2`)
      .reply(400, { statusCode: 400, message: 'Task not found' });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, taskId: 'gone2' }))).toEqual([]);
    api.done();
  });

  it('matches titles case-insensitively: exact first, then open before completed, then latest due', async () => {
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}/tasks`)
      .reply(200, {
        tasks: [
          rawTask('old-open', 'Call back about the quote', false, '2026-11-01T10:00:00.000Z'),
          rawTask('done', 'CALL BACK about the quote', true, '2026-12-01T10:00:00.000Z'),
          rawTask('other', 'Send the invoice', false, '2026-12-05T10:00:00.000Z'),
          rawTask('new-open', 'call back  about the quote!', false, '2026-11-20T10:00:00.000Z'),
          rawTask('no-due', 'Call back', false),
          rawTask('exact-done', 'call back', true, '2026-10-01T10:00:00.000Z'),
        ],
      });
    const result = await appTester(perform, makeBundle({ contactId: CONTACT_ID, title: '  Call   Back ' }));
    expect(result.map((task) => task.id)).toEqual(['no-due', 'exact-done', 'new-open', 'old-open', 'done']);
    expect(result[2]).toEqual(
      output('new-open', 'call back  about the quote!', false, '2026-11-20T10:00:00.000+00:00'),
    );
    api.done();
  });

  it('returns [] when no title matches', async () => {
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}/tasks`)
      .reply(200, { tasks: [rawTask('t', 'Send the invoice', false)] });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, title: 'call' }))).toEqual([]);
    api.done();
  });

  it('returns [] when the contact does not exist (404)', async () => {
    const api = highlevel()
      .get('/contacts/gone/tasks')
      .reply(404, { statusCode: 404, message: 'Contact not found' });
    expect(await appTester(perform, makeBundle({ contactId: 'gone', title: 'call' }))).toEqual([]);
    api.done();
  });

  it("passes HighLevel's 422 messages on", async () => {
    highlevel()
      .get(`/contacts/${CONTACT_ID}/tasks`)
      .reply(422, { statusCode: 422, message: ['contactId must be valid'], error: 'Unprocessable Entity' });
    expect(await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, title: 'x' })))).toMatchObject(
      {
        code: 'validation_failed',
        message: 'HighLevel rejected the request: contactId must be valid.',
      },
    );
  });

  describe('validation: a plain error and no request', () => {
    it.each([
      [{ title: 'call' }, 'Contact is required.'],
      [{ contactId: CONTACT_ID }, 'Choose a Task or fill in a Title to find a task.'],
      [
        { contactId: CONTACT_ID, taskId: ' ', title: '  ' },
        'Choose a Task or fill in a Title to find a task.',
      ],
      [
        { contactId: CONTACT_ID, taskId: '../x' },
        'Task must be a HighLevel ID (letters, digits, - or _); choose it from the dropdown (got "../x").',
      ],
      [
        { contactId: 'a?b', title: 'call' },
        'Contact must be a HighLevel ID (letters, digits, - or _); choose it from the dropdown (got "a?b").',
      ],
    ])('%j', async (inputData, message) => {
      expect(await refused(() => appTester(perform, makeBundle(inputData)))).toEqual({
        message,
        code: 'invalid_input',
        sent: false,
      });
    });
  });
});
