import App from '../../index';
import removeContactFromWorkflow, { perform } from '../../creates/remove_contact_from_workflow';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

const WORKFLOW_ID = '78559bb3-b920-461e-b010-7b2a2816d2a9';
const path = `/contacts/${CONTACT_ID}/workflow/${WORKFLOW_ID}`;

describe('remove_contact_from_workflow', () => {
  it('is registered with contact and workflow dropdowns', () => {
    expect(App.creates?.remove_contact_from_workflow).toBe(removeContactFromWorkflow);
    expect(removeContactFromWorkflow.display.label).toBe('Remove Contact from Workflow');
    expect(removeContactFromWorkflow.operation.inputFields?.map((field) => field.key)).toEqual([
      'contactId',
      'workflowId',
    ]);
  });

  it('sends DELETE /contacts/{id}/workflow/{workflowId} with the required (empty) CreateWorkflowDto', async () => {
    const api = highlevel().delete(path, {}).reply(200, { succeded: true });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, workflowId: WORKFLOW_ID }))).toEqual({
      id: CONTACT_ID,
      contactId: CONTACT_ID,
      workflowId: WORKFLOW_ID,
      removed: true,
    });
    api.done();
  });

  it('refuses a missing workflow before any request', async () => {
    const guard = requestGuard();
    const error = await caught(
      appTester(perform, makeBundle<Record<string, unknown>>({ contactId: CONTACT_ID })),
    );
    expect(error).toMatchObject({ code: 'invalid_input', message: 'Workflow is required.' });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the contact or workflow does not exist (404)', async () => {
    highlevel().delete(path).reply(404, { statusCode: 404, message: 'Not found' });
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, workflowId: WORKFLOW_ID })),
    );
    expect(error.message).toBe(
      `The contact "${CONTACT_ID}" or workflow "${WORKFLOW_ID}" was not found in this sub-account.`,
    );
  });

  it('does not report an unconfirmed removal as done, and passes on 422s', async () => {
    highlevel().delete(path).reply(200, { succeded: false });
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, workflowId: WORKFLOW_ID }))),
    ).toMatchObject({ code: 'unexpected_response' });
    highlevel().delete(path).reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, workflowId: WORKFLOW_ID }))),
    ).toMatchObject({ code: 'validation_failed' });
  });
});
