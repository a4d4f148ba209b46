import type { PlainInputField } from 'zapier-platform-core';
import updatedContact, { perform } from '../../triggers/updated_contact';
import { CONTACT_WINDOW_MS } from '../../lib/contacts/poll';
import type { HighLevelContact } from '../../lib/contacts/model';
import { appTester, caught, highlevel, makeBundle } from '../helpers';
import { mockCustomFields, MINUTE, searchBody, searchContact } from './fixtures';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
let now = T0;
const recentFirst = [{ field: 'dateUpdated', direction: 'desc' }];
const oldestFirst = [{ field: 'dateUpdated', direction: 'asc' }];
const since = (at: number) => ({
  field: 'dateUpdated',
  operator: 'range',
  value: { gte: new Date(at).toISOString() },
});
const OVERLAP = 2 * MINUTE;

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

/** `contact` as updated at `at` (epoch ms). */
const at = (
  contact: HighLevelContact,
  when: number,
  change: Partial<HighLevelContact> = {},
): HighLevelContact => ({
  ...contact,
  ...change,
  dateUpdated: new Date(when).toISOString(),
  searchAfter: [when, contact.id],
});

const watch = { watchFields: ['email', 'tags', 'customField.cfIndustry'] };

/** The turn-on poll: the baseline read of the most recently updated contacts. */
const turnOn = async (contacts: HighLevelContact[], inputData: Record<string, unknown> = watch) => {
  mockCustomFields();
  const search = highlevel()
    .post('/contacts/search', searchBody({ pageLimit: 100, sort: recentFirst }))
    .reply(200, { contacts });
  const result = await appTester(perform, makeBundle(inputData, { isPopulatingDedupe: true }));
  search.done();
  return result;
};

/** A later poll at `when`: the contacts updated since `from`, oldest change first. */
const pollAt = async (
  when: number,
  from: number,
  changed: HighLevelContact[],
  inputData: Record<string, unknown> = watch,
) => {
  now = when;
  const search = highlevel()
    .post('/contacts/search', searchBody({ pageLimit: 100, filters: [since(from)], sort: oldestFirst }))
    .reply(200, { contacts: changed });
  const result = await appTester(perform, makeBundle(inputData));
  search.done();
  return result;
};

