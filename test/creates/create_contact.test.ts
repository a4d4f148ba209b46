import App from '../../index';
import createContact, { perform } from '../../creates/create_contact';
import { customFieldInputs } from '../../lib/lookups/customFields';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle, requestGuard, sentAny } from '../helpers';
import { apiContact, contactOutput, customFieldsReply, USER_ID, validationFailure } from './fixtures';

describe('create_contact', () => {
  it('is registered as "Create Contact" with a sample and labelled outputs', () => {
    expect(App.creates?.create_contact).toBe(createContact);
    expect(createContact.display).toEqual({ label: 'Create Contact', description: 'Creates a new contact.' });
    expect(createContact.operation.sample).toMatchObject({ id: expect.any(String) });
    expect(createContact.operation.outputFields).toContainEqual({
      key: 'id',
      label: 'Contact ID',
      type: 'string',
    });
  });

  it('sends POST /contacts/ with the location and only the filled CreateContactDto keys', async () => {
    const api = highlevel()
      .post('/contacts/', {
        firstName: 'Amy',
        lastName: 'Santiago',
        email: 'amy@example.com',
        phone: '+14155550123',
        companyName: 'Binders Inc',
        assignedTo: USER_ID,
        tags: ['lead'],
        dateOfBirth: '1985-03-02',
        customFields: [{ id: 'cfIndustry01', fieldValue: 'Retail' }],
        locationId: LOCATION_ID,
      })
      .reply(201, { contact: apiContact });
    const result = await appTester(
      perform,
      makeBundle({
        firstName: 'Amy',
        lastName: 'Santiago',
        email: 'AMY@example.com',
        phone: '+1 415-555-0123',
        companyName: 'Binders Inc',
        assignedTo: USER_ID,
        tags: ['lead'],
        source: '',
        city: ' ',
        dateOfBirth: '1985-03-02',
        custom_field__TEXT__cfIndustry01: 'Retail',
      }),
    );
    expect(result).toEqual({ ...contactOutput, warnings: [] });
    api.done();
  });

  it('names the custom fields in its output when the editor has already loaded them', async () => {
    const fields = customFieldsReply();
    await appTester(customFieldInputs, makeBundle({}));
    const api = highlevel()
      .post('/contacts/', { email: 'amy@example.com', locationId: LOCATION_ID })
      .reply(201, { contact: apiContact });
    const result = await appTester(perform, makeBundle({ email: 'amy@example.com' }));
    expect(result).toEqual({
      ...contactOutput,
      custom_fields__industry: 'Retail',
      custom_fields__team_size: null,
      warnings: [],
    });
    api.done();
    fields.done();
  });

  it('in a live run without cached definitions reads them once, names the custom fields, and reads earlier and current keys', async () => {
    // Team Size was a text field when the Zap was made (earlier key with TEXT); it is NUMERICAL now.
    const fields = customFieldsReply();
    const api = highlevel()
      .post('/contacts/', {
        email: 'amy@example.com',
        customFields: [
          { id: 'cfIndustry01', fieldValue: 'Retail' },
          { id: 'cfSize02', fieldValue: 12 },
        ],
        locationId: LOCATION_ID,
      })
      .times(2)
      .reply(201, { contact: apiContact });
    const named = {
      ...contactOutput,
      custom_fields__industry: 'Retail',
      custom_fields__team_size: null,
      warnings: [],
    };
    const earlier = makeBundle({
      email: 'amy@example.com',
      custom_field__TEXT__cfIndustry01: 'Retail',
      custom_field__TEXT__cfSize02: '12',
    });
    expect(await appTester(perform, earlier)).toEqual(named);
    const current = makeBundle({
      email: 'amy@example.com',
      custom_field__cfIndustry01: 'Retail',
      custom_field__cfSize02: '12',
    });
    const guard = requestGuard();
    expect(await appTester(perform, current, false)).toEqual(named);
    api.done();
    fields.done();
    expect(guard.pendingMocks()).toHaveLength(4);
  });

  it('refuses a contact without name, email or phone before any request', async () => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle({ companyName: 'Binders Inc', tags: ['vip'] })));
    expect(error.message).toBe(
      'Fill in at least one of First Name, Last Name, Email or Phone: HighLevel needs one of them to create a contact.',
    );
    expect(error.code).toBe('invalid_input');
    expect(sentAny(guard)).toBe(false);
  });

  it('refuses an invalid email before any request', async () => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle({ email: 'amy at example' })));
    expect(error.message).toBe('Email is not a valid email address (got "amy at example").');
    expect(sentAny(guard)).toBe(false);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().post('/contacts/').reply(422, validationFailure);
    const error = await caught(appTester(perform, makeBundle({ email: 'amy@example.com' })));
    expect(error).toMatchObject({
      code: 'validation_failed',
      status: 422,
      message:
        'HighLevel rejected the request: Email must be an email; property foo should not exist. (HighLevel trace ID: trace-422)',
    });
  });

  it('sends gender and DND per channel, and groups its form (inputFieldGroups)', async () => {
    const api = highlevel()
      .post('/contacts/', {
        lastName: 'Diaz',
        gender: 'female',
        dndSettings: { SMS: { status: 'active' }, WhatsApp: { status: 'permanent' } },
        inboundDndSettings: { all: { status: 'inactive' } },
        locationId: LOCATION_ID,
      })
      .reply(201, { contact: apiContact });
    await appTester(
      perform,
      makeBundle({
        lastName: 'Diaz',
        gender: 'female',
        dndSms: 'active',
        dndWhatsApp: 'permanent',
        dndInbound: 'inactive',
      }),
    );
    api.done();
    expect(createContact.operation.inputFieldGroups?.map((group) => group.key)).toEqual([
      'contact',
      'address',
      'dnd',
      'customFields',
    ]);
  });

  it('leaves out a bad custom-field value by default, naming the field in Warnings; "Stop with an error" sends nothing', async () => {
    const api = customFieldsReply()
      .post('/contacts/', { lastName: 'Diaz', locationId: LOCATION_ID })
      .reply(201, { contact: apiContact });
    const input = { lastName: 'Diaz', custom_field__cfSize02: 'a lot' };
    const result = await appTester(perform, makeBundle(input));
    expect(result).toMatchObject({
      warnings: ['"Team Size" needs a number (got "a lot"). It was left out; the rest was saved.'],
    });
    api.done();
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle({ ...input, ifValueUnusable: 'stop' }), false));
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining("Nothing was saved: a value can't be used"),
    });
    expect(sentAny(guard)).toBe(false);
  });

  it('labels the Warnings output so a user mapping it knows what it holds', () => {
    expect(createContact.operation.outputFields).toContainEqual({
      key: 'warnings',
      label: 'Warnings: Values Not Saved',
      type: 'string',
      list: true,
    });
  });

  it("passes on HighLevel's duplicate refusal (400) and never retries the write", async () => {
    const api = highlevel()
      .post('/contacts/')
      .reply(400, { statusCode: 400, message: 'This location does not allow duplicated contacts.' });
    const error = await caught(appTester(perform, makeBundle({ email: 'amy@example.com' })));
    expect(error).toMatchObject({
      code: 'bad_request',
      message: 'HighLevel rejected the request: This location does not allow duplicated contacts.',
    });
    api.done();
  });

  it('does not retry a write after a 5xx (it may have happened)', async () => {
    const api = highlevel().post('/contacts/').reply(502, { message: 'Bad gateway' });
    const error = await caught(appTester(perform, makeBundle({ email: 'amy@example.com' })));
    expect(error.code).toBe('server_error');
    api.done();
    expect(api.pendingMocks()).toEqual([]);
  });
});
