import App from '../../index';
import createTask, { perform } from '../../creates/create_task';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { apiTask, CONTACT_ID, taskOutput, USER_ID, validationFailure } from './fixtures';

describe('create_task', () => {
  it('is registered as "Create Task" with required title and due date', () => {
    expect(App.creates?.create_task).toBe(createTask);
    expect(createTask.display.label).toBe('Create Task');
    const fields = createTask.operation.inputFields ?? [];
    expect(fields.map((field) => 'key' in field && field.key)).toEqual([
      'contactId',
      'title',
      'dueDate',
      'body',
      'assignedTo',
      'completed',
    ]);
    expect(
      fields
        .filter((field) => 'required' in field && field.required)
        .map((field) => 'key' in field && field.key),
    ).toEqual(['contactId', 'title', 'dueDate']);
  });

  it('sends POST /contacts/{id}/tasks with an ISO due date and completed: false', async () => {
    const api = highlevel()
      .post(`/contacts/${CONTACT_ID}/tasks`, {
        title: 'Call Amy',
        body: 'About the binders.',
        dueDate: '2026-12-01T17:00:00.000Z',
        completed: false,
        assignedTo: USER_ID,
      })
      .reply(201, { task: apiTask });
    const result = await appTester(
      perform,
      makeBundle({
        contactId: CONTACT_ID,
        title: ' Call Amy ',
        body: 'About the binders.',
        dueDate: '2026-12-01T12:00:00-05:00',
        assignedTo: USER_ID,
      }),
    );
    expect(result).toEqual(taskOutput);
    api.done();
  });

  it('creates an already completed task without a description or assignee', async () => {
    const api = highlevel()
      .post(`/contacts/${CONTACT_ID}/tasks`, {
        title: 'Done',
        dueDate: '2026-12-01T00:00:00.000Z',
        completed: true,
      })
      .reply(201, { task: { ...apiTask, contactId: undefined } });
    const result = await appTester(
      perform,
      makeBundle<Record<string, unknown>>({
        contactId: CONTACT_ID,
        title: 'Done',
        dueDate: '2026-12-01',
        completed: 'yes',
        body: '',
        assignedTo: '',
      }),
    );
    expect(result).toMatchObject({ id: apiTask.id, contactId: CONTACT_ID });
    api.done();
  });

  it.each([
    [{ contactId: CONTACT_ID, dueDate: '2026-12-01' }, 'Title is required.'],
    [{ contactId: CONTACT_ID, title: 'Call' }, 'Due Date is required.'],
    [{ contactId: CONTACT_ID, title: 'Call', dueDate: 'someday' }, 'Due Date is not a valid date and time'],
    [
      { contactId: CONTACT_ID, title: 'Call', dueDate: '2026-12-01', assignedTo: 'a b' },
      'Assigned User must be a HighLevel ID',
    ],
    [
      { contactId: CONTACT_ID, title: 'Call', dueDate: '2026-12-01', completed: 'perhaps' },
      'Completed must be yes or no',
    ],
    [{ title: 'Call', dueDate: '2026-12-01' }, 'Contact is required.'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle<Record<string, unknown>>(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the contact does not exist (404)', async () => {
    highlevel().post(`/contacts/${CONTACT_ID}/tasks`).reply(404, { statusCode: 404, message: 'Not found' });
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, title: 'Call', dueDate: '2026-12-01' })),
    );
    expect(error.message).toBe(`The contact "${CONTACT_ID}" was not found in this sub-account.`);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().post(`/contacts/${CONTACT_ID}/tasks`).reply(422, validationFailure);
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, title: 'Call', dueDate: '2026-12-01' })),
    );
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('property foo'),
    });
  });
});
