import contactTagAdded, { perform } from '../../triggers/contact_tag_added';
import { appTester, caught, highlevel, makeBundle } from '../helpers';
import { contactPage, mockCustomFields, MINUTE, searchBody, searchContact } from './fixtures';

const sort = [{ field: 'dateUpdated', direction: 'desc' }];
const filters = [{ field: 'tags', operator: 'eq', value: 'vip' }];

describe('contact_tag_added', () => {
  it('searches contacts having the tag, newest update first; the id is contact id + tag', async () => {
    const search = highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 100, filters, sort }))
      .reply(200, {
        contacts: [
          searchContact('c1', 2 * MINUTE, {
            tags: ['vip', 'lead'],
            customFields: [{ id: 'cfIndustry', value: 'Retail' }],
          }),
          searchContact('c2', 40 * MINUTE, { tags: ['vip'] }),
        ],
      });
    mockCustomFields();

    const result = await appTester(perform, makeBundle({ tag: 'vip' }));

    expect(result.map(({ id, contactId, tag }) => ({ id, contactId, tag }))).toEqual([
      { id: 'c1:vip', contactId: 'c1', tag: 'vip' },
      { id: 'c2:vip', contactId: 'c2', tag: 'vip' },
    ]);
    expect(result[0]).toMatchObject({
      firstName: 'First c1',
      tags: ['vip', 'lead'],
      custom_fields__industry: 'Retail',
    });
    search.done();
  });

  it('treats a typed tag like the stored one (trimmed, lower-case), so the dedupe id does not change', async () => {
    highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 100, filters, sort }))
      .reply(200, { contacts: [searchContact('c1', 2 * MINUTE, { tags: ['vip'] })] });
    mockCustomFields();

    const [item] = await appTester(perform, makeBundle({ tag: ' VIP ' }));

    expect(item.id).toBe('c1:vip');
  });

  it('requires a tag, before any request', async () => {
    const search = highlevel().post('/contacts/search').reply(200, { contacts: [] });

    const error = await caught(appTester(perform, makeBundle({ tag: '   ' })));

    expect(error).toMatchObject({ code: 'invalid_input', message: 'Tag is required.' });
    expect(search.isDone()).toBe(false);
  });

  it('refuses a mapped list of several tags, before any request', async () => {
    const search = highlevel().post('/contacts/search').reply(200, { contacts: [] });

    const error = await caught(appTester(perform, makeBundle({ tag: ['vip', 'lead'] as unknown as string })));

    expect(error).toMatchObject({
      code: 'invalid_input',
      message: 'Tag takes one tag; got 2. Choose a single tag.',
    });
    expect(search.isDone()).toBe(false);
  });

  it('accepts a mapped list holding one tag', async () => {
    const search = highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 100, filters, sort }))
      .reply(200, { contacts: [] });

    expect(await appTester(perform, makeBundle({ tag: [' Vip'] as unknown as string }))).toEqual([]);
    search.done();
  });

  it('measures a burst by dateUpdated: recently tagged old contacts page on', async () => {
    const first = contactPage('a', 100, MINUTE).map((contact) => ({
      ...contact,
      dateAdded: '2020-01-01T00:00:00.000Z',
    }));
    const search = highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 100, filters, sort }))
      .reply(200, { contacts: first })
      .post(
        '/contacts/search',
        searchBody({ pageLimit: 100, filters, sort, searchAfter: first[99].searchAfter }),
      )
      .reply(200, { contacts: [searchContact('old', 60 * MINUTE)] });
    mockCustomFields();

    const result = await appTester(perform, makeBundle({ tag: 'vip' }));

    expect(result).toHaveLength(101);
    expect(result[100].id).toBe('old:vip');
    search.done();
  });

  it('loads the sample with 3 contacts', async () => {
    highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 3, filters, sort }))
      .reply(200, { contacts: contactPage('s', 3, MINUTE) });
    mockCustomFields();

    expect(await appTester(perform, makeBundle({ tag: 'vip' }, { isLoadingSample: true }))).toHaveLength(3);
  });

  it('labels the event id, the real contact id and the tag in its output fields', async () => {
    mockCustomFields();
    const outputFields = contactTagAdded.operation.outputFields ?? [];
    expect(outputFields).toHaveLength(1);
    const fields = await appTester(outputFields[0] as never, makeBundle({}));

    expect((fields as Array<{ key: string }>).slice(0, 4)).toEqual([
      { key: 'id', label: 'Event ID', type: 'string' },
      { key: 'contactId', label: 'Contact ID', type: 'string' },
      { key: 'tag', label: 'Tag Added', type: 'string' },
      { key: 'firstName', label: 'First Name', type: 'string' },
    ]);
    expect(fields).toEqual(
      expect.arrayContaining([{ key: 'custom_fields__industry', label: 'Custom: Industry', type: 'string' }]),
    );
    expect((fields as Array<{ key: string }>).filter((field) => field.key === 'id')).toHaveLength(1);
    expect(contactTagAdded.operation.sample).toMatchObject({ id: 'ocQHyuzHvysMo5N5VsXc:vip', tag: 'vip' });
  });
});
