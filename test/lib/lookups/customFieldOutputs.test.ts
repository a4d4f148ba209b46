/** lib/lookups/customFieldOutputs.ts: labelled "Custom: …" output fields and the values a contact read carries. */
import { customFieldOutputFields, customFieldOutputValue } from '../../../lib/lookups/customFieldOutputs';
import type { CustomFieldDefinition } from '../../../lib/lookups/customFields';

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
});
const budget = definition('Budget02', 'MONETORY', { name: 'Budget', fieldKey: 'contact.budget' });

describe('customFieldOutputFields', () => {
  it('labels each field by name under custom_fields__<key>', () => {
    expect(
      customFieldOutputFields([
        industry,
        budget,
        definition('N1', 'NUMERICAL', { name: 'Score', fieldKey: 'contact.score' }),
        definition('M1', 'MULTIPLE_OPTIONS', { name: 'Interests', fieldKey: 'contact.interests' }),
        definition('C1', 'CHECKBOX', { name: 'Consents', fieldKey: 'contact.consents' }),
        definition('D1', 'DATE', { name: 'Renewal', fieldKey: 'contact.renewal_date' }),
      ]),
    ).toEqual([
      { key: 'custom_fields__industry', label: 'Custom: Industry', type: 'string' },
      { key: 'custom_fields__budget', label: 'Custom: Budget', type: 'number' },
      { key: 'custom_fields__score', label: 'Custom: Score', type: 'number' },
      { key: 'custom_fields__interests', label: 'Custom: Interests', type: 'string', list: true },
      { key: 'custom_fields__consents', label: 'Custom: Consents', type: 'string', list: true },
      { key: 'custom_fields__renewal_date', label: 'Custom: Renewal', type: 'string' },
    ]);
  });
});
describe('customFieldOutputValue: strings (as the spec types them) and native values (as the sandbox sends)', () => {
  it.each([
    ['NUMERICAL', 42, 42],
    ['NUMERICAL', '42', 42],
    ['NUMERICAL', ' 1,234.5 ', 1234.5],
    ['MONETORY', '$ 99.90', 99.9],
    ['MONETORY', 'n/a', 'n/a'],
    ['DATE', 1798675200000, '2026-12-31'],
    ['DATE', '1798675200000', '2026-12-31'],
    ['DATE', 1798675200, '2026-12-31'],
    ['DATE', '2026-12-31', '2026-12-31'],
    ['DATE', '2026-12-31T00:00:00.000Z', '2026-12-31'],
    ['DATE', 'Dec 31, 2026 UTC', '2026-12-31'],
    ['DATE', 'someday', 'someday'],
    ['MULTIPLE_OPTIONS', ['SMS', 'Email'], ['SMS', 'Email']],
    ['MULTIPLE_OPTIONS', '["SMS","Email"]', ['SMS', 'Email']],
    ['CHECKBOX', 'SMS, Email', ['SMS', 'Email']],
    ['CHECKBOX', 'SMS', ['SMS']],
    ['TEXT', 'Retail', 'Retail'],
    ['TEXT', 7, '7'],
    ['TEXT', true, 'true'],
    ['TEXTBOX_LIST', ['a', 'b'], 'a, b'],
    ['FILE_UPLOAD', { f1: { url: 'https://x/y.pdf' } }, '{"f1":{"url":"https://x/y.pdf"}}'],
    ['TEXT', '', null],
    ['NUMERICAL', null, null],
    ['DATE', undefined, null],
  ])('%s %j → %j', (dataType, value, expected) => {
    expect(customFieldOutputValue(dataType, value)).toEqual(expected);
  });
});
