import App from '../../index';
import addContactToCampaign, { perform } from '../../creates/add_contact_to_campaign';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

const CAMPAIGN_ID = 'mIVALPYuTD7YjUHnFEx4';
const path = `/contacts/${CONTACT_ID}/campaigns/${CAMPAIGN_ID}`;

describe('add_contact_to_campaign', () => {
  it('is registered with contact and campaign dropdowns', () => {
    expect(App.creates?.add_contact_to_campaign).toBe(addContactToCampaign);
    expect(addContactToCampaign.display.label).toBe('Add Contact to Campaign');
    expect(addContactToCampaign.operation.inputFields?.[1]).toMatchObject({
      key: 'campaignId',
      required: true,
      dynamic: 'campaign_list.id.label',
    });
  });

  it('sends POST /contacts/{id}/campaigns/{campaignId} with the required empty AddContactToCampaignDto', async () => {
    const api = highlevel().post(path, {}).reply(201, { succeded: true });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, campaignId: CAMPAIGN_ID }))).toEqual({
      id: CONTACT_ID,
      contactId: CONTACT_ID,
      campaignId: CAMPAIGN_ID,
      added: true,
    });
    api.done();
  });

  it.each([
    [{ campaignId: CAMPAIGN_ID }, 'Contact is required.'],
    [{ contactId: CONTACT_ID }, 'Campaign is required.'],
    [{ contactId: CONTACT_ID, campaignId: 'a/b' }, 'Campaign must be a HighLevel ID'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle<Record<string, unknown>>(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the campaign does not exist (400 "Campaign not found")', async () => {
    highlevel().post(path).reply(400, { statusCode: 400, message: 'Campaign not found' });
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, campaignId: CAMPAIGN_ID })),
    );
    expect(error.message).toBe(
      `The contact "${CONTACT_ID}" or campaign "${CAMPAIGN_ID}" was not found in this sub-account.`,
    );
  });

  it('does not report an unconfirmed addition as done, and passes on 422s', async () => {
    highlevel().post(path).reply(201, { succeded: false });
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, campaignId: CAMPAIGN_ID }))),
    ).toMatchObject({ code: 'unexpected_response' });
    highlevel().post(path).reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, campaignId: CAMPAIGN_ID }))),
    ).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('property foo') });
  });
});
