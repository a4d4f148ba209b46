import App from '../../index';
import updateTask, { perform } from '../../creates/update_task';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { apiTask, CONTACT_ID, TASK_ID, taskOutput, validationFailure } from './fixtures';

describe('update_task', () => {
  it('is registered as "Update Task" with contact and task dropdowns', () => {
    expect(App.creates?.update_task).toBe(updateTask);
    expect(updateTask.display.label).toBe('Update Task');
    expect(updateTask.operation.inputFields?.[1]).toMatchObject({
      key: 'taskId',
      dynamic: 'task_list.id.label',
      dependsOn: ['contactId'],
    });
  });

  it('sends PUT /contacts/{id}/tasks/{taskId} with only the filled fields', async () => {
    const api = highlevel()
      .put(`/contacts/${CONTACT_ID}/tasks/${TASK_ID}`, {
        dueDate: '2026-12-02T09:00:00.000Z',
        completed: false,
      })
      .reply(200, { task: apiTask });
    const result = await appTester(
      perform,
      makeBundle<Record<string, unknown>>({
        contactId: CONTACT_ID,
        taskId: TASK_ID,
        title: '',
        dueDate: '2026-12-02T09:00:00Z',
        completed: 'false',
      }),
    );
    expect(result).toEqual(taskOutput);
    api.done();
  });

  it.each([
    [
      { contactId: CONTACT_ID, taskId: TASK_ID },
      'Nothing to update: fill in at least one field of the task.',
    ],
    [{ contactId: CONTACT_ID, title: 'x' }, 'Task is required.'],
    [{ contactId: CONTACT_ID, taskId: 'a/../b', title: 'x' }, 'Task must be a HighLevel ID'],
    [
      { contactId: CONTACT_ID, taskId: TASK_ID, dueDate: '31/31/2026' },
      'Due Date is not a valid date and time',
    ],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle<Record<string, unknown>>(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the task does not exist (404)', async () => {
    highlevel()
      .put(`/contacts/${CONTACT_ID}/tasks/${TASK_ID}`)
      .reply(404, { statusCode: 404, message: 'Not found' });
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, taskId: TASK_ID, title: 'x' })),
    );
    expect(error).toMatchObject({
      code: 'not_found',
      message: `The task "${TASK_ID}" was not found in this sub-account.`,
    });
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().put(`/contacts/${CONTACT_ID}/tasks/${TASK_ID}`).reply(422, validationFailure);
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, taskId: TASK_ID, title: 'x' })),
    );
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('property foo'),
    });
  });
});
