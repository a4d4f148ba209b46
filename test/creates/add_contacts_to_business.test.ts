import App from '../../index';
import addContactsToBusiness, { perform } from '../../creates/add_contacts_to_business';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

const BUSINESS_ID = '63771dcac1116f0e21de8e12';
const OTHER_ID = 'hB9T2KpQ3xWmZ1vLc8Ds';

describe('add_contacts_to_business', () => {
  it('is registered with a business dropdown and a many-contacts dropdown', () => {
    expect(App.creates?.add_contacts_to_business).toBe(addContactsToBusiness);
    expect(addContactsToBusiness.display.label).toBe('Add Contacts to Business');
    expect(addContactsToBusiness.operation.inputFields?.map((field) => [field.key, field.dynamic])).toEqual([
      ['businessId', 'business_list.id.label'],
      ['contactIds', 'contact_list.id.label'],
    ]);
  });

  it('sends POST /contacts/bulk/business with ContactsBusinessUpdate and names the contacts left alone', async () => {
    const api = highlevel()
      .post('/contacts/bulk/business', {
        locationId: LOCATION_ID,
        ids: [CONTACT_ID, OTHER_ID],
        businessId: BUSINESS_ID,
      })
      .reply(200, { success: true, ids: [CONTACT_ID] });
    expect(
      await appTester(perform, makeBundle({ businessId: BUSINESS_ID, contactIds: [CONTACT_ID, OTHER_ID] })),
    ).toEqual({
      id: expect.stringMatching(/^bulk-[0-9a-f]{16}$/),
      businessId: BUSINESS_ID,
      updatedContactIds: [CONTACT_ID],
      updatedCount: 1,
      notUpdatedContactIds: [OTHER_ID],
      notUpdatedCount: 1,
      notUpdatedReasons: ['not updated (check that the contact exists in this sub-account)'],
    });
    api.done();
  });

  it.each([
    [{ contactIds: [CONTACT_ID] }, 'Business is required.'],
    [{ businessId: BUSINESS_ID }, 'Contacts is required'],
    [{ businessId: '..', contactIds: [CONTACT_ID] }, 'Business must be a HighLevel ID'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle<Record<string, unknown>>(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the business does not exist, and fails like the tag bulk actions on success: false', async () => {
    highlevel()
      .post('/contacts/bulk/business')
      .reply(400, { statusCode: 400, message: 'Business not found' });
    expect(
      (await caught(appTester(perform, makeBundle({ businessId: BUSINESS_ID, contactIds: [CONTACT_ID] }))))
        .message,
    ).toBe('HighLevel rejected the request: Business not found.');
    highlevel().post('/contacts/bulk/business').reply(200, { success: false, ids: [] });
    expect(
      await caught(appTester(perform, makeBundle({ businessId: BUSINESS_ID, contactIds: [CONTACT_ID] }))),
    ).toMatchObject({
      name: 'AppError',
      code: 'bad_request',
      message: `HighLevel updated none of the contacts (${CONTACT_ID}: not updated (check that the contact exists in this sub-account)).`,
    });
    highlevel().post('/contacts/bulk/business').reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ businessId: BUSINESS_ID, contactIds: [CONTACT_ID] }))),
    ).toMatchObject({ code: 'validation_failed' });
  });

  it('fails like the tag bulk actions when HighLevel updated none of the contacts', async () => {
    highlevel().post('/contacts/bulk/business').reply(200, { success: true, ids: [] });
    expect(
      await caught(
        appTester(perform, makeBundle({ businessId: BUSINESS_ID, contactIds: [CONTACT_ID, OTHER_ID] })),
      ),
    ).toMatchObject({
      name: 'AppError',
      code: 'bad_request',
      message: `HighLevel updated none of the contacts (${CONTACT_ID}: not updated (check that the contact exists in this sub-account); ${OTHER_ID}: not updated (check that the contact exists in this sub-account)).`,
    });
  });

  it('labels counts as numbers and lists as IDs, as the tag bulk actions do', () => {
    const labels = Object.fromEntries(
      (addContactsToBusiness.operation.outputFields ?? []).flatMap((field) =>
        typeof field === 'function' ? [] : [[field.key, field.label]],
      ),
    );
    expect(labels).toMatchObject({
      updatedContactIds: 'Updated Contact IDs',
      updatedCount: 'Number of Contacts Updated',
      notUpdatedContactIds: 'Not Updated: Contact IDs',
      notUpdatedCount: 'Number of Contacts Not Updated',
      notUpdatedReasons: 'Not Updated: Reasons',
    });
  });

  it('passes on a 422', async () => {
    highlevel().post('/contacts/bulk/business').reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ businessId: BUSINESS_ID, contactIds: [CONTACT_ID] }))),
    ).toMatchObject({ code: 'validation_failed' });
  });
});