beforeEach(() => {
  now = T0;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

describe('updated_contact', () => {
  it('without watch fields returns every contact updated in the last 3 hours: id = contact id + dateUpdated', async () => {
    mockCustomFields();
    const search = highlevel()
      .post(
        '/contacts/search',
        searchBody({
          pageLimit: 100,
          filters: [
            {
              field: 'dateUpdated',
              operator: 'range',
              value: { gte: new Date(T0 - CONTACT_WINDOW_MS).toISOString() },
            },
          ],
          sort: [{ field: 'dateUpdated', direction: 'asc' }],
        }),
      )
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

  it('without watch fields releases a bulk update over checks; turning on names the rest by event id alone', async () => {
    // 150 contacts updated at the same moment, a minute ago: 100 are released at once, 48 more by now.
    const when = T0 - MINUTE;
    const bulk = Array.from({ length: 150 }, (_, index) =>
      at(searchContact(`b${String(index).padStart(3, '0')}`, 0), when),
    );
    const version = new Date(when).toISOString().replace('Z', '+00:00');
    const reply = () =>
      highlevel()
        .post('/contacts/search')
        .reply(200, { contacts: bulk.slice(0, 100) })
        .post('/contacts/search')
        .reply(200, { contacts: bulk.slice(100) });
    mockCustomFields();

    reply();
    const live = await appTester(perform, makeBundle({}));
    const released = bulk.slice(0, 148).map((c) => c.id);
    expect(live.map((item) => item.contactId)).toEqual(released.reverse());
    expect(live[0]).toMatchObject({ id: `b147:${version}`, email: 'b147@example.com' });

    reply();
    const populating = await appTester(perform, makeBundle({}, { isPopulatingDedupe: true }));
    expect(populating.slice(148)).toEqual(
      bulk.slice(148).map((c) => ({ id: `${c.id}:${version}`, contactId: c.id })),
    );
  });

  describe('with watch fields', () => {
    it('notes the watched values of the most recently updated contacts at turn-on, and fires nothing', async () => {
      expect(await turnOn([base])).toEqual([]);
    });

    it('does not fire when only unwatched values change (order of tags and custom fields included)', async () => {
      await turnOn([base]);

      const result = await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [
        at(base, T0 + MINUTE, {
          phone: '+14155550999',
          tags: ['lead', 'vip'],
          customFields: [
            { id: 'cfBudget', value: 999 },
            { id: 'cfIndustry', value: 'Retail' },
          ],
        }),
      ]);

      expect(result).toEqual([]);
    });

    it.each([
      ['a standard field', { email: 'new@example.com' }],
      ['the tags', { tags: ['vip'] }],
      ['a custom field', { customFields: [{ id: 'cfIndustry', value: 'Finance' }] }],
      ['a custom field being cleared', { customFields: [] }],
    ])('fires when %s changes: id = contact id + update time', async (_what, change) => {
      await turnOn([base]);
      const when = T0 + MINUTE;

      const result = await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [at(base, when, change)]);

      expect(result.map(({ id, contactId }) => ({ id, contactId }))).toEqual([
        { id: `c1:${when}`, contactId: 'c1' },
      ]);
    });

    it('says which watched fields changed and, when it remembered them, their previous values', async () => {
      await turnOn([base]);

      const [event] = await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [
        at(base, T0 + MINUTE, {
          email: 'new@example.com',
          customFields: [{ id: 'cfIndustry', value: 'Finance' }],
        }),
      ]);

      // Three watched fields: the shortest value (Industry) is remembered, the email only as a digest.
      expect(event).toMatchObject({
        email: 'new@example.com',
        changedFields: ['Custom: Industry', 'Email'],
        previousValues: { customField__cfIndustry: 'Retail' },
      });
    });

    it('remembers a single watched field with its value: the previous city', async () => {
      const city = { watchFields: ['city'] };
      await turnOn([{ ...base, city: 'Brooklyn' }], city);

      const [event] = await pollAt(
        T0 + 5 * MINUTE,
        T0 - OVERLAP,
        [at({ ...base, city: 'Brooklyn' }, T0 + MINUTE, { city: 'Lyon' })],
        city,
      );

      expect(event).toMatchObject({
        city: 'Lyon',
        changedFields: ['City'],
        previousValues: { city: 'Brooklyn' },
      });
    });

    it('fires twice for A → B → A when a check falls in between', async () => {
      await turnOn([base]);
      const b = at(base, T0 + MINUTE, { email: 'b@example.com' });
      await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [b]);

      const result = await pollAt(T0 + 10 * MINUTE, T0 + 5 * MINUTE - OVERLAP, [
        at(base, T0 + 6 * MINUTE, { email: 'rosa@example.com' }),
      ]);

      expect(result.map((item) => item.id)).toEqual([`c1:${T0 + 6 * MINUTE}`, `c1:${T0 + MINUTE}`]);
    });

    it('notes a contact it has never seen at its first change without firing; its next change fires', async () => {
      await turnOn([base]);
      const stranger = searchContact('c9', 0, { email: 'x@example.com' });
      expect(await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [at(stranger, T0 + MINUTE)])).toEqual([]);

      const result = await pollAt(T0 + 10 * MINUTE, T0 + 5 * MINUTE - OVERLAP, [
        at(stranger, T0 + 6 * MINUTE, { email: 'y@example.com' }),
      ]);

      expect(result.map((item) => item.contactId)).toEqual(['c9']);
    });

    it('keeps one state whatever the order the watch fields were chosen in', async () => {
      await turnOn([base]);

      const result = await pollAt(
        T0 + 5 * MINUTE,
        T0 - OVERLAP,
        [at(base, T0 + MINUTE, { email: 'new@example.com' })],
        { watchFields: ['customField.cfIndustry', 'tags', 'email'] },
      );

      expect(result).toHaveLength(1);
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

    it('names each choice as the field, never "… ID" (Assigned User, not Assigned User ID)', async () => {
      mockCustomFields();
      const [field] = await inputField();
      const choices = field.choices as Array<{ value: string; label: string }>;
      expect(choices.find((choice) => choice.value === 'assignedTo')?.label).toBe('Assigned User');
      expect(choices.filter((choice) => / ID$/.test(choice.label))).toEqual([]);
    });

    it('offers the standard fields only without the custom-fields permission', async () => {
      mockCustomFields([401, { statusCode: 401, message: 'The token is not authorized for this scope.' }]);
      const [field] = await inputField();

      const values = (field.choices as Array<{ value: string }>).map((choice) => choice.value);
      expect(values).toContain('email');
      expect(values.filter((value) => value.startsWith('customField.'))).toEqual([]);
    });
  });
});
