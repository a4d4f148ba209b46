import App from '../../index';
import deleteTask, { perform } from '../../creates/delete_task';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, TASK_ID, validationFailure } from './fixtures';

const path = `/contacts/${CONTACT_ID}/tasks/${TASK_ID}`;

describe('delete_task', () => {
  it('is registered with a copy field warning that the deletion is permanent', () => {
    expect(App.creates?.delete_task).toBe(deleteTask);
    expect(deleteTask.display.label).toBe('Delete Task');
    expect(deleteTask.operation.inputFields).toContainEqual({
      key: 'deletionWarning',
      type: 'copy',
      helpText: '**Warning:** this permanently deletes the task in HighLevel. It cannot be undone.',
    });
  });

  it('sends DELETE /contacts/{id}/tasks/{taskId} and outputs the deleted task id', async () => {
    const api = highlevel().delete(path).reply(200, { succeded: true });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, taskId: TASK_ID }))).toEqual({
      id: TASK_ID,
      deleted: true,
      contactId: CONTACT_ID,
    });
    api.done();
  });

  it('refuses a missing task before any request', async () => {
    const guard = requestGuard();
    const error = await caught(
      appTester(perform, makeBundle<Record<string, unknown>>({ contactId: CONTACT_ID })),
    );
    expect(error).toMatchObject({ code: 'invalid_input', message: 'Task is required.' });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the task does not exist (404)', async () => {
    highlevel().delete(path).reply(404, { statusCode: 404, message: 'Not found' });
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, taskId: TASK_ID })));
    expect(error.message).toBe(`The task "${TASK_ID}" was not found in this sub-account.`);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().delete(path).reply(422, validationFailure);
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, taskId: TASK_ID })));
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('property foo'),
    });
  });
});
