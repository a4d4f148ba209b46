import App from '../../index';
import updateContact, { perform } from '../../creates/update_contact';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { apiContact, CONTACT_ID, contactOutput, customFieldsReply, validationFailure } from './fixtures';

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

  it('offers "Clear These Fields": a multi-select of the fields HighLevel lets an update empty', () => {
    const field = updateContact.operation.inputFields?.find(
      (input) => typeof input === 'object' && 'key' in input && input.key === 'clearFields',
    );
    expect(field).toMatchObject({ label: 'Clear These Fields', list: true, required: false });
    const choices = (field as { choices: Array<{ value: string }> }).choices.map((choice) => choice.value);
    expect(choices).toEqual([
      'firstName',
      'lastName',
      'email',
      'phone',
      'assignedTo',
      'source',
      'address1',
      'city',
      'state',
      'postalCode',
      'website',
      'timezone',
      'dateOfBirth',
    ]);
  });

  it('sends each field chosen in "Clear These Fields" as null ("" for the postal code), beside the filled ones', async () => {
    // Email is an identifier and no other one is filled in: the contact is read once to see it keeps one.
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}`)
      .reply(200, { contact: apiContact })
      .put(`/contacts/${CONTACT_ID}`, {
        city: 'Queens',
        email: null,
        postalCode: '',
        dateOfBirth: null,
        assignedTo: null,
      })
      .reply(200, { succeded: true, contact: apiContact });
    const result = await appTester(
      perform,
      makeBundle<Record<string, unknown>>({
        contactId: CONTACT_ID,
        city: 'Queens',
        clearFields: ['email', 'Postal Code', 'dateOfBirth', 'assignedTo', 'email'],
      }),
    );
    expect(result).toEqual({ ...contactOutput, warnings: [] });
    api.done();
  });

  it('clears fields with nothing else filled in', async () => {
    const api = highlevel()
      .put(`/contacts/${CONTACT_ID}`, { website: null, timezone: null })
      .reply(200, { succeded: true, contact: apiContact });
    await appTester(
      perform,
      makeBundle<Record<string, unknown>>({ contactId: CONTACT_ID, clearFields: 'website, timezone' }),
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
    [{ contactId: CONTACT_ID, tags: ['vip'] }, 'Tags: not used, because Replace All Tags is No'],
    [{ contactId: CONTACT_ID, email: 'nope' }, 'Email is not a valid email address'],
    [{ contactId: CONTACT_ID, phone: '+999 1' }, 'Phone is not a valid phone number'],
    [
      { contactId: CONTACT_ID, city: 'Queens', clearFields: ['city'] },
      'City: filled in and also chosen in Clear These Fields. Empty the field to clear it',
    ],
    [
      { contactId: CONTACT_ID, email: 'nope', phone: '+1 415 555 0123', clearFields: ['email', 'phone'] },
      'Email, Phone: filled in and also chosen in Clear These Fields',
    ],
    [
      { contactId: CONTACT_ID, clearFields: ['companyName'] },
      'Clear These Fields: "companyName" is not a field this action can empty. Choose from: First Name,',
    ],
    [
      { contactId: CONTACT_ID, clearFields: ['firstName', 'lastName', 'email', 'phone'] },
      'cannot empty First Name, Last Name, Email and Phone all at once',
    ],
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

  it("passes on HighLevel's 422 messages, naming the fields as the editor does", async () => {
    highlevel().put(`/contacts/${CONTACT_ID}`).reply(422, validationFailure);
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, city: 'Queens' })));
    expect(error).toMatchObject({
      code: 'validation_failed',
      message:
        'HighLevel rejected the request: Email must be an email; property foo should not exist. (HighLevel trace ID: trace-422)',
    });
  });

  it('names a custom field HighLevel refuses by its name, never customFields.0.fieldValue or its id', async () => {
    const api = customFieldsReply()
      .put(`/contacts/${CONTACT_ID}`, { customFields: [{ id: 'cfSize02', fieldValue: 12 }] })
      .reply(422, {
        statusCode: 422,
        message: ['customFields.0.fieldValue must be a number for NUMERICAL field contact.team_size'],
        traceId: 'trace-cf',
      });
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, custom_field__cfSize02: '12' })),
    );
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: 'HighLevel rejected the request: "Team Size" must be a number. (HighLevel trace ID: trace-cf)',
    });
    api.done();
  });

  describe('Clear These Fields keeps its promise: the contact keeps a first name, last name, email or phone', () => {
    it('refuses, after one read and before any write, to clear the only identifier the contact has', async () => {
      const api = highlevel()
        .get(`/contacts/${CONTACT_ID}`)
        .reply(200, {
          contact: { ...apiContact, firstName: null, lastName: null, name: null, phone: null },
        });
      const guard = requestGuard();
      const error = await caught(
        appTester(perform, makeBundle({ contactId: CONTACT_ID, clearFields: ['email'], city: 'Queens' })),
      );
      expect(error).toMatchObject({
        code: 'invalid_input',
        message:
          'Clear These Fields would leave the contact without a first name, last name, email or phone: it has no other of them. Nothing was saved. Take Email out of Clear These Fields, or fill in another of the four.',
      });
      api.done();
      expect(sentAny(guard)).toBe(false);
    });

    it('clears an identifier when the contact keeps another one: one read, one write', async () => {
      const api = highlevel()
        .get(`/contacts/${CONTACT_ID}`)
        .reply(200, { contact: { ...apiContact, firstName: null, lastName: null, name: null } })
        .put(`/contacts/${CONTACT_ID}`, { email: null })
        .reply(200, { contact: apiContact });
      await appTester(perform, makeBundle({ contactId: CONTACT_ID, clearFields: 'Email' }));
      api.done();
    });

    it('reads nothing when no identifier is cleared, or another one is filled in', async () => {
      const api = highlevel()
        .put(`/contacts/${CONTACT_ID}`, { website: null })
        .reply(200, { contact: apiContact })
        .put(`/contacts/${CONTACT_ID}`, { firstName: 'Amy', email: null, phone: null })
        .reply(200, { contact: apiContact });
      await appTester(perform, makeBundle({ contactId: CONTACT_ID, clearFields: 'website' }));
      await appTester(
        perform,
        makeBundle({ contactId: CONTACT_ID, firstName: 'Amy', clearFields: ['email', 'phone'] }),
      );
      api.done();
    });
  });

  describe("If a Value Can't Be Used", () => {
    it('by default saves the rest and lists the value in Warnings', async () => {
      const api = highlevel()
        .put(`/contacts/${CONTACT_ID}`, { city: 'Queens' })
        .reply(200, { contact: apiContact });
      const result = await appTester(
        perform,
        makeBundle({ contactId: CONTACT_ID, city: 'Queens', country: 'Narnia' }),
      );
      expect(result).toEqual({
        ...contactOutput,
        warnings: [
          'Country "Narnia" is not a country name or code this integration knows; use a two-letter code such as US, GB or DE. It was left out; the rest was saved.',
        ],
      });
      api.done();
    });

    it('"Stop with an error" sends nothing', async () => {
      const guard = requestGuard();
      const error = await caught(
        appTester(
          perform,
          makeBundle({ contactId: CONTACT_ID, city: 'Queens', country: 'Narnia', ifValueUnusable: 'stop' }),
        ),
      );
      expect(error).toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/^Nothing was saved: a value can't be used.* Country "Narnia" is not/),
      });
      expect(sentAny(guard)).toBe(false);
    });
  });
});
