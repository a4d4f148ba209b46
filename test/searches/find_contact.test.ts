import App from '../../index';
import findContact, { perform } from '../../searches/find_contact';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';
import {
  CONTACT_ID,
  contactOutput,
  customFieldsReply,
  exactPath,
  rawContact,
  refused,
  staticFields,
} from './fixtures';

const duplicatePath = (query: string) => exactPath(`/contacts/search/duplicate?${query}`);

/** Find Contact's results carry the criteria it ignored (docs/ACTIONS.md §5): none here. */
const found = { ...contactOutput, matchCount: 1, warnings: [] };
describe('find_contact', () => {
  it('is registered with a contact sample and labelled output fields', () => {
    expect(App.searches?.find_contact).toBe(findContact);
    expect(findContact.display.label).toBe('Find Contact');
    expect(findContact.operation.sample).toMatchObject({ id: expect.any(String) });
    const fields = staticFields(findContact.operation);
    expect(fields.map((field) => field.key)).toEqual(['contactId', 'email', 'phone', 'query']);
    // A search must not be powered by itself.
    expect(fields.some((field) => 'search' in field)).toBe(false);
    expect(fields.every((field) => field.required === false)).toBe(true);
  });

  it('finds by email with the duplicate lookup (lower-cased, encoded) and names the custom fields', async () => {
    const api = highlevel()
      .get(duplicatePath(`locationId=${LOCATION_ID}&email=rosa.diaz%2Bwork%40example.com`))
      .reply(200, { contact: rawContact });
    const fields = customFieldsReply();
    const result = await appTester(perform, makeBundle({ email: '  Rosa.Diaz+work@Example.com ' }));
    expect(result).toEqual([found]);
    api.done();
    fields.done();
  });

  it('finds by a phone in E.164 with `+` sent as %2B and no sub-account lookup', async () => {
    const api = highlevel()
      .get(duplicatePath(`locationId=${LOCATION_ID}&number=%2B14155550123`))
      .reply(200, { contact: rawContact });
    const fields = customFieldsReply();
    const result = await appTester(perform, makeBundle({ phone: '+1 (415) 555-0123' }));
    expect(result).toEqual([found]);
    api.done();
    fields.done();
  });

  it("reads a national phone number in the sub-account's country", async () => {
    const api = highlevel()
      .get(`/locations/${LOCATION_ID}`)
      .reply(200, { location: { id: LOCATION_ID, name: 'Demo', country: 'GB', timezone: 'Europe/London' } })
      .get(duplicatePath(`locationId=${LOCATION_ID}&number=%2B447911123456`))
      .reply(200, { contact: rawContact });
    const fields = customFieldsReply();
    const result = await appTester(perform, makeBundle({ phone: '07911 123456' }));
    expect(result).toEqual([found]);
    api.done();
    fields.done();
  });

  it('sends email and phone together in one lookup (HighLevel tries the email first)', async () => {
    const api = highlevel()
      .get(duplicatePath(`locationId=${LOCATION_ID}&email=rosa.diaz%40example.com&number=%2B14155550123`))
      .reply(200, { contact: rawContact });
    const fields = customFieldsReply();
    const result = await appTester(
      perform,
      makeBundle({ email: 'rosa.diaz@example.com', phone: '+14155550123', query: 'ignored' }),
    );
    expect(result).toEqual([found]);
    api.done();
    fields.done();
  });

  it('ignores a malformed phone, with a warning, and searches by the good email (so Find or Create works)', async () => {
    const api = highlevel()
      .get(duplicatePath(`locationId=${LOCATION_ID}&email=rosa.diaz%40example.com`))
      .reply(200, { contact: rawContact });
    const fields = customFieldsReply();
    const result = await appTester(perform, makeBundle({ email: 'rosa.diaz@example.com', phone: '+1 123' }));
    expect(result).toEqual([
      {
        ...contactOutput,
        matchCount: 1,
        warnings: [
          'Phone is not a valid phone number; use the international format, e.g. +14155550123 (got "+1 123"). It was ignored; the search used the other criteria.',
        ],
      },
    ]);
    api.done();
    fields.done();
  });

  it('finds a chosen contact by id, ahead of email and keyword', async () => {
    const api = highlevel().get(`/contacts/${CONTACT_ID}`).reply(200, { contact: rawContact });
    const fields = customFieldsReply();
    const result = await appTester(
      perform,
      makeBundle({ contactId: CONTACT_ID, email: 'someone@example.com', query: 'rosa' }),
    );
    expect(result).toEqual([found]);
    api.done();
    fields.done();
  });

  it('finds by name or keyword with a small search page, normalising search-shaped contacts', async () => {
    const { address1, dateOfBirth, ...rest } = rawContact;
    void address1;
    void dateOfBirth;
    const searchShaped = {
      ...rest,
      address: '99 Precinct Street',
      dateOfBirth: Date.UTC(1990, 4, 14),
      searchAfter: [1, 'x'],
    };
    const other = { id: 'secondContact01', locationId: LOCATION_ID, firstName: 'Rosalind' };
    const api = highlevel()
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 10, query: 'Rosa Diaz' })
      .reply(200, { contacts: [searchShaped, other], total: 2 });
    const fields = customFieldsReply();
    const result = await appTester(perform, makeBundle({ query: ' Rosa Diaz ', email: '', phone: '  ' }));
    expect(result).toEqual([
      { ...found, matchCount: 2 },
      expect.objectContaining({
        id: 'secondContact01',
        firstName: 'Rosalind',
        custom_fields__industry: null,
      }),
    ]);
    api.done();
    fields.done();
  });

  it('puts an exact match of the full name or email first (any case); the output says how many matched', async () => {
    const fuzzy = { id: 'fuzzyRosalind01', locationId: LOCATION_ID, firstName: 'Rosalind', lastName: 'Diaz' };
    const exact = { id: 'exactRosaDiaz01', locationId: LOCATION_ID, firstName: 'rosa', lastName: 'DIAZ' };
    const byEmail = { id: 'exactByEmail001', locationId: LOCATION_ID, email: 'rosa diaz' };
    highlevel()
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 10, query: 'Rosa  Diaz' })
      .reply(200, { contacts: [fuzzy, exact], total: 37 });
    customFieldsReply();
    const result = await appTester(perform, makeBundle({ query: 'Rosa  Diaz' }));
    expect(result.map((contact) => [contact.id, contact.fullName, contact.matchCount])).toEqual([
      ['exactRosaDiaz01', 'rosa DIAZ', 37],
      ['fuzzyRosalind01', 'Rosalind Diaz', 37],
    ]);
    highlevel()
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 10, query: 'Rosa@Example.com' })
      .reply(200, { contacts: [fuzzy, { ...byEmail, email: 'rosa@example.com' }] });
    const second = await appTester(perform, makeBundle({ query: 'Rosa@Example.com' }));
    expect(second.map((contact) => [contact.id, contact.matchCount])).toEqual([
      ['exactByEmail001', 2],
      ['fuzzyRosalind01', 2],
    ]);
  });

  it("keeps HighLevel's order when nothing matches exactly", async () => {
    const first = { id: 'firstContact001', locationId: LOCATION_ID, firstName: 'Rosalind' };
    const second = { id: 'secondContact01', locationId: LOCATION_ID, firstName: 'Rosamund' };
    highlevel()
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 10, query: 'rosa' })
      .reply(200, { contacts: [first, second], total: 2 });
    customFieldsReply();
    const result = await appTester(perform, makeBundle({ query: 'rosa' }));
    expect(result.map((contact) => contact.id)).toEqual(['firstContact001', 'secondContact01']);
  });

  it('says in the help text which contact is used, and that an exact match counts only on the page read', () => {
    const query = (findContact.operation.inputFields ?? []).find(
      (field) => typeof field !== 'function' && field.key === 'query',
    );
    expect(query).toMatchObject({
      helpText: expect.stringContaining(
        "exactly this (ignoring case), if it is among HighLevel's first 10 matches; else HighLevel's closest match.",
      ),
    });
  });

  it('reads one page of matches: an exact match beyond it is not looked for', async () => {
    const fuzzy = { id: 'fuzzyRosalind01', locationId: LOCATION_ID, firstName: 'Rosalind', lastName: 'Diaz' };
    highlevel()
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 10, query: 'Rosa Diaz' })
      .reply(200, { contacts: [fuzzy], total: 11 });
    customFieldsReply();
    const result = await appTester(perform, makeBundle({ query: 'Rosa Diaz' }));
    expect(result.map((contact) => [contact.id, contact.matchCount])).toEqual([['fuzzyRosalind01', 11]]);
  });

  it('labels its warnings as the search criteria it ignored', () => {
    const warnings = (findContact.operation.outputFields ?? []).find(
      (field) => typeof field !== 'function' && field.key === 'warnings',
    );
    expect(warnings).toEqual({
      key: 'warnings',
      label: 'Warnings: Search Criteria Ignored',
      type: 'string',
      list: true,
    });
  });

  it('reads the custom field definitions once: a second search is a single request', async () => {
    customFieldsReply();
    const first = highlevel().get(`/contacts/${CONTACT_ID}`).twice().reply(200, { contact: rawContact });
    await appTester(perform, makeBundle({ contactId: CONTACT_ID }));
    const result = await appTester(perform, makeBundle({ contactId: CONTACT_ID }));
    expect(result).toEqual([found]);
    first.done();
  });

  describe('not found is an empty result, with no custom field request', () => {
    it('duplicate lookup answering {contact: null}', async () => {
      const api = highlevel()
        .get(duplicatePath(`locationId=${LOCATION_ID}&email=nobody%40example.com`))
        .reply(200, { contact: null });
      expect(await appTester(perform, makeBundle({ email: 'nobody@example.com' }))).toEqual([]);
      api.done();
    });

    it('duplicate lookup answering an empty body', async () => {
      const api = highlevel()
        .get(duplicatePath(`locationId=${LOCATION_ID}&number=%2B14155550199`))
        .reply(200, {});
      expect(await appTester(perform, makeBundle({ phone: '+14155550199' }))).toEqual([]);
      api.done();
    });

    it('duplicate lookup answering 404', async () => {
      const api = highlevel()
        .get(duplicatePath(`locationId=${LOCATION_ID}&email=nobody%40example.com`))
        .reply(404, { statusCode: 404, message: 'Contact not found' });
      expect(await appTester(perform, makeBundle({ email: 'nobody@example.com' }))).toEqual([]);
      api.done();
    });

    it('a chosen contact that no longer exists (404)', async () => {
      const api = highlevel()
        .get('/contacts/deletedContact1')
        .reply(404, { statusCode: 404, message: 'Contact not found' });
      expect(await appTester(perform, makeBundle({ contactId: 'deletedContact1' }))).toEqual([]);
      api.done();
    });

    it('a chosen contact answered with a 400 "Contact not found" (no 404 is documented)', async () => {
      const api = highlevel()
        .get('/contacts/deletedContact1')
        .reply(400, { statusCode: 400, message: 'Contact not found' });
      expect(await appTester(perform, makeBundle({ contactId: 'deletedContact1' }))).toEqual([]);
      api.done();
    });

    it('a keyword without matches', async () => {
      const api = highlevel()
        .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 10, query: 'zzz' })
        .reply(200, { contacts: [], total: 0 });
      expect(await appTester(perform, makeBundle({ query: 'zzz' }))).toEqual([]);
      api.done();
    });
  });

  describe('validation: a plain error and no request', () => {
    it.each([
      [{}, 'Fill in at least one of Contact, Email, Phone or Name or Keyword to find a contact.'],
      [
        { contactId: ' ', email: '', phone: ' ', query: '  ' },
        'Fill in at least one of Contact, Email, Phone or Name or Keyword to find a contact.',
      ],
      [{ email: 'not-an-email' }, 'Email is not a valid email address (got "not-an-email").'],
      [
        { phone: '+1 555' },
        'Phone is not a valid phone number; use the international format, e.g. +14155550123 (got "+1 555").',
      ],
      [
        { contactId: '../locations/x' },
        'Contact must be a HighLevel ID (letters, digits, - or _); choose it from the dropdown (got "../locations/x").',
      ],
      [{ query: 'x'.repeat(76) }, 'Name or Keyword must be at most 75 characters (got 76).'],
      [{ email: 'bad@' }, 'Email is not a valid email address (got "bad@").'],
      [
        { email: 'bad@', phone: '+1 123' },
        'Email is not a valid email address (got "bad@"). Phone is not a valid phone number; use the international format, e.g. +14155550123 (got "+1 123").',
      ],
    ])('%j', async (inputData, message) => {
      expect(await refused(() => appTester(perform, makeBundle(inputData)))).toEqual({
        message,
        code: 'invalid_input',
        sent: false,
      });
    });
  });

  it("passes HighLevel's 422 messages on", async () => {
    highlevel()
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 10, query: 'rosa' })
      .reply(422, {
        statusCode: 422,
        message: ['query must be shorter than or equal to 75 characters', 'pageLimit must be a number'],
        error: 'Unprocessable Entity',
        traceId: 'trace-422',
      });
    const error = await caught(appTester(perform, makeBundle({ query: 'rosa' })));
    expect(error).toMatchObject({
      code: 'validation_failed',
      status: 422,
      message:
        'HighLevel rejected the request: query must be shorter than or equal to 75 characters; pageLimit must be a number. (HighLevel trace ID: trace-422)',
    });
  });

  it('keeps any other 400 an error', async () => {
    highlevel()
      .get(`/contacts/${CONTACT_ID}`)
      .reply(400, { statusCode: 400, message: 'Version header was not found' });
    expect(await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID })))).toMatchObject({
      code: 'bad_request',
      message: 'HighLevel rejected the request: Version header was not found.',
    });
  });

  it('outputs the static contact fields plus the custom fields by name', async () => {
    const fields = customFieldsReply();
    const outputFields = findContact.operation.outputFields ?? [];
    const resolve = outputFields[0];
    if (typeof resolve !== 'function') throw new Error('expected a function');
    const result = await appTester(resolve, makeBundle({}));
    expect(result).toEqual(
      expect.arrayContaining([
        { key: 'id', label: 'Contact ID', type: 'string' },
        { key: 'custom_fields__industry', label: 'Custom: Industry', type: 'string' },
      ]),
    );
    fields.done();
  });
});
