import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  buildContactCreateBody,
  buildContactUpdateBody,
  buildContactUpsertBody,
  createContactInputFields,
  updateContactInputFields,
  upsertContactInputFields,
} from '../../../lib/contacts/fields';
import { contactActionOutput } from '../../../lib/contacts/model';
import {
  customFieldInputs,
  customFieldOutputs,
  getCustomFieldDefinitions,
} from '../../../lib/lookups/customFields';
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

describe('input fields', () => {
  const keys = (fields: ReadonlyArray<{ key: string }>) => fields.map((field) => field.key);

  it('create and upsert offer the company name, update does not (UpdateContactDto has none)', () => {
    expect(keys(createContactInputFields)).toContain('companyName');
    expect(keys(upsertContactInputFields)).toContain('companyName');
    expect(keys(updateContactInputFields)).not.toContain('companyName');
    const note = updateContactInputFields.find((field) => field.key === 'companyNameNote');
    expect(note).toMatchObject({
      type: 'copy',
      helpText: expect.stringContaining('Create or Update Contact'),
    });
  });

  it('never asks for a typed id: user, time zone and tags are dropdowns', () => {
    for (const fields of [createContactInputFields, upsertContactInputFields, updateContactInputFields]) {
      for (const key of ['assignedTo', 'timezone', 'tags']) {
        expect(fields.find((field) => field.key === key)).toHaveProperty('dynamic');
      }
      expect(fields.some((field) => 'label' in field && / ID$/.test(field.label))).toBe(false);
    }
  });

  it('update offers "Replace All Tags" (default no) right before the tags', () => {
    const updateKeys = keys(updateContactInputFields);
    expect(updateKeys.indexOf('replaceTags')).toBe(updateKeys.indexOf('tags') - 1);
    expect(updateContactInputFields.find((field) => field.key === 'replaceTags')).toMatchObject({
      type: 'boolean',
      default: 'false',
    });
  });

  it('turns the custom field definitions into typed inputs and labelled outputs, loading them once', async () => {
    const api = customFieldsReply();
    const inputs = await appTester(customFieldInputs, makeBundle({}));
    const outputs = await appTester(customFieldOutputs, makeBundle({}));
    expect(inputs).toEqual([
      expect.objectContaining({ key: 'custom_field__cfIndustry01', label: 'Industry', type: 'string' }),
      expect.objectContaining({
        key: 'custom_field__cfSize02',
        label: 'Team Size',
        type: 'number',
      }),
    ]);
    expect(outputs).toEqual([
      { key: 'custom_fields__industry', label: 'Custom: Industry', type: 'string' },
      { key: 'custom_fields__team_size', label: 'Custom: Team Size', type: 'number' },
    ]);
    api.done();
  });
});

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

  it('never sends keys that are not contact inputs (locationId, gender, name, anything else)', async () => {
    const body = await run(buildContactCreateBody, {
      lastName: 'Santiago',
      locationId: 'other-location',
      gender: 'female',
      name: 'Amy Santiago',
      unknown: 'x',
    });
    expect(body).toEqual({ lastName: 'Santiago' });
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
    [
      { lastName: 'S', custom_field__NUMERICAL__cfSize02: 'lots' },
      'The custom field cfSize02 needs a number',
    ],
    [{ lastName: 'S', custom_field__cfSize02: 'lots' }, 'The custom field cfSize02 needs a number'],
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
    [{ tags: ['vip'] }, 'Tags are only used when Replace All Tags is Yes'],
    [{ replaceTags: 'no', tags: ['vip'] }, 'Tags are only used when Replace All Tags is Yes'],
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
          'Phone: HighLevel has no field for a phone extension, so the extension "9" was left out (the number was saved).',
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
