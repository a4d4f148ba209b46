import App from '../../index';
import completeTask, { perform } from '../../creates/complete_task';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { apiTask, CONTACT_ID, TASK_ID, taskOutput, validationFailure } from './fixtures';

const path = `/contacts/${CONTACT_ID}/tasks/${TASK_ID}/completed`;

describe('complete_task', () => {
  it('is registered as "Complete Task" with a "Completed" input defaulting to yes', () => {
    expect(App.creates?.complete_task).toBe(completeTask);
    expect(completeTask.display.label).toBe('Complete Task');
    expect(completeTask.operation.inputFields?.[2]).toMatchObject({
      key: 'completed',
      type: 'boolean',
      default: 'true',
    });
  });

  it.each([
    [undefined, true],
    ['', true],
    ['true', true],
    ['yes', true],
    ['false', false],
    ['no', false],
  ])('completed %j sends PUT …/completed {completed: %j}', async (completed, expected) => {
    const api = highlevel()
      .put(path, { completed: expected })
      .reply(200, { task: { ...apiTask, completed: expected } });
    const result = await appTester(
      perform,
      makeBundle<Record<string, unknown>>({ contactId: CONTACT_ID, taskId: TASK_ID, completed }),
    );
    expect(result).toEqual({ ...taskOutput, completed: expected });
    api.done();
  });

  it('refuses a completed value that is not yes or no before any request', async () => {
    const guard = requestGuard();
    const error = await caught(
      appTester(
        perform,
        makeBundle<Record<string, unknown>>({ contactId: CONTACT_ID, taskId: TASK_ID, completed: 'done' }),
      ),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: 'Completed must be yes or no (got "done").',
    });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the task does not exist (404)', async () => {
    highlevel().put(path).reply(404, { statusCode: 404, message: 'Not found' });
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, taskId: TASK_ID })));
    expect(error.message).toBe(`The task "${TASK_ID}" was not found in this sub-account.`);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().put(path).reply(422, validationFailure);
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, taskId: TASK_ID })));
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('property foo'),
    });
  });
});
