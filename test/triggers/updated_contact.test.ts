import type { PlainInputField } from 'zapier-platform-core';
import updatedContact, { perform } from '../../triggers/updated_contact';
import type { HighLevelContact } from '../../lib/contacts/model';
import { appTester, caught, highlevel, makeBundle } from '../helpers';
import { mockCustomFields, MINUTE, searchBody, searchContact } from './fixtures';

const sort = [{ field: 'dateUpdated', direction: 'desc' }];

/** One poll that returns `contacts`; custom field definitions are cached after the first. */
const poll = async (contacts: HighLevelContact[], inputData: Record<string, unknown> = {}) => {
  highlevel()
    .post('/contacts/search', searchBody({ pageLimit: 100, sort }))
    .reply(200, { contacts });
  return appTester(perform, makeBundle(inputData));
};

const base = searchContact('c1', 30 * MINUTE, {
  email: 'rosa@example.com',
  phone: '+14155550123',
  tags: ['vip', 'lead'],
  dateUpdated: '2026-11-21T09:30:00.000Z',
  customFields: [
    { id: 'cfIndustry', value: 'Retail' },
    { id: 'cfBudget', value: 100 },
  ],
});

describe('updated_contact', () => {
  it('without watch fields fires on every update: id = contact id + dateUpdated', async () => {
    mockCustomFields();
    const search = highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 100, sort }))
      .reply(200, {
        contacts: [base, searchContact('c2', 40 * MINUTE, { dateUpdated: undefined, dateAdded: undefined })],
      });

    const result = await appTester(perform, makeBundle({}));

    expect(result.map(({ id, contactId }) => ({ id, contactId }))).toEqual([
      { id: 'c1:2026-11-21T09:30:00.000+00:00', contactId: 'c1' },
      { id: 'c2', contactId: 'c2' },
    ]);
    expect(result[0]).toMatchObject({ email: 'rosa@example.com', custom_fields__industry: 'Retail' });
    search.done();
  });

  describe('with watch fields', () => {
    const watch = { watchFields: ['email', 'tags', 'customField.cfIndustry'] };

    it('keeps the same id while the watched values stay the same', async () => {
      mockCustomFields();
      const [first] = await poll([base], watch);
      const [second] = await poll(
        [
          {
            ...base,
            phone: '+14155550999',
            tags: ['lead', 'vip'],
            dateUpdated: '2026-11-22T10:00:00.000Z',
            customFields: [
              { id: 'cfBudget', value: 999 },
              { id: 'cfIndustry', value: 'Retail' },
            ],
          },
        ],
        watch,
      );

      expect(first.id).toMatch(/^c1:[0-9a-f]{16}$/);
      expect(first.contactId).toBe('c1');
      expect(second.id).toBe(first.id);
    });

    it.each([
      ['a standard field', { email: 'new@example.com' }],
      ['the tags', { tags: ['vip'] }],
      ['a custom field', { customFields: [{ id: 'cfIndustry', value: 'Finance' }] }],
      ['a custom field being cleared', { customFields: [] }],
    ])('changes the id when %s changes', async (_what, change) => {
      mockCustomFields();
      const [first] = await poll([base], watch);
      const [second] = await poll([{ ...base, ...change }], watch);

      expect(second.id).not.toBe(first.id);
      expect(second.contactId).toBe('c1');
    });

    it('does not depend on the order the watch fields were chosen in', async () => {
      mockCustomFields();
      const [first] = await poll([base], watch);
      const [second] = await poll([base], { watchFields: ['customField.cfIndustry', 'tags', 'email'] });

      expect(second.id).toBe(first.id);
    });

    it('refuses an unknown watch field before any request', async () => {
      const search = highlevel().post('/contacts/search').reply(200, { contacts: [] });

      const error = await caught(appTester(perform, makeBundle({ watchFields: ['email', 'password'] })));

      expect(error.code).toBe('invalid_input');
      expect(error.message).toBe(
        'Watch Fields: "password" is not a contact field. Choose the fields from the list.',
      );
      expect(search.isDone()).toBe(false);
    });
  });

  describe('the Watch Fields input', () => {
    const inputField = async () => {
      const [loader] = updatedContact.operation.inputFields ?? [];
      return (await appTester(loader as never, makeBundle({}))) as PlainInputField[];
    };

    it('offers the standard fields and the custom fields (by id)', async () => {
      mockCustomFields();
      const [field] = await inputField();

      expect(field).toMatchObject({ key: 'watchFields', label: 'Watch Fields', list: true, required: false });
      const choices = field.choices as Array<{ value: string; label: string }>;
      expect(choices.map((choice) => choice.value)).toEqual(
        expect.arrayContaining(['email', 'phone', 'tags', 'customField.cfIndustry', 'customField.cfBudget']),
      );
      expect(choices.map((choice) => choice.value)).not.toEqual(expect.arrayContaining(['id']));
      expect(choices).toContainEqual({
        value: 'customField.cfIndustry',
        label: 'Custom: Industry',
        sample: 'customField.cfIndustry',
      });
    });

    it('offers the standard fields only without the custom-fields permission', async () => {
      mockCustomFields([403, { statusCode: 403, message: 'The token is not authorized for this scope.' }]);
      const [field] = await inputField();

      const values = (field.choices as Array<{ value: string }>).map((choice) => choice.value);
      expect(values).toContain('email');
      expect(values.filter((value) => value.startsWith('customField.'))).toEqual([]);
    });
  });
});
