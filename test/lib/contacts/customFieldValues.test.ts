import { customFieldOutputValue } from '../../../lib/contacts/customFieldValues';

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
