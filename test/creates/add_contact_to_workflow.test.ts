import App from '../../index';
import addContactToWorkflow, { perform } from '../../creates/add_contact_to_workflow';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

const WORKFLOW_ID = '78559bb3-b920-461e-b010-7b2a2816d2a9';
const path = `/contacts/${CONTACT_ID}/workflow/${WORKFLOW_ID}`;

describe('add_contact_to_workflow', () => {
  it('is registered with contact and workflow dropdowns and an optional start time', () => {
    expect(App.creates?.add_contact_to_workflow).toBe(addContactToWorkflow);
    expect(addContactToWorkflow.display.label).toBe('Add Contact to Workflow');
    expect(addContactToWorkflow.operation.inputFields?.map((field) => [field.key, field.required])).toEqual([
      ['contactId', true],
      ['workflowId', true],
      ['eventStartTime', false],
    ]);
    expect(addContactToWorkflow.operation.inputFields?.[1]).toMatchObject({
      dynamic: 'workflow_list.id.label',
    });
  });

  it('sends POST /contacts/{id}/workflow/{workflowId} with an empty CreateWorkflowDto when no start time is given', async () => {
    const api = highlevel().post(path, {}).reply(200, { succeded: true });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, workflowId: WORKFLOW_ID }))).toEqual({
      id: CONTACT_ID,
      contactId: CONTACT_ID,
      workflowId: WORKFLOW_ID,
      eventStartTime: null,
      added: true,
    });
    api.done();
  });

  it('sends eventStartTime as ISO-8601 and outputs it with an offset', async () => {
    const api = highlevel()
      .post(path, { eventStartTime: '2026-06-23T02:30:00.000Z' })
      .reply(200, { succeded: true });
    const result = await appTester(
      perform,
      makeBundle({
        contactId: CONTACT_ID,
        workflowId: WORKFLOW_ID,
        eventStartTime: '2026-06-23T03:30:00+01:00',
      }),
    );
    expect(result).toMatchObject({ eventStartTime: '2026-06-23T02:30:00.000+00:00' });
    api.done();
  });

  it.each([
    [{ workflowId: WORKFLOW_ID }, 'Contact is required.'],
    [{ contactId: CONTACT_ID }, 'Workflow is required.'],
    [{ contactId: CONTACT_ID, workflowId: '../x' }, 'Workflow must be a HighLevel ID'],
    [
      { contactId: CONTACT_ID, workflowId: WORKFLOW_ID, eventStartTime: 'soon-ish' },
      'Event Start Time is not a valid date',
    ],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle<Record<string, unknown>>(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the contact or workflow does not exist (400 "Workflow not found")', async () => {
    highlevel().post(path).reply(400, { statusCode: 400, message: 'Workflow not found' });
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, workflowId: WORKFLOW_ID })),
    );
    expect(error.message).toBe(
      `The contact "${CONTACT_ID}" or workflow "${WORKFLOW_ID}" was not found in this sub-account.`,
    );
  });

  it('does not report an unconfirmed addition as done ({succeded: false})', async () => {
    highlevel().post(path).reply(200, { succeded: false });
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, workflowId: WORKFLOW_ID })),
    );
    expect(error).toMatchObject({
      code: 'unexpected_response',
      message: expect.stringContaining('did not confirm'),
    });
  });

  it("passes on HighLevel's 422 messages and never retries the write after a 5xx", async () => {
    highlevel().post(path).reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, workflowId: WORKFLOW_ID }))),
    ).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('property foo') });
    const once = highlevel().post(path).once().reply(502, {});
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, workflowId: WORKFLOW_ID })),
    );
    expect(error).toMatchObject({ code: 'server_error', message: expect.stringContaining('may or may not') });
    once.done();
  });
});
