import App from '../../index';
import updateContact, { perform } from '../../creates/update_contact';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { apiContact, CONTACT_ID, contactOutput, validationFailure } from './fixtures';

describe('update_contact', () => {
  it('is registered as "Update Contact", with a contact dropdown backed by Find Contact', () => {
    expect(App.creates?.update_contact).toBe(updateContact);
    expect(updateContact.display.label).toBe('Update Contact');
    expect(updateContact.operation.inputFields?.[0]).toMatchObject({
      key: 'contactId',
      required: true,
      dynamic: 'contact_list.id.label',
      search: 'find_contact.id',
    });
  });

  it('sends PUT /contacts/{id} with only the filled fields: no tags, no companyName, no locationId', async () => {
    const api = highlevel()
      .put(`/contacts/${CONTACT_ID}`, { city: 'Queens', dnd: true, country: 'US' })
      .reply(200, { succeded: true, contact: apiContact });
    const result = await appTester(
      perform,
      makeBundle<Record<string, unknown>>({
        contactId: CONTACT_ID,
        city: 'Queens',
        dnd: 'true',
        country: 'us',
        replaceTags: 'false',
      }),
    );
    expect(result).toEqual({ ...contactOutput, warnings: [] });
    api.done();
  });

  it('replaces all tags when "Replace All Tags" is yes', async () => {
    const api = highlevel()
      .put(`/contacts/${CONTACT_ID}`, { tags: ['vip', 'customer'] })
      .reply(200, { succeded: true, contact: apiContact });
    await appTester(
      perform,
      makeBundle<Record<string, unknown>>({
        contactId: CONTACT_ID,
        replaceTags: 'true',
        tags: 'vip, customer',
      }),
    );
    api.done();
  });

  it('encodes the contact id as one path segment', async () => {
    const api = highlevel()
      .put('/contacts/a_b-C9', { firstName: 'Amy' })
      .reply(200, { contact: { ...apiContact, id: 'a_b-C9' } });
    const result = await appTester(perform, makeBundle({ contactId: 'a_b-C9', firstName: 'Amy' }));
    expect(result).toMatchObject({ id: 'a_b-C9' });
    api.done();
  });

  it.each([
    [{ firstName: 'Amy' }, 'Contact is required.'],
    [{ contactId: '../locations', firstName: 'Amy' }, 'Contact must be a HighLevel ID'],
    [{ contactId: 'abc/def', firstName: 'Amy' }, 'Contact must be a HighLevel ID'],
    [{ contactId: CONTACT_ID }, 'Nothing to update: fill in at least one field of the contact.'],
    [{ contactId: CONTACT_ID, tags: ['vip'] }, 'Tags are only used when Replace All Tags is Yes'],
    [{ contactId: CONTACT_ID, email: 'nope' }, 'Email is not a valid email address'],
    [{ contactId: CONTACT_ID, phone: '+999 1' }, 'Phone is not a valid phone number'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the contact does not exist (404)', async () => {
    highlevel().put(`/contacts/${CONTACT_ID}`).reply(404, { statusCode: 404, message: 'Contact not found' });
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, city: 'Queens' })));
    expect(error).toMatchObject({
      code: 'not_found',
      message: `The contact "${CONTACT_ID}" was not found in this sub-account.`,
    });
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().put(`/contacts/${CONTACT_ID}`).reply(422, validationFailure);
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, city: 'Queens' })));
    expect(error.message).toBe(
      'HighLevel rejected the request: email must be an email; property foo should not exist. (HighLevel trace ID: trace-422)',
    );
  });
});
