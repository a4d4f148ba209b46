/**
 * lib/lookups/customFields.ts: the definitions request (cached; 403 → []), typed input fields per data type, the
 * `{id, fieldValue}` writes with their coercions and errors (the outputs: customFieldOutputs.test.ts).
 */
import { errors, type Bundle, type ZObject } from 'zapier-platform-core';
import nock from 'nock';
import {
  actionCustomFieldDefinitions,
  actionCustomFieldWrites,
  CUSTOM_FIELDS_TTL_SECONDS,
  type CustomFieldDefinition,
  customFieldDefinitionSchema,
  customFieldInputFields,
  customFieldInputKey,
  customFieldWrites,
  getCustomFieldDefinitions,
  legacyCustomFieldInputKey,
} from '../../../lib/lookups/customFields';
import { errorDetails } from '../../../lib/core/errors';
import { LOCATION_ID, appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../../helpers';

const definition = (
  id: string,
  dataType: string,
  extra: Partial<CustomFieldDefinition> = {},
): CustomFieldDefinition => ({
  id,
  name: `Field ${id}`,
  fieldKey: `contact.field_${id.toLowerCase()}`,
  dataType,
  ...extra,
});

const industry = definition('IndUstry01', 'SINGLE_OPTIONS', {
  name: 'Industry',
  fieldKey: 'contact.industry',
  picklistOptions: ['Retail', 'Health'],
  position: 2,
});
const budget = definition('Budget02', 'MONETORY', {
  name: 'Budget',
  fieldKey: 'contact.budget',
  position: 1,
});

const DEFINITIONS_PATH = `/locations/${LOCATION_ID}/customFields`;

describe('getCustomFieldDefinitions', () => {
  const run = <T>(fn: (z: ZObject, bundle: Bundle) => Promise<T>, clearCache = true) =>
    appTester(fn, makeBundle({}), clearCache);

  it('reads GET /locations/{id}/customFields?model=contact, ordered by position', async () => {
    const scope = highlevel()
      .get(DEFINITIONS_PATH)
      .query({ model: 'contact' })
      .reply(200, { customFields: [industry, { ...budget, model: 'contact', extra: 1 }] });
    const result = await run((z, b) => getCustomFieldDefinitions(z, b));
    scope.done();
    expect(result.map((field) => field.id)).toEqual(['Budget02', 'IndUstry01']);
    expect(result[0]).toEqual({ ...budget, model: 'contact', extra: 1 });
  });

  it('is one request for two calls in a run, and for the next run (z.cache)', async () => {
    const scope = highlevel()
      .get(DEFINITIONS_PATH)
      .query({ model: 'contact' })
      .once()
      .reply(200, { customFields: [industry] });
    const first = await run(async (z, b) => [
      await getCustomFieldDefinitions(z, b),
      await getCustomFieldDefinitions(z, b),
    ]);
    const next = await run((z, b) => getCustomFieldDefinitions(z, b), false);
    scope.done();
    expect(first).toEqual([[industry], [industry]]);
    expect(next).toEqual([industry]);
  });

  it('is an empty list without the custom-fields permission (HighLevel answers 401), and that is cached too', async () => {
    const scope = highlevel()
      .get(DEFINITIONS_PATH)
      .query({ model: 'contact' })
      .once()
      .reply(401, { statusCode: 401, message: 'The token is not authorized for this scope.' });
    const result = await run(async (z, b) => [
      await getCustomFieldDefinitions(z, b),
      await getCustomFieldDefinitions(z, b),
    ]);
    scope.done();
    expect(result).toEqual([[], []]);
  });

  it('lets any other failure through', async () => {
    const scope = highlevel()
      .get(DEFINITIONS_PATH)
      .query({ model: 'contact' })
      .reply(400, { message: 'Bad' });
    const error = await caught(run((z, b) => getCustomFieldDefinitions(z, b)));
    scope.done();
    expect(error.code).toBe('bad_request');
  });
});

describe('customFieldInputFields', () => {
  it.each([
    ['TEXT', 'string', 'Text, saved as written.'],
    ['LARGE_TEXT', 'text', 'Text; line breaks are kept.'],
    ['NUMERICAL', 'number', 'A number, e.g. 1200.'],
    ['MONETORY', 'number', 'An amount, e.g. 99.50 (no currency sign needed).'],
    ['PHONE', 'string', 'A phone number, e.g. +14155550123.'],
    ['EMAIL', 'string', 'An email address.'],
    ['SINGLE_OPTIONS', 'string', "One of the field's options in HighLevel."],
    ['RADIO', 'string', "One of the field's options in HighLevel."],
  ])(
    '%s → a %s input, in the Custom Fields group, whose help says what the value must be',
    (dataType, type, helpText) => {
      expect(customFieldInputFields([definition('F1', dataType, { name: 'Nickname' })])).toEqual([
        {
          key: 'custom_field__F1',
          label: 'Nickname',
          type,
          required: false,
          group: 'customFields',
          helpText,
        },
      ]);
    },
  );

  it('DATE → a datetime input that explains the format', () => {
    expect(customFieldInputFields([definition('D1', 'DATE', { name: 'Renewal' })])).toEqual([
      {
        key: 'custom_field__D1',
        label: 'Renewal',
        type: 'datetime',
        required: false,
        group: 'customFields',
        helpText: 'A date, e.g. 2026-12-31. Only the day is saved.',
      },
    ]);
  });

  it('a dropdown gets its choices', () => {
    expect(customFieldInputFields([industry])).toEqual([
      {
        key: 'custom_field__IndUstry01',
        label: 'Industry',
        type: 'string',
        required: false,
        choices: [
          { value: 'Retail', label: 'Retail', sample: 'Retail' },
          { value: 'Health', label: 'Health', sample: 'Health' },
        ],
        group: 'customFields',
        helpText: 'One of: Retail, Health.',
      },
    ]);
  });

  it.each(['MULTIPLE_OPTIONS', 'CHECKBOX'])('%s → a list input with choices', (dataType) => {
    expect(
      customFieldInputFields([
        definition('M1', dataType, {
          name: 'Interests',
          picklistOptions: ['A', '2'],
          placeholder: 'Pick some',
        }),
      ]),
    ).toEqual([
      {
        key: 'custom_field__M1',
        label: 'Interests',
        type: 'string',
        required: false,
        list: true,
        choices: [
          { value: 'A', label: 'A', sample: 'A' },
          { value: '2', label: '2', sample: '2' },
        ],
        group: 'customFields',
        placeholder: 'Pick some',
        helpText: 'One or more of: A, 2.',
      },
    ]);
  });

  it('numeric picklist options (as HighLevel may send them) become text choices', () => {
    const parsed = customFieldDefinitionSchema().parse({
      ...definition('R1', 'RADIO'),
      picklistOptions: [1, 2.5],
    });
    expect(customFieldInputFields([parsed])[0].choices).toEqual([
      { value: '1', label: '1', sample: '1' },
      { value: '2.5', label: '2.5', sample: '2.5' },
    ]);
  });

  it.each(['TEXTBOX_LIST', 'FILE_UPLOAD', 'SIGNATURE', 'SOMETHING_NEW'])(
    'leaves out %s (not writable)',
    (type) => {
      expect(customFieldInputFields([definition('X1', type)])).toEqual([]);
    },
  );

  it('leaves out a field whose id could not round-trip through the input key', () => {
    expect(customFieldInputFields([definition('a.b/c', 'TEXT')])).toEqual([]);
  });

  it('keeps the order it is given and makes nothing required', () => {
    const fields = customFieldInputFields([budget, industry]);
    expect(fields.map((field) => field.key)).toEqual(['custom_field__Budget02', 'custom_field__IndUstry01']);
    expect(fields.every((field) => field.required === false)).toBe(true);
  });
});

describe('customFieldWrites', () => {
  const z = { errors } as unknown as ZObject;
  const writes = (inputData: Record<string, unknown>) => customFieldWrites(z, inputData);
  const failure = (inputData: Record<string, unknown>) => {
    try {
      writes(inputData);
    } catch (error) {
      expect(error).toBeInstanceOf(errors.Error);
      return errorDetails(error);
    }
    throw new Error('expected an error');
  };

  it('turns each filled custom_field__ input into {id, fieldValue} and ignores other inputs', () => {
    expect(
      writes({
        firstName: 'Rosa',
        custom_field__TEXT__T1: '  Hello  ',
        custom_field__LARGE_TEXT__L1: 'Line 1\nLine 2',
        custom_field__PHONE__P1: '+14155550123',
        custom_field__EMAIL__E1: 'a@example.com',
        custom_field__SINGLE_OPTIONS__S1: 'Retail',
        custom_field__RADIO__R1: 'Yes',
        custom_field__NUMERICAL__N1: '1,234.5',
        custom_field__MONETORY__M1: 99.95,
        custom_field__MULTIPLE_OPTIONS__MO1: [' A ', 'B', ''],
        custom_field__CHECKBOX__C1: 'Only',
        custom_field__DATE__D1: '2026-12-31',
      }),
    ).toEqual([
      { id: 'T1', fieldValue: 'Hello' },
      { id: 'L1', fieldValue: 'Line 1\nLine 2' },
      { id: 'P1', fieldValue: '+14155550123' },
      { id: 'E1', fieldValue: 'a@example.com' },
      { id: 'S1', fieldValue: 'Retail' },
      { id: 'R1', fieldValue: 'Yes' },
      { id: 'N1', fieldValue: 1234.5 },
      { id: 'M1', fieldValue: 99.95 },
      { id: 'MO1', fieldValue: ['A', 'B'] },
      { id: 'C1', fieldValue: ['Only'] },
      { id: 'D1', fieldValue: '2026-12-31' },
    ]);
  });

  it('drops empty inputs instead of clearing the field', () => {
    expect(
      writes({
        custom_field__TEXT__T1: '',
        custom_field__TEXT__T2: '   ',
        custom_field__NUMERICAL__N1: null,
        custom_field__DATE__D1: undefined,
        custom_field__MULTIPLE_OPTIONS__M1: ['', ' '],
        custom_field__CHECKBOX__C1: [],
      }),
    ).toEqual([]);
  });

  it('keeps a zero and false-looking text', () => {
    expect(writes({ custom_field__NUMERICAL__N1: 0, custom_field__TEXT__T1: 'false' })).toEqual([
      { id: 'N1', fieldValue: 0 },
      { id: 'T1', fieldValue: 'false' },
    ]);
  });

  it.each([
    ['2026-12-31T00:00:00+10:00', '2026-12-31'],
    ['2026-12-31T23:30:00-05:00', '2026-12-31'],
    ['2026-12-31 09:00', '2026-12-31'],
    ['2026-12-31T10:00:00Z', '2026-12-31'],
  ])('a date-time %j is the day as written: %s', (value, day) => {
    expect(writes({ custom_field__DATE__D1: value })).toEqual([{ id: 'D1', fieldValue: day }]);
  });

  it.each([
    ['NUMERICAL', 'twelve', 'needs a number'],
    ['MONETORY', '12 USD', 'needs an amount'],
    ['DATE', 'someday', 'needs a date such as 2026-12-31'],
    ['DATE', '2026-02-30', 'needs a date such as 2026-12-31'],
    ['DATE', '2026-13-01', 'needs a date such as 2026-12-31'],
    ['TEXT', ['a', 'b'], 'needs a single text value'],
    ['SINGLE_OPTIONS', { value: 'x' }, 'needs a single text value'],
  ])('refuses a %s value %j before any request', (dataType, value, what) => {
    const details = failure({ [`custom_field__${dataType}__F1`]: value });
    expect(details.code).toBe('invalid_input');
    // Without the definitions the field has no name: its id is all there is to name it by.
    expect(details.message).toMatch(
      new RegExp(`^A custom field whose name could not be read \\(ID F1\\) ${what} \\(got "`),
    );
  });

  it('shows at most 60 characters of a bad value', () => {
    const details = failure({ custom_field__NUMERICAL__N1: 'x'.repeat(500) });
    expect(details.message).toBe(
      `A custom field whose name could not be read (ID N1) needs a number (got "${'x'.repeat(60)}").`,
    );
  });

  it('names the field by its name when the definitions are known, and a picklist by its allowed values', () => {
    const z2 = z;
    const definitions = [
      definition('N1', 'NUMERICAL', { name: 'Employees' }),
      definition('S1', 'SINGLE_OPTIONS', { name: 'Plan', picklistOptions: ['Basic', 'Pro'] }),
      definition('M1', 'CHECKBOX', { name: 'Topics', picklistOptions: ['Sales', 'Support'] }),
    ];
    const fail = (inputData: Record<string, unknown>) => {
      try {
        customFieldWrites(z2, inputData, definitions);
      } catch (error) {
        return errorDetails(error).message;
      }
      throw new Error('expected an error');
    };
    expect(fail({ custom_field__N1: 'many' })).toBe('"Employees" needs a number (got "many").');
    expect(fail({ custom_field__S1: 'Gold' })).toBe('"Plan" needs one of: Basic, Pro (got "Gold").');
    expect(fail({ custom_field__M1: ['Sales', 'Ops'] })).toBe(
      '"Topics" needs values among: Sales, Support (got "Ops").',
    );
    // Options are matched regardless of case and sent as HighLevel lists them.
    expect(
      customFieldWrites(z2, { custom_field__S1: 'pro', custom_field__M1: 'support' }, definitions),
    ).toEqual([
      { id: 'S1', fieldValue: 'Pro' },
      { id: 'M1', fieldValue: ['Support'] },
    ]);
  });

  it('with a lenient reader, leaves out only the bad value', () => {
    const warnings: string[] = [];
    const lenient = <T>(read: () => T): T | undefined => {
      try {
        return read();
      } catch (error) {
        warnings.push(errorDetails(error).message ?? '');
        return undefined;
      }
    };
    expect(
      customFieldWrites(z, { custom_field__NUMERICAL__N1: 'x', custom_field__TEXT__T1: 'ok' }, [], lenient),
    ).toEqual([{ id: 'T1', fieldValue: 'ok' }]);
    expect(warnings).toEqual([
      'A custom field whose name could not be read (ID N1) needs a number (got "x").',
    ]);
  });

  it('reads back the keys customFieldInputFields makes', () => {
    const key = customFieldInputKey(industry);
    expect(key).toBe('custom_field__IndUstry01');
    expect(writes({ [key]: 'Health' })).toEqual([{ id: 'IndUstry01', fieldValue: 'Health' }]);
    expect(writes({ [customFieldInputKey(definition('MO_1-x', 'MULTIPLE_OPTIONS'))]: ['A'] })).toEqual([
      { id: 'MO_1-x', fieldValue: ['A'] },
    ]);
  });

  it('ignores keys that only look like custom fields', () => {
    expect(
      writes({
        custom_field__text__T1: 'a',
        custom_field__TEXT__: 'b',
        custom_fields__industry: 'c',
        xcustom_field__TEXT__T1: 'd',
      }),
    ).toEqual([]);
  });
});

describe('stable input keys (docs/ACTIONS.md §10)', () => {
  const z = { errors } as unknown as ZObject;

  it('keys a field by its id alone, so a rename or a new data type keeps the key', () => {
    const before = definition('Fx1', 'TEXT', { name: 'Score' });
    const after = definition('Fx1', 'NUMERICAL', { name: 'Lead Score', fieldKey: 'contact.lead_score' });
    expect(customFieldInputKey(before)).toBe('custom_field__Fx1');
    expect(customFieldInputFields([after])[0].key).toBe(customFieldInputKey(before));
    expect(legacyCustomFieldInputKey(before)).toBe('custom_field__TEXT__Fx1');
  });

  it('reads a value under an earlier (typed) key and under the current key as the same kind of write', () => {
    const definitions = [industry, budget];
    expect(
      customFieldWrites(
        z,
        { custom_field__SINGLE_OPTIONS__IndUstry01: 'Retail', custom_field__Budget02: '1,500' },
        definitions,
      ),
    ).toEqual([
      { id: 'IndUstry01', fieldValue: 'Retail' },
      { id: 'Budget02', fieldValue: 1500 },
    ]);
  });

  it("converts by the field's current data type, even under an earlier key that named another", () => {
    const nowNumber = definition('Fx1', 'NUMERICAL');
    expect(customFieldWrites(z, { custom_field__TEXT__Fx1: '42' }, [nowNumber])).toEqual([
      { id: 'Fx1', fieldValue: 42 },
    ]);
    expect(customFieldWrites(z, { custom_field__Fx1: '42' }, [nowNumber])).toEqual([
      { id: 'Fx1', fieldValue: 42 },
    ]);
    const nowList = definition('Fx2', 'MULTIPLE_OPTIONS');
    expect(customFieldWrites(z, { custom_field__TEXT__Fx2: 'A' }, [nowList])).toEqual([
      { id: 'Fx2', fieldValue: ['A'] },
    ]);
  });

  it('sends one write per field: the current key wins over an earlier key, in either order', () => {
    const definitions = [definition('Fx1', 'TEXT')];
    expect(
      customFieldWrites(z, { custom_field__TEXT__Fx1: 'old', custom_field__Fx1: 'new' }, definitions),
    ).toEqual([{ id: 'Fx1', fieldValue: 'new' }]);
    expect(
      customFieldWrites(z, { custom_field__Fx1: 'new', custom_field__TEXT__Fx1: 'old' }, definitions),
    ).toEqual([{ id: 'Fx1', fieldValue: 'new' }]);
  });

  it('without definitions: an earlier key by its type, a current key by the kind of value', () => {
    expect(
      customFieldWrites(z, {
        custom_field__NUMERICAL__N1: '7',
        custom_field__T1: ' seven ',
        custom_field__N2: 7,
        custom_field__L1: ['a', ' b '],
      }),
    ).toEqual([
      { id: 'N1', fieldValue: 7 },
      { id: 'T1', fieldValue: 'seven' },
      { id: 'N2', fieldValue: 7 },
      { id: 'L1', fieldValue: ['a', 'b'] },
    ]);
  });

  it('ignores keys with a double underscore that name no writable type', () => {
    expect(customFieldWrites(z, { custom_field__FOO__x1: 'a', custom_field__x__: 'b' })).toEqual([]);
  });

  it('offers no input for a field whose id would read back as an earlier key', () => {
    expect(customFieldInputFields([definition('TEXT__x1', 'TEXT')])).toEqual([]);
  });
});

describe('actionCustomFieldWrites and actionCustomFieldDefinitions', () => {
  const run = <T>(fn: (z: ZObject, bundle: Bundle) => Promise<T>, clearCache = true) =>
    appTester(fn, makeBundle({}), clearCache);

  it('sends no request when no custom field is filled', async () => {
    const guard = requestGuard();
    expect(
      await run((z, b) => actionCustomFieldWrites(z, b, { firstName: 'A', custom_field__X1: ' ' })),
    ).toEqual([]);
    expect(sentAny(guard)).toBe(false);
  });

  it('reads the definitions once for a filled field, then converts by them from the cache', async () => {
    const scope = highlevel()
      .get(DEFINITIONS_PATH)
      .query({ model: 'contact' })
      .once()
      .reply(200, { customFields: [budget] });
    expect(await run((z, b) => actionCustomFieldWrites(z, b, { custom_field__Budget02: '12' }))).toEqual([
      { id: 'Budget02', fieldValue: 12 },
    ]);
    expect(
      await run((z, b) => actionCustomFieldWrites(z, b, { custom_field__MONETORY__Budget02: '13' }), false),
    ).toEqual([{ id: 'Budget02', fieldValue: 13 }]);
    scope.done();
  });

  it.each([403, 401, 500])('carries on without the definitions when they answer %i', async (status) => {
    highlevel().get(DEFINITIONS_PATH).query({ model: 'contact' }).times(3).reply(status, { message: 'No' });
    expect(await run((z, b) => actionCustomFieldDefinitions(z, b))).toEqual([]);
    expect(await run((z, b) => actionCustomFieldWrites(z, b, { custom_field__NUMERICAL__N1: '5' }))).toEqual([
      { id: 'N1', fieldValue: 5 },
    ]);
    nock.cleanAll();
  });

  it('keeps the definitions an hour, in the connection scope of z.cache', async () => {
    expect(CUSTOM_FIELDS_TTL_SECONDS).toBeGreaterThanOrEqual(60 * 60);
    const get = jest.fn().mockResolvedValue([industry]);
    const z = { cache: { get, set: jest.fn() }, errors } as unknown as ZObject;
    const bundle = makeBundle({});
    expect(await getCustomFieldDefinitions(z, bundle)).toEqual([industry]);
    expect(get).toHaveBeenCalledWith(expect.stringContaining(LOCATION_ID), ['auth']);
  });
});
