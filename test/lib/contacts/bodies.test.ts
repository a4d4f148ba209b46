/** lib/contacts/bodies.ts: inputData → the contact DTOs, validated, and what the builders refuse. */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  buildContactCreateBody,
  buildContactUpdateBody,
  buildContactUpsertBody,
} from '../../../lib/contacts/bodies';
import { contactActionOutput } from '../../../lib/contacts/model';
import { getCustomFieldDefinitions } from '../../../lib/lookups/customFields';
import {
  appTester,
  caught,
  customFieldsReply as replyCustomFields,
  makeBundle,
  requestGuard,
  sentAny,
} from '../../helpers';
import { apiContact, contactOutput, customFieldsReply, locationReply, USER_ID } from '../../creates/fixtures';

type Builder = (z: ZObject, bundle: Bundle) => Promise<object>;
const run = (build: Builder, inputData: Record<string, unknown>) =>
  appTester((z: ZObject, bundle: Bundle) => build(z, bundle), makeBundle(inputData));

const fullInput = {
  firstName: '  Amy ',
  lastName: 'Santiago',
  email: ' Amy@Example.COM ',
  phone: '+1 (415) 555-0123',
  companyName: 'Binders Inc',
  address1: '1 Main St',
  city: 'Brooklyn',
  state: 'NY',
  postalCode: '11201',
  country: 'us',
  website: 'https://binders.example.com',
  timezone: 'America/New_York',
  dateOfBirth: '1985-03-02T00:00:00+10:00',
  source: 'Zapier',
  assignedTo: USER_ID,
  dnd: 'false',
  tags: ['lead', ' vip ', 'lead', ''],
  custom_field__TEXT__cfIndustry01: 'Retail',
  custom_field__NUMERICAL__cfSize02: '1,200',
  custom_field__MULTIPLE_OPTIONS__cfTopics03: ['a', 'b'],
  custom_field__DATE__cfRenewal04: '2026-12-31T00:00:00+10:00',
};

const normalisedFields = {
  firstName: 'Amy',
  lastName: 'Santiago',
  email: 'amy@example.com',
  phone: '+14155550123',
  address1: '1 Main St',
  city: 'Brooklyn',
  state: 'NY',
  postalCode: '11201',
  country: 'US',
  website: 'https://binders.example.com',
  timezone: 'America/New_York',
  dateOfBirth: '1985-03-02',
  source: 'Zapier',
  assignedTo: USER_ID,
  dnd: false,
  customFields: [
    { id: 'cfIndustry01', fieldValue: 'Retail' },
    { id: 'cfSize02', fieldValue: 1200 },
    { id: 'cfTopics03', fieldValue: ['a', 'b'] },
    { id: 'cfRenewal04', fieldValue: '2026-12-31' },
  ],
};

