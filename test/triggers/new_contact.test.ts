import nock from 'nock';
import newContact, { perform } from '../../triggers/new_contact';
import { contactOutputFieldsWithCustom } from '../../lib/contacts/model';
import {
  CONTACT_WINDOW_MS,
  MAX_WINDOW_CONTACTS,
  MAX_WINDOW_READ,
  RELEASE_BURST,
  RELEASE_INTERVAL_MS,
} from '../../lib/contacts/poll';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';
import { contactPage, mockCustomFields, MINUTE, searchBody, searchContact } from './fixtures';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const sort = [{ field: 'dateAdded', direction: 'asc' }];
const sampleSort = [{ field: 'dateAdded', direction: 'desc' }];
const windowFilter = {
  field: 'dateAdded',
  operator: 'range',
  value: { gte: new Date(NOW - CONTACT_WINDOW_MS).toISOString() },
};
/** The search of a live poll: every contact added in the last 3 hours (plus `filters`), oldest first. */
const windowBody = (extra: Record<string, unknown> = {}, filters: unknown[] = []) =>
  searchBody({ pageLimit: 100, filters: [...filters, windowFilter], sort, ...extra });
const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('new_contact', () => {
  it('asks for every contact added in the last 3 hours, newest first, and returns them with custom fields by name', async () => {
    const contact = searchContact('c1', 30 * MINUTE, {
      firstName: 'Rosa',
      lastName: 'Diaz',
      email: 'rosa@example.com',
      phone: '+14155550123',
      address: '99 Precinct Street',
      dateOfBirth: Date.UTC(1990, 4, 14),
      dateAdded: '2026-11-30T11:30:05.000Z',
      dateUpdated: '2026-11-21T09:30:00.000Z',
      tags: ['vip'],
      customFields: [
        { id: 'cfIndustry', value: 'Retail' },
        { id: 'cfUnknown', value: 'ignored' },
      ],
    });
    const search = highlevel()
      .post('/contacts/search', windowBody())
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
      dateAdded: '2026-11-30T11:30:05.000+00:00',
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
        windowBody({}, [
          { field: 'tags', operator: 'eq', value: 'vip lead' },
          { field: 'assignedTo', operator: 'eq', value: 'user_1' },
        ]),
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
      .post('/contacts/search', searchBody({ pageLimit: 3, sort: sampleSort }))
      .reply(200, { contacts: contactPage('s', 4, MINUTE) });
    mockCustomFields();

    const result = await appTester(perform, makeBundle({}, { isLoadingSample: true }));

    expect(ids(result)).toEqual(['s0', 's1', 's2']);
    search.done();
  });

  it('fills the dedupe table with the same window as a live poll (every page of it)', async () => {
    const first = contactPage('d', 100, MINUTE);
    const second = contactPage('e', 20, 30 * MINUTE);
    const search = highlevel()
      .post('/contacts/search', windowBody())
      .reply(200, { contacts: first })
      .post('/contacts/search', windowBody({ searchAfter: first[99].searchAfter }))
      .reply(200, { contacts: second });
    mockCustomFields();

    const result = await appTester(perform, makeBundle({}, { isPopulatingDedupe: true }));

    expect(ids(result)).toEqual([...ids(first), ...ids(second)]);
    search.done();
  });

  it('makes exactly one request when the window holds fewer than 100 contacts (steady state)', async () => {
    highlevel()
      .post('/contacts/search', windowBody())
      .reply(200, { contacts: contactPage('a', 99, MINUTE) });
    mockCustomFields();

    expect(await appTester(perform, makeBundle({}))).toHaveLength(99);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('never asks for contacts older than the window, so deleting or untagging newer ones cannot fire them', async () => {
    const search = highlevel()
      .post('/contacts/search', (body: { filters?: Array<{ field: string; value?: { gte?: string } }> }) => {
        const range = body.filters?.find((filter) => filter.field === 'dateAdded');
        return range?.value?.gte === new Date(NOW - 3 * 60 * MINUTE).toISOString();
      })
      .reply(200, { contacts: [] });

    expect(await appTester(perform, makeBundle({ tag: 'vip' }))).toEqual([]);
    search.done();
  });

  describe('a burst (the window holds more than one page)', () => {
    it('pages on with the last contact’s searchAfter until a short page', async () => {
      const first = contactPage('a', 100, MINUTE);
      const second = contactPage('b', 100, 20 * MINUTE);
      const third = contactPage('c', 40, 40 * MINUTE);
      const search = highlevel()
        .post('/contacts/search', windowBody())
        .reply(200, { contacts: first })
        .post('/contacts/search', windowBody({ searchAfter: first[99].searchAfter }))
        .reply(200, { contacts: second })
        .post('/contacts/search', windowBody({ searchAfter: second[99].searchAfter }))
        .reply(200, { contacts: third });
      mockCustomFields();

      const result = await appTester(perform, makeBundle({}));

      expect(ids(result)).toEqual([...ids(first), ...ids(second), ...ids(third)]);
      search.done();
    });

    it('keeps the filters and drops a contact that shows up on two pages', async () => {
      const filters = [{ field: 'tags', operator: 'eq', value: 'vip' }];
      const first = contactPage('a', 100, MINUTE);
      const second = [first[99], searchContact('older', 30 * MINUTE)];
      const search = highlevel()
        .post('/contacts/search', windowBody({}, filters))
        .reply(200, { contacts: first })
        .post('/contacts/search', windowBody({ searchAfter: first[99].searchAfter }, filters))
        .reply(200, { contacts: second });
      mockCustomFields();

      const result = await appTester(perform, makeBundle({ tag: 'vip' }));

      expect(ids(result)).toEqual([...ids(first), 'older']);
      search.done();
    });

    it('releases an import oldest first (100 at once, then one every 1.24 s) and reads no further than the first one not released', async () => {
      // 250 contacts added at the same moment, 2 minutes ago: 100 at once, then 96 more by now.
      const released = RELEASE_BURST + Math.floor((2 * MINUTE) / RELEASE_INTERVAL_MS);
      expect(released).toBe(196);
      const burst = Array.from({ length: 250 }, (_, index) =>
        searchContact(`i${String(index).padStart(3, '0')}`, 2 * MINUTE),
      );
      const search = highlevel()
        .post('/contacts/search', windowBody())
        .reply(200, { contacts: burst.slice(0, 100) })
        .post('/contacts/search', windowBody({ searchAfter: burst[99].searchAfter }))
        .reply(200, { contacts: burst.slice(100, 200) });
      mockCustomFields();

      const result = await appTester(perform, makeBundle({}));

      expect(ids(result)).toEqual(ids(burst.slice(0, released)).reverse());
      search.done(); // the third page is never asked for
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('names the rest of an import by id alone in the dedupe-populating check, so none of it fires later', async () => {
      const burst = Array.from({ length: 150 }, (_, index) =>
        searchContact(`i${String(index).padStart(3, '0')}`, MINUTE),
      );
      highlevel()
        .post('/contacts/search', windowBody())
        .reply(200, { contacts: burst.slice(0, 100) })
        .post('/contacts/search', windowBody({ searchAfter: burst[99].searchAfter }))
        .reply(200, { contacts: burst.slice(100) });
      mockCustomFields();

      const result = await appTester(perform, makeBundle({}, { isPopulatingDedupe: true }));

      // Released by now: 100 at once and 48 more within the minute, in full; the other 2 by id.
      expect(result.slice(0, 148).map((item) => item.id)).toEqual(ids(burst.slice(0, 148)).reverse());
      expect(result[0]).toMatchObject({ firstName: 'First i147', email: 'i147@example.com' });
      expect(result.slice(148)).toEqual(burst.slice(148).map((contact) => ({ id: contact.id })));
    });

    it(`returns the ${MAX_WINDOW_CONTACTS.toLocaleString('en-US')} most recently released contacts at most`, async () => {
      // 3,050 contacts 2 s apart (slower than the release rate): all released, oldest 50 left out.
      const all = Array.from({ length: 3_050 }, (_, index) =>
        searchContact(`s${String(index).padStart(4, '0')}`, (3_050 - index) * 2_000),
      );
      let page = 0;
      highlevel()
        .post('/contacts/search')
        .times(31)
        .reply(200, () => ({ contacts: all.slice(page * 100, ++page * 100) }));
      mockCustomFields();

      const result = await appTester(perform, makeBundle({}));

      expect(result).toHaveLength(MAX_WINDOW_CONTACTS);
      expect(ids(result)).toEqual(ids(all.slice(50)).reverse());
    });

    it(`fails the turn-on check plainly past ${MAX_WINDOW_READ.toLocaleString('en-US')} contacts in the window rather than let any fire later`, async () => {
      let served = 0;
      highlevel()
        .post('/contacts/search')
        .times(MAX_WINDOW_READ / 100 + 1)
        .reply(200, () => ({ contacts: contactPage(`p${served++}-`, 100, MINUTE) }));

      const error = await caught(appTester(perform, makeBundle({}, { isPopulatingDedupe: true })));

      expect(error.code).toBe('too_many_items');
      expect(error.message).toBe(
        'More than 10,000 contacts were added in the last 3 hours: too many to read in one check. This check stops here; the next one tries again.',
      );
      expect(served).toBe(MAX_WINDOW_READ / 100);
      nock.cleanAll();
    });

    it('starts no new page with less than 4 seconds of its 25-second budget left, and says so', async () => {
      let clock = 0;
      jest.spyOn(performance, 'now').mockImplementation(() => clock);
      const cursors: unknown[] = [];
      highlevel()
        .post('/contacts/search')
        .times(5)
        .reply(200, (_uri, body: { searchAfter?: unknown[] }) => {
          cursors.push(body.searchAfter);
          clock += 7_000; // each page takes 7 s
          // Contacts 2 s apart, oldest first: all released, so every page is needed.
          const first = cursors.length * 100;
          return {
            contacts: Array.from({ length: 100 }, (_, index) =>
              searchContact(`p${first + index}`, (1_000 - first - index) * 2_000),
            ),
          };
        });

      const error = await caught(appTester(perform, makeBundle({})));

      // Pages start at 0 s, 7 s and 14 s; at 21 s only 4 s are left.
      expect(cursors).toHaveLength(3);
      expect(error.code).toBe('poll_timeout');
      expect(error.message).toMatch(/^HighLevel answered too slowly to read every recent contact/);
    });

    it('stops when the last contact carries no searchAfter cursor', async () => {
      const first = contactPage('a', 100, MINUTE);
      first[99] = { ...first[99], searchAfter: undefined };
      highlevel().post('/contacts/search', windowBody()).reply(200, { contacts: first });
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
      const search = highlevel().post('/contacts/search', windowBody()).times(2).reply(200, { contacts });
      const fields = mockCustomFields();

      const first = await appTester(perform, makeBundle({}));
      const second = await appTester(perform, makeBundle({}));

      expect(first[0]).toMatchObject({ custom_fields__budget: 1200, custom_fields__industry: null });
      expect(second).toEqual(first);
      search.done();
      fields.done();
    });

    it('still polls without the custom-fields permission (HighLevel answers 401): no custom fields, no error', async () => {
      highlevel()
        .post('/contacts/search', windowBody())
        .reply(200, {
          contacts: [searchContact('c1', 30 * MINUTE, { customFields: [{ id: 'cfBudget', value: 1 }] })],
        });
      mockCustomFields([401, { statusCode: 401, message: 'The token is not authorized for this scope.' }]);

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
