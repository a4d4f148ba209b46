import App from '../../index';
import campaignList, { perform } from '../../triggers/campaign_list';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';

describe('campaign_list', () => {
  it('is a hidden dropdown trigger', () => {
    expect(App.triggers?.campaign_list).toBe(campaignList);
    expect(campaignList.display.hidden).toBe(true);
  });

  it('lists the campaigns alphabetically (case-insensitively), drafts marked, unnamed ones by id', async () => {
    const scope = highlevel()
      .get('/campaigns/')
      .query({ locationId: LOCATION_ID })
      .reply(200, {
        campaigns: [
          { id: 'w2', name: 'Spring Newsletter', status: 'published', locationId: LOCATION_ID },
          { id: 'w1', name: 'Webinar Follow-up', status: 'draft' },
          { id: 'w3' },
        ],
      });
    expect(await appTester(perform, makeBundle({}))).toEqual([
      { id: 'w2', label: 'Spring Newsletter' },
      { id: 'w3', label: 'w3' },
      { id: 'w1', label: 'Webinar Follow-up (draft)' },
    ]);
    scope.done();
  });

  it('is one list: a further page is empty, without a request', async () => {
    const scope = highlevel().get('/campaigns/').query(true).reply(200, { campaigns: [] });
    expect(await appTester(perform, makeBundle({}, { page: 2 }))).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });

  it.each([401, 403])(
    'names the permission a connection made before campaigns were offered lacks (%i)',
    async (status) => {
      highlevel()
        .get('/campaigns/')
        .query(true)
        .reply(status, { statusCode: status, message: 'The token is not authorized for this scope.' });
      const error = await caught(appTester(perform, makeBundle({})));
      expect(error).toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('the "View Campaigns" permission (campaigns.readonly)'),
      });
    },
  );
});
