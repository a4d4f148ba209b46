import nock from 'nock';
import newContact, { perform } from '../../triggers/new_contact';
import { contactOutputFieldsWithCustom } from '../../lib/contacts/model';
import { BURST } from '../../lib/contacts/poll';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';
import { contactPage, mockCustomFields, MINUTE, searchBody, searchContact } from './fixtures';

const sort = [{ field: 'dateAdded', direction: 'desc' }];
const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

afterEach(() => jest.restoreAllMocks());

describe('new_contact', () => {
  it('asks for the newest 100 contacts by dateAdded and returns them with custom fields by name', async () => {
    const contact = searchContact('c1', 30 * MINUTE, {
      firstName: 'Rosa',
      lastName: 'Diaz',
      email: 'rosa@example.com',
      phone: '+14155550123',
      address: '99 Precinct Street',
      dateOfBirth: Date.UTC(1990, 4, 14),
      dateAdded: '2026-11-20T15:04:05.000Z',
      dateUpdated: '2026-11-21T09:30:00.000Z',
      tags: ['vip'],
      customFields: [
        { id: 'cfIndustry', value: 'Retail' },
        { id: 'cfUnknown', value: 'ignored' },
      ],
    });
    const search = highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 100, sort }))
      .reply(200, { contacts: [contact, searchContact('c2', 40 * MINUTE)], total: 2 });
    const fields = mockCustomFields();

    const result = await appTester(perform, makeBundle({}));

    expect(ids(result)).toEqual(['c1', 'c2']);
    expect(result[0]).toEqual({
      id: 'c1',
      firstName: 'Rosa',
      lastName: 'Diaz',
      fullName: 'Rosa Diaz',
      email: 'rosa@example.com',
      phone: '+14155550123',
      companyName: null,
      address1: '99 Precinct Street',
      city: null,
      state: null,
      postalCode: null,
      country: null,
      website: null,
      timezone: null,
      source: null,
      type: null,
      dnd: false,
      tags: ['vip'],
      assignedTo: null,
      dateOfBirth: '1990-05-14',
      dateAdded: '2026-11-20T15:04:05.000+00:00',
      dateUpdated: '2026-11-21T09:30:00.000+00:00',
      businessId: null,
      locationId: LOCATION_ID,
      url: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/c1`,
      custom_fields__industry: 'Retail',
      custom_fields__budget: null,
    });
    search.done();
    fields.done();
  });

  it('filters by tag (as HighLevel stores it: trimmed, lower-case) and by assigned user', async () => {
    const search = highlevel()
      .post(
        '/contacts/search',
        searchBody({
          pageLimit: 100,
          filters: [
            { field: 'tags', operator: 'eq', value: 'vip lead' },
            { field: 'assignedTo', operator: 'eq', value: 'user_1' },
          ],
          sort,
        }),
      )
      .reply(200, { contacts: [], total: 0 });

    const result = await appTester(perform, makeBundle({ tag: '  VIP Lead ', assignedTo: 'user_1' }));

    expect(result).toEqual([]);
    search.done(); // and no custom field request when there is nothing to show
  });

  it('refuses a malformed assigned user before any request', async () => {
    const search = highlevel().post('/contacts/search').reply(200, { contacts: [] });

    const error = await caught(appTester(perform, makeBundle({ assignedTo: '../users' })));

    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^Assigned User must be a HighLevel ID/);
    expect(search.isDone()).toBe(false);
  });

  it('loads the editor sample with one request of 3 contacts, even when they are all brand new', async () => {
    const search = highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 3, sort }))
      .reply(200, { contacts: contactPage('s', 4, MINUTE) });
    mockCustomFields();

    const result = await appTester(perform, makeBundle({}, { isLoadingSample: true }));

    expect(ids(result)).toEqual(['s0', 's1', 's2']);
    search.done();
  });

  it('seeds dedupe with one page only', async () => {
    const search = highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 100, sort }))
      .reply(200, { contacts: contactPage('d', 100, MINUTE) });
    mockCustomFields();

    const result = await appTester(perform, makeBundle({}, { isPopulatingDedupe: true }));

    expect(result).toHaveLength(100);
    search.done();
  });

  it('makes exactly one request when the first page is full but reaches a contact older than 15 minutes', async () => {
    const page = [...contactPage('a', 99, MINUTE), searchContact('old', 16 * MINUTE)];
    const search = highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 100, sort }))
      .reply(200, { contacts: page });
    mockCustomFields();

    const result = await appTester(perform, makeBundle({}));

    expect(result).toHaveLength(100);
    search.done();
  });

  it('makes exactly one request when a page of brand-new contacts is not full', async () => {
    highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 100, sort }))
      .reply(200, { contacts: contactPage('a', 99, MINUTE) });
    mockCustomFields();

    expect(await appTester(perform, makeBundle({}))).toHaveLength(99);
    expect(nock.pendingMocks()).toEqual([]);
  });

  describe('in a burst (a full first page younger than 15 minutes)', () => {
    it('pages on with the last contact’s searchAfter until a page reaches an older contact', async () => {
      const first = contactPage('a', 100, MINUTE);
      const second = [...contactPage('b', 60, 5 * MINUTE), ...contactPage('old', 40, 20 * MINUTE)];
      const search = highlevel()
        .post('/contacts/search', searchBody({ pageLimit: 100, sort }))
        .reply(200, { contacts: first })
        .post('/contacts/search', searchBody({ pageLimit: 100, sort, searchAfter: first[99].searchAfter }))
        .reply(200, { contacts: second });
      mockCustomFields();

      const result = await appTester(perform, makeBundle({}));

      expect(ids(result)).toEqual([...ids(first), ...ids(second)]);
      search.done();
    });

    it('keeps the filters and drops a contact that shows up on two pages', async () => {
      const filters = [{ field: 'tags', operator: 'eq', value: 'vip' }];
      const first = contactPage('a', 100, MINUTE);
      const second = [first[99], searchContact('older', 30 * MINUTE)];
      const search = highlevel()
        .post('/contacts/search', searchBody({ pageLimit: 100, filters, sort }))
        .reply(200, { contacts: first })
        .post(
          '/contacts/search',
          searchBody({ pageLimit: 100, filters, sort, searchAfter: first[99].searchAfter }),
        )
        .reply(200, { contacts: second });
      mockCustomFields();

      const result = await appTester(perform, makeBundle({ tag: 'vip' }));

      expect(ids(result)).toEqual([...ids(first), 'older']);
      search.done();
    });

    it(`stops at ${BURST.maxItems} contacts`, async () => {
      const pages = Array.from({ length: 6 }, (_, page) =>
        contactPage(`p${page}-`, 100, MINUTE + page * 100_000),
      );
      let cursor: unknown[] | undefined;
      const search = highlevel();
      for (const page of pages.slice(0, 5)) {
        search
          .post(
            '/contacts/search',
            searchBody({ pageLimit: 100, sort, ...(cursor ? { searchAfter: cursor } : {}) }),
          )
          .reply(200, { contacts: page });
        cursor = page[99].searchAfter ?? undefined;
      }
      const sixth = highlevel().post('/contacts/search').reply(200, { contacts: pages[5] });
      mockCustomFields();

      const result = await appTester(perform, makeBundle({}));

      expect(result).toHaveLength(500);
      expect(ids(result)).toEqual(pages.slice(0, 5).flatMap(ids));
      search.done();
      expect(sixth.isDone()).toBe(false);
    });

    it('starts no new page after 20 seconds', async () => {
      const start = Date.now();
      let clock = start;
      jest.spyOn(Date, 'now').mockImplementation(() => clock);
      const pages = Array.from({ length: 5 }, (_, page) => contactPage(`p${page}-`, 100, MINUTE));
      const cursors: unknown[] = [];
      highlevel()
        .post('/contacts/search')
        .times(5)
        .reply(200, (_uri, body: { searchAfter?: unknown[] }) => {
          cursors.push(body.searchAfter);
          clock += 7_000; // each page takes 7 s
          return { contacts: pages[cursors.length - 1] };
        });
      mockCustomFields();

      const result = await appTester(perform, makeBundle({}));

      // Requests start at 0 s, 7 s and 14 s; at 21 s the budget is spent.
      expect(result).toHaveLength(300);
      expect(cursors).toEqual([undefined, pages[0][99].searchAfter, pages[1][99].searchAfter]);
    });

    it('stops when the last contact carries no searchAfter cursor', async () => {
      const first = contactPage('a', 100, MINUTE);
      first[99] = { ...first[99], searchAfter: undefined };
      highlevel()
        .post('/contacts/search', searchBody({ pageLimit: 100, sort }))
        .reply(200, { contacts: first });
      mockCustomFields();

      expect(await appTester(perform, makeBundle({}))).toHaveLength(100);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe('custom fields', () => {
    it('reads the definitions once and then from the cache, so a steady-state poll is one request', async () => {
      const contacts = [
        searchContact('c1', 30 * MINUTE, { customFields: [{ id: 'cfBudget', value: 1200 }] }),
      ];
      const search = highlevel()
        .post('/contacts/search', searchBody({ pageLimit: 100, sort }))
        .times(2)
        .reply(200, { contacts });
      const fields = mockCustomFields();

      const first = await appTester(perform, makeBundle({}));
      const second = await appTester(perform, makeBundle({}));

      expect(first[0]).toMatchObject({ custom_fields__budget: 1200, custom_fields__industry: null });
      expect(second).toEqual(first);
      search.done();
      fields.done();
    });

    it('still polls without the custom-fields permission (403): no custom fields, no error', async () => {
      highlevel()
        .post('/contacts/search', searchBody({ pageLimit: 100, sort }))
        .reply(200, {
          contacts: [searchContact('c1', 30 * MINUTE, { customFields: [{ id: 'cfBudget', value: 1 }] })],
        });
      mockCustomFields([403, { statusCode: 403, message: 'The token is not authorized for this scope.' }]);

      const [contact] = await appTester(perform, makeBundle({}));

      expect(contact.id).toBe('c1');
      expect(Object.keys(contact).filter((key) => key.startsWith('custom_fields__'))).toEqual([]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('lists the custom fields as labelled output fields', async () => {
      expect(newContact.operation.outputFields).toEqual([contactOutputFieldsWithCustom]);
      mockCustomFields();
      const fields = await appTester(contactOutputFieldsWithCustom, makeBundle({}));
      expect(fields).toEqual(
        expect.arrayContaining([
          { key: 'id', label: 'Contact ID', type: 'string' },
          { key: 'custom_fields__industry', label: 'Custom: Industry', type: 'string' },
          { key: 'custom_fields__budget', label: 'Custom: Budget', type: 'number' },
        ]),
      );
    });
  });

  it('passes HighLevel errors on (a 422 with its message array)', async () => {
    highlevel()
      .post('/contacts/search')
      .reply(422, {
        statusCode: 422,
        message: ['pageLimit must not be greater than 100'],
        error: 'Unprocessable Entity',
      });

    const error = await caught(appTester(perform, makeBundle({})));

    expect(error.message).toContain('pageLimit must not be greater than 100');
  });
});
