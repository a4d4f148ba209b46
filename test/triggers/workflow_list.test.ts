import App from '../../index';
import workflowList, { perform } from '../../triggers/workflow_list';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';

describe('workflow_list', () => {
  it('is a hidden dropdown trigger', () => {
    expect(App.triggers?.workflow_list).toBe(workflowList);
    expect(workflowList.display.hidden).toBe(true);
  });

  it('lists the workflows alphabetically, drafts marked, unnamed ones by id', async () => {
    const scope = highlevel()
      .get('/workflows/')
      .query({ locationId: LOCATION_ID })
      .reply(200, {
        workflows: [
          { id: 'w2', name: 'Nurture', status: 'published', version: 2, locationId: LOCATION_ID },
          { id: 'w1', name: 'Appointment Reminder', status: 'draft' },
          { id: 'w3' },
        ],
      });
    expect(await appTester(perform, makeBundle({}))).toEqual([
      { id: 'w1', label: 'Appointment Reminder (draft)' },
      { id: 'w2', label: 'Nurture' },
      { id: 'w3', label: 'w3' },
    ]);
    scope.done();
  });

  it('is one list: a further page is empty, without a request', async () => {
    const scope = highlevel().get('/workflows/').query(true).reply(200, { workflows: [] });
    expect(await appTester(perform, makeBundle({}, { page: 2 }))).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });

  it.each([401, 403])(
    'names the permission a connection made before workflows were offered lacks (%i)',
    async (status) => {
      highlevel()
        .get('/workflows/')
        .query(true)
        .reply(status, { statusCode: status, message: 'The token is not authorized for this scope.' });
      const error = await caught(appTester(perform, makeBundle({})));
      expect(error).toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('the "View Workflows" permission (workflows.readonly)'),
      });
    },
  );
});
