import App from '../../index';
import removeContactsFromBusiness, { perform } from '../../creates/remove_contacts_from_business';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

describe('remove_contacts_from_business', () => {
  it('is registered with a many-contacts dropdown only', () => {
    expect(App.creates?.remove_contacts_from_business).toBe(removeContactsFromBusiness);
    expect(removeContactsFromBusiness.display.label).toBe('Remove Contacts from Business');
    expect(removeContactsFromBusiness.operation.inputFields?.map((field) => field.key)).toEqual([
      'contactIds',
    ]);
  });

  it('sends POST /contacts/bulk/business with businessId null (the spec: null removes the business)', async () => {
    const api = highlevel()
      .post('/contacts/bulk/business', { locationId: LOCATION_ID, ids: [CONTACT_ID], businessId: null })
      .reply(200, { success: true, ids: [CONTACT_ID] });
    expect(await appTester(perform, makeBundle({ contactIds: [CONTACT_ID] }))).toEqual({
      id: expect.stringMatching(/^bulk-[0-9a-f]{16}$/),
      businessId: null,
      updatedContactIds: [CONTACT_ID],
      updatedCount: 1,
      notUpdatedContactIds: [],
      notUpdatedCount: 0,
      notUpdatedReasons: [],
    });
    api.done();
  });

  it('refuses missing contacts before any request', async () => {
    const guard = requestGuard();
    expect(await caught(appTester(perform, makeBundle({ contactIds: [] })))).toMatchObject({
      code: 'invalid_input',
      message: 'Contacts is required: choose at least one.',
    });
    expect(sentAny(guard)).toBe(false);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().post('/contacts/bulk/business').reply(422, validationFailure);
    expect(await caught(appTester(perform, makeBundle({ contactIds: [CONTACT_ID] })))).toMatchObject({
      code: 'validation_failed',
    });
  });
});
