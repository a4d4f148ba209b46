import App from '../../index';
import removeContactFromCampaign, { perform } from '../../creates/remove_contact_from_campaign';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

const CAMPAIGN_ID = 'mIVALPYuTD7YjUHnFEx4';
const path = `/contacts/${CONTACT_ID}/campaigns/${CAMPAIGN_ID}`;

describe('remove_contact_from_campaign', () => {
  it('is registered with contact and campaign dropdowns', () => {
    expect(App.creates?.remove_contact_from_campaign).toBe(removeContactFromCampaign);
    expect(removeContactFromCampaign.display.label).toBe('Remove Contact from Campaign');
  });

  it('sends DELETE /contacts/{id}/campaigns/{campaignId} without a body', async () => {
    const api = highlevel()
      .delete(path, (body) => body === '' || body === undefined)
      .reply(200, { succeded: true });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, campaignId: CAMPAIGN_ID }))).toEqual({
      id: CONTACT_ID,
      contactId: CONTACT_ID,
      campaignId: CAMPAIGN_ID,
      removed: true,
    });
    api.done();
  });

  it('refuses a missing campaign before any request', async () => {
    const guard = requestGuard();
    const error = await caught(
      appTester(perform, makeBundle<Record<string, unknown>>({ contactId: CONTACT_ID })),
    );
    expect(error).toMatchObject({ code: 'invalid_input', message: 'Campaign is required.' });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the campaign does not exist, and passes on 422s', async () => {
    highlevel().delete(path).reply(404, { statusCode: 404, message: 'Not found' });
    expect(
      (await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, campaignId: CAMPAIGN_ID }))))
        .message,
    ).toBe(`The contact "${CONTACT_ID}" or campaign "${CAMPAIGN_ID}" was not found in this sub-account.`);
    highlevel().delete(path).reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, campaignId: CAMPAIGN_ID }))),
    ).toMatchObject({ code: 'validation_failed' });
  });

  it('does not report an unconfirmed removal as done', async () => {
    highlevel().delete(path).reply(200, { succeded: false });
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, campaignId: CAMPAIGN_ID }))),
    ).toMatchObject({ code: 'unexpected_response' });
  });
});