describe('buildContactCreateBody', () => {
  it('validates and normalises every field, with only CreateContactDto keys', async () => {
    const body = await run(buildContactCreateBody, fullInput);
    expect(body).toEqual({ ...normalisedFields, companyName: 'Binders Inc', tags: ['lead', 'vip'] });
  });

  it('drops empty optional fields', async () => {
    const body = await run(buildContactCreateBody, {
      email: 'amy@example.com',
      firstName: '   ',
      lastName: null,
      phone: '',
      companyName: '',
      country: ' ',
      dateOfBirth: '',
      dnd: '',
      assignedTo: '',
      timezone: '',
      tags: ['', ' '],
      custom_field__TEXT__cfIndustry01: ' ',
      custom_field__MULTIPLE_OPTIONS__cfTopics03: [],
    });
    expect(body).toEqual({ email: 'amy@example.com' });
  });

  it('never sends keys that are not contact inputs (locationId, name, anything else)', async () => {
    const body = await run(buildContactCreateBody, {
      lastName: 'Santiago',
      locationId: 'other-location',
      gender: ' female ',
      name: 'Amy Santiago',
      unknown: 'x',
    });
    expect(body).toEqual({ lastName: 'Santiago', gender: 'female' });
  });

  it('reads a national phone number in the sub-account country, looked up once and cached', async () => {
    const api = locationReply('GB');
    expect(await run(buildContactCreateBody, { phone: '020 7946 0958' })).toEqual({ phone: '+442079460958' });
    expect(await run(buildContactCreateBody, { phone: '020 7946 0959' })).toEqual({ phone: '+442079460959' });
    api.done();
  });

  it.each([
    [
      { firstName: ' ', tags: ['vip'], custom_field__TEXT__cfIndustry01: 'Retail' },
      'Fill in at least one of First Name, Last Name, Email or Phone',
    ],
    [{ email: 'amy@' }, 'Email is not a valid email address (got "amy@")'],
    [{ phone: '+1 123' }, 'Phone is not a valid phone number'],
    [
      { lastName: 'S', country: 'Narnia' },
      'Country "Narnia" is not a country name or code this integration knows',
    ],
    [{ lastName: 'S', timezone: 'Mars/Olympus' }, 'Time Zone must be a time zone'],
    [{ lastName: 'S', dateOfBirth: '1985-02-30' }, 'Date of Birth is not a real calendar date'],
    [{ lastName: 'S', dateOfBirth: 'yesterday-ish' }, 'Date of Birth is not a valid date'],
    [{ lastName: 'S', assignedTo: '../users' }, 'Assigned User must be a HighLevel ID'],
    [{ lastName: 'S', dnd: 'maybe' }, 'Do Not Disturb must be yes or no'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(run(buildContactCreateBody, input));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it.each([
    [{ lastName: 'S', custom_field__NUMERICAL__cfSize02: 'lots' }, '"Team Size" needs a number (got "lots")'],
    [{ lastName: 'S', custom_field__cfSize02: 'lots' }, '"Team Size" needs a number (got "lots")'],
    [{ lastName: 'S', custom_field__DATE__cfRenewal04: '2026-02-30' }, 'needs a date'],
  ])(
    'refuses %j by the field type, after reading the definitions and before any write',
    async (input, message) => {
      const definitions = customFieldsReply();
      const guard = requestGuard();
      const error = await caught(run(buildContactCreateBody, input));
      expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
      definitions.done();
      expect(sentAny(guard)).toBe(false);
    },
  );

  it('reports every other mistake before looking up the country of a national phone number', async () => {
    const guard = requestGuard();
    const error = await caught(run(buildContactCreateBody, { phone: '020 7946 0958', email: 'bad' }));
    expect(error.message).toContain('Email is not a valid email address');
    expect(sentAny(guard)).toBe(false);
  });
});

describe('buildContactUpsertBody', () => {
  it('sends the company name and the tags (they replace an existing contact’s)', async () => {
    const body = await run(buildContactUpsertBody, fullInput);
    expect(body).toEqual({ ...normalisedFields, companyName: 'Binders Inc', tags: ['lead', 'vip'] });
  });

  it('needs an email or a phone to match on', async () => {
    const guard = requestGuard();
    const error = await caught(run(buildContactUpsertBody, { firstName: 'Amy', lastName: 'Santiago' }));
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Fill in Email or Phone'),
    });
    expect(sentAny(guard)).toBe(false);
    expect(await run(buildContactUpsertBody, { phone: '+14155550123' })).toEqual({ phone: '+14155550123' });
  });
});

describe('buildContactUpdateBody', () => {
  it('sends only the filled fields, never companyName, and no tags unless asked to replace them', async () => {
    const body = await run(buildContactUpdateBody, { ...fullInput, tags: undefined });
    expect(body).toEqual(normalisedFields);
    expect(body).not.toHaveProperty('companyName');
    expect(body).not.toHaveProperty('tags');
  });

  it('replaces all tags only when "Replace All Tags" is yes; an empty list then clears them', async () => {
    expect(await run(buildContactUpdateBody, { replaceTags: 'true', tags: ['a', 'b'] })).toEqual({
      tags: ['a', 'b'],
    });
    expect(await run(buildContactUpdateBody, { replaceTags: true, tags: [] })).toEqual({ tags: [] });
    expect(await run(buildContactUpdateBody, { replaceTags: 'false', city: 'Queens' })).toEqual({
      city: 'Queens',
    });
  });

  it('adds the fields of "Clear These Fields" as null ("" for the postal code), by key or label', async () => {
    expect(
      await run(buildContactUpdateBody, {
        firstName: 'Amy',
        clearFields: ['phone', 'Time Zone', 'postal code', 'SOURCE', ' city '],
      }),
    ).toEqual({ firstName: 'Amy', phone: null, timezone: null, postalCode: '', source: null, city: null });
    expect(await run(buildContactUpdateBody, { clearFields: [], city: 'Queens' })).toEqual({
      city: 'Queens',
    });
  });

  it.each([
    [{ tags: ['vip'] }, 'Tags: not used, because Replace All Tags is No'],
    [{ replaceTags: 'no', tags: ['vip'] }, 'Tags: not used, because Replace All Tags is No'],
    [{ firstName: ' ', companyName: 'Binders Inc' }, 'Nothing to update'],
    [{}, 'Nothing to update'],
    [{ replaceTags: 'sometimes' }, 'Replace All Tags must be yes or no'],
    [{ website: 'https://example.com', clearFields: 'Website' }, 'Website: filled in and also chosen'],
    [{ clearFields: ['country'] }, '"country" is not a field this action can empty'],
    [
      { clearFields: 'First Name, lastName, Email, phone' },
      'cannot empty First Name, Last Name, Email and Phone',
    ],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(run(buildContactUpdateBody, input));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });
});

describe('contactActionOutput', () => {
  const output = (z: ZObject, bundle: Bundle) => contactActionOutput(z, bundle, apiContact);

  it('reads the definitions when they are not cached, once: later runs name the fields from the cache', async () => {
    const api = customFieldsReply();
    const named = {
      ...contactOutput,
      custom_fields__industry: 'Retail',
      custom_fields__team_size: null,
      warnings: [],
    };
    expect(await appTester(output, makeBundle({}))).toEqual(named);
    const guard = requestGuard();
    expect(await appTester(output, makeBundle({}), false)).toEqual(named);
    api.done();
    expect(sentAny(guard)).toBe(false);
  });

  it.each([
    [403, { message: 'The token is not authorized for this scope.' }],
    [401, { message: 'Invalid JWT' }],
    [500, { message: 'Internal server error' }],
    [503, {}],
  ])(
    'carries on without the named custom fields when the definitions lookup answers %i',
    async (status, body) => {
      const api = replyCustomFields(status, body).persist();
      expect(await appTester(output, makeBundle({}))).toEqual({ ...contactOutput, warnings: [] });
      api.persist(false);
      nock.cleanAll();
    },
  );

  it('names the custom fields when the definitions are already cached', async () => {
    const api = customFieldsReply();
    await appTester(getCustomFieldDefinitions, makeBundle({}));
    expect(await appTester(output, makeBundle({}))).toEqual({
      ...contactOutput,
      custom_fields__industry: 'Retail',
      custom_fields__team_size: null,
      warnings: [],
    });
    api.done();
  });
});

describe('forgiving inputs (docs/ACTIONS.md §5)', () => {
  /** Runs a builder with a warnings list, as the actions do; returns the body and the warnings. */
  const lenient = (
    build: (z: ZObject, bundle: Bundle, warnings: string[]) => Promise<object>,
    inputData: Record<string, unknown>,
  ) =>
    appTester(async (z: ZObject, bundle: Bundle) => {
      const warnings: string[] = [];
      return { body: await build(z, bundle, warnings), warnings };
    }, makeBundle(inputData));

  it.each([
    ['United States', 'US'],
    ['U.S.A.', 'US'],
    ['United Kingdom', 'GB'],
    ['uk', 'GB'],
    ['Deutschland', 'DE'],
    ['de', 'DE'],
  ])('reads the country %j as %s', async (country, code) => {
    expect(await lenient(buildContactCreateBody, { lastName: 'S', country })).toEqual({
      body: { lastName: 'S', country: code },
      warnings: [],
    });
  });

  it('leaves out an unreadable optional phone, country, time zone and date of birth, naming each, and keeps the rest', async () => {
    const guard = requestGuard();
    const result = await lenient(buildContactCreateBody, {
      firstName: 'Rosa',
      email: 'rosa@example.com',
      phone: '+1 123',
      country: 'Narnia',
      timezone: 'Mars/Olympus',
      dateOfBirth: 'yesterday-ish',
      city: 'Brooklyn',
    });
    expect(result).toEqual({
      body: { firstName: 'Rosa', email: 'rosa@example.com', city: 'Brooklyn' },
      warnings: [
        'Country "Narnia" is not a country name or code this integration knows; use a two-letter code such as US, GB or DE. It was left out; the rest was saved.',
        'Time Zone must be a time zone such as America/New_York; choose one from the list (got "Mars/Olympus"). It was left out; the rest was saved.',
        'Date of Birth is not a valid date; use YYYY-MM-DD, e.g. 1990-05-14 (got "yesterday-ish"). It was left out; the rest was saved.',
        'Phone is not a valid phone number; use the international format, e.g. +14155550123 (got "+1 123"). It was left out; the rest was saved.',
      ],
    });
    expect(sentAny(guard)).toBe(false);
  });

  it('keeps a phone with an extension and says the extension was left out', async () => {
    expect(await lenient(buildContactCreateBody, { lastName: 'S', phone: '+1 415 555 0123 ext. 9' })).toEqual(
      {
        body: { lastName: 'S', phone: '+14155550123' },
        warnings: [
          'Phone: HighLevel has no field for a phone extension, so the extension "9" can\'t be saved. The number was saved without it.',
        ],
      },
    );
  });

  it('still refuses a value the record cannot do without, before any request', async () => {
    const guard = requestGuard();
    // Create: the phone is the only identifier.
    expect(await caught(lenient(buildContactCreateBody, { phone: '+1 123' }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Phone is not a valid phone number'),
    });
    // Upsert: email is the only match key.
    expect(await caught(lenient(buildContactUpsertBody, { email: 'amy@', firstName: 'A' }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Email is not a valid email address'),
    });
    // Both identifiers given and both unreadable: nothing would identify the contact.
    expect(await caught(lenient(buildContactUpsertBody, { email: 'amy@', phone: '+1 123' }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^Fill in Email or Phone: .* Email is not a valid email address .* Phone is not a valid phone number/,
      ),
    });
    expect(sentAny(guard)).toBe(false);
  });

  it('Update Contact leaves out what it cannot read, and says so when nothing is left to update', async () => {
    expect(await lenient(buildContactUpdateBody, { city: 'Queens', email: 'nope' })).toEqual({
      body: { city: 'Queens' },
      warnings: ['Email is not a valid email address (got "nope"). It was left out; the rest was saved.'],
    });
    expect(await caught(lenient(buildContactUpdateBody, { country: 'Atlantis' }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^Nothing to update: .* Country "Atlantis" is not/),
    });
  });
});

describe('"If a Value Can\'t Be Used" (docs/CONTACT_INPUTS.md §1)', () => {
  const withWarnings = (
    build: (z: ZObject, bundle: Bundle, warnings: string[]) => Promise<object>,
    inputData: Record<string, unknown>,
  ) =>
    appTester(async (z: ZObject, bundle: Bundle) => {
      const warnings: string[] = [];
      return { body: await build(z, bundle, warnings), warnings };
    }, makeBundle(inputData));

  const picklists = () =>
    replyCustomFields(200, {
      customFields: [
        { id: 'cfSize02', name: 'Employees', fieldKey: 'contact.employees', dataType: 'NUMERICAL' },
        {
          id: 'cfPlan05',
          name: 'Plan',
          fieldKey: 'contact.plan',
          dataType: 'SINGLE_OPTIONS',
          picklistOptions: ['Basic', 'Pro'],
        },
        {
          id: 'cfTopics03',
          name: 'Topics',
          fieldKey: 'contact.topics',
          dataType: 'MULTIPLE_OPTIONS',
          picklistOptions: ['Sales', 'Support'],
        },
      ],
    });

  it('by default saves the contact without a bad custom-field value and names the field in Warnings', async () => {
    const definitions = picklists();
    expect(
      await withWarnings(buildContactCreateBody, {
        lastName: 'S',
        custom_field__cfSize02: 'lots',
        custom_field__cfPlan05: 'pro',
        custom_field__cfTopics03: ['sales', 'Billing'],
      }),
    ).toEqual({
      body: { lastName: 'S', customFields: [{ id: 'cfPlan05', fieldValue: 'Pro' }] },
      warnings: [
        '"Employees" needs a number (got "lots"). It was left out; the rest was saved.',
        '"Topics" needs values among: Sales, Support (got "Billing"). It was left out; the rest was saved.',
      ],
    });
    definitions.done();
  });

  it('names a picklist by its field and its allowed values', async () => {
    const definitions = picklists();
    const error = await caught(
      run(buildContactCreateBody, { lastName: 'S', custom_field__cfPlan05: 'Gold' }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: '"Plan" needs one of: Basic, Pro (got "Gold").',
    });
    definitions.done();
  });

  it('"Stop with an error" fails before any write, naming every standard and custom value it could not use', async () => {
    const definitions = picklists();
    const guard = requestGuard();
    const error = await caught(
      withWarnings(buildContactCreateBody, {
        firstName: 'Rosa',
        email: 'rosa@',
        country: 'Narnia',
        custom_field__cfSize02: 'lots',
        ifValueUnusable: 'stop',
      }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message:
        'Nothing was saved: 3 values can\'t be used, and "If a Value Can\'t Be Used" is "Stop with an error". Email is not a valid email address (got "rosa@"). Country "Narnia" is not a country name or code this integration knows; use a two-letter code such as US, GB or DE. "Employees" needs a number (got "lots").',
    });
    definitions.done();
    expect(sentAny(guard)).toBe(false);
  });

  it('"Stop with an error" with nothing wrong sends the same body as the default', async () => {
    expect(
      await withWarnings(buildContactUpsertBody, { email: 'a@example.com', ifValueUnusable: 'stop' }),
    ).toEqual({ body: { email: 'a@example.com' }, warnings: [] });
  });

  it('applies to Update Contact too: a Tags value while Replace All Tags is No is a warning, or the error', async () => {
    expect(await withWarnings(buildContactUpdateBody, { city: 'Queens', tags: ['vip'] })).toEqual({
      body: { city: 'Queens' },
      warnings: [
        'Tags: not used, because Replace All Tags is No (set it to Yes to replace the tags, or use Add Tags to Contact to add them). The rest was saved.',
      ],
    });
    const error = await caught(
      withWarnings(buildContactUpdateBody, { city: 'Queens', tags: ['vip'], ifValueUnusable: 'stop' }),
    );
    expect(error.message).toBe(
      'Nothing was saved: a value can\'t be used, and "If a Value Can\'t Be Used" is "Stop with an error". Tags: not used, because Replace All Tags is No (set it to Yes to replace the tags, or use Add Tags to Contact to add them).',
    );
  });

  it('a phone extension counts too: the default saves the number, "Stop with an error" stops', async () => {
    const input = { lastName: 'S', phone: '+1 415 555 0123 ext. 9' };
    expect((await withWarnings(buildContactCreateBody, input)).body).toEqual({
      lastName: 'S',
      phone: '+14155550123',
    });
    const error = await caught(withWarnings(buildContactCreateBody, { ...input, ifValueUnusable: 'stop' }));
    expect(error.message).toMatch(/Nothing was saved: .* the extension "9" can't be saved\.$/);
  });
});

describe('the other DTO fields (docs/CONTACT_INPUTS.md §2)', () => {
  it('sends gender, DND per channel and inbound DND on create', async () => {
    expect(
      await run(buildContactCreateBody, {
        lastName: 'S',
        gender: 'female',
        dnd: 'false',
        dndSms: 'active',
        dndEmail: 'Off (messages allowed)',
        dndCall: 'permanent',
        dndWhatsApp: 'yes',
        dndGmb: '',
        dndFb: 'inactive',
        dndInbound: 'on',
      }),
    ).toEqual({
      lastName: 'S',
      gender: 'female',
      dnd: false,
      dndSettings: {
        SMS: { status: 'active' },
        Email: { status: 'inactive' },
        Call: { status: 'permanent' },
        WhatsApp: { status: 'active' },
        FB: { status: 'inactive' },
      },
      inboundDndSettings: { all: { status: 'active' } },
    });
  });

  it('sends Allow Duplicate Contact on upsert only when it is filled in', async () => {
    expect(
      await run(buildContactUpsertBody, { email: 'a@example.com', createNewIfDuplicateAllowed: 'true' }),
    ).toEqual({ email: 'a@example.com', createNewIfDuplicateAllowed: true });
    expect(
      await run(buildContactUpsertBody, { email: 'a@example.com', createNewIfDuplicateAllowed: false }),
    ).toEqual({ email: 'a@example.com', createNewIfDuplicateAllowed: false });
    expect(await run(buildContactUpsertBody, { email: 'a@example.com' })).toEqual({ email: 'a@example.com' });
  });

  it('never sends gender or Allow Duplicate Contact on update (UpdateContactDto has neither)', async () => {
    expect(
      await run(buildContactUpdateBody, {
        city: 'Queens',
        gender: 'male',
        createNewIfDuplicateAllowed: true,
        dndSms: 'inactive',
      }),
    ).toEqual({ city: 'Queens', dndSettings: { SMS: { status: 'inactive' } } });
  });

  it.each([
    [{ lastName: 'S', dndSms: 'maybe' }, 'Do Not Disturb: SMS must be On, Off or Permanent (got "maybe")'],
    [
      { lastName: 'S', dndInbound: 'permanent' },
      'Do Not Disturb: Inbound Messages must be On or Off (got "permanent")',
    ],
    [
      { email: 'a@example.com', createNewIfDuplicateAllowed: 'often' },
      'Allow Duplicate Contact must be yes or no',
    ],
  ])('refuses %j plainly', async (input, message) => {
    const build = 'createNewIfDuplicateAllowed' in input ? buildContactUpsertBody : buildContactCreateBody;
    expect(await caught(run(build, input))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(message),
    });
  });
});
