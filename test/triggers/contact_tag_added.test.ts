import contactTagAdded, { perform } from '../../triggers/contact_tag_added';
import type { HighLevelContact } from '../../lib/contacts/model';
import { appTester, caught, highlevel, makeBundle } from '../helpers';
import { contactPage, mockCustomFields, MINUTE, searchBody, searchContact } from './fixtures';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
let now = T0;
const recentFirst = [{ field: 'dateUpdated', direction: 'desc' }];
const oldestFirst = [{ field: 'dateUpdated', direction: 'asc' }];
const filters = [{ field: 'tags', operator: 'eq', value: 'vip' }];
const since = (at: number) => ({
  field: 'dateUpdated',
  operator: 'range',
  value: { gte: new Date(at).toISOString() },
});

/** A contact updated at `at` (epoch ms), added long ago unless `added` says otherwise. */
const contact = (id: string, at: number, tags: string[], added = Date.UTC(2025, 0, 1)): HighLevelContact => ({
  ...searchContact(id, 0, { tags }),
  dateAdded: new Date(added).toISOString(),
  dateUpdated: new Date(at).toISOString(),
  searchAfter: [at, id],
});

/** The turn-on poll: the baseline read of the contacts having the tag (most recently updated first). */
const turnOn = async (tagged: HighLevelContact[], tag = 'vip') => {
  const search = highlevel()
    .post('/contacts/search', searchBody({ pageLimit: 100, filters, sort: recentFirst }))
    .reply(200, { contacts: tagged });
  const result = await appTester(perform, makeBundle({ tag }, { isPopulatingDedupe: true }));
  search.done();
  return result;
};

/** A later poll at `at`: the contacts updated since the last check (`from`), oldest change first. */
const pollAt = async (at: number, from: number, changed: HighLevelContact[], tag = 'vip') => {
  now = at;
  const search = highlevel()
    .post('/contacts/search', searchBody({ pageLimit: 100, filters: [since(from)], sort: oldestFirst }))
    .reply(200, { contacts: changed });
  const result = await appTester(perform, makeBundle({ tag }));
  search.done();
  return result;
};

const OVERLAP = 2 * MINUTE;

beforeEach(() => {
  now = T0;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  mockCustomFields();
});
afterEach(() => jest.restoreAllMocks());

describe('contact_tag_added', () => {
  it('notes the contacts that already have the tag when the Zap is turned on, and fires nothing', async () => {
    expect(
      await turnOn([contact('a', T0 - 5 * MINUTE, ['vip']), contact('b', T0 - 90 * MINUTE, ['vip', 'lead'])]),
    ).toEqual([]);
  });

  it('fires for a contact that now has the tag and did not: id = contact id + tag + its update time', async () => {
    await turnOn([contact('a', T0 - 5 * MINUTE, ['vip'])]);
    const at = T0 + 3 * MINUTE;

    const result = await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [
      contact('a', T0 + MINUTE, ['vip'], T0 - 60 * MINUTE), // had it: an edit, nothing fires
      contact('c', at, ['vip', 'lead'], Date.UTC(2024, 5, 1)), // did not have it
      contact('d', at + 1, ['lead']), // no tag
    ]);

    expect(result.map(({ id, contactId, tag }) => ({ id, contactId, tag }))).toEqual([
      { id: `c:vip:${at}`, contactId: 'c', tag: 'vip' },
    ]);
    expect(result[0]).toMatchObject({ firstName: 'First c', tags: ['vip', 'lead'] });
  });

  it('does not fire when contacts lose the tag, and fires again when it comes back', async () => {
    await turnOn([contact('a', T0 - 5 * MINUTE, ['vip']), contact('b', T0 - 6 * MINUTE, ['vip'])]);
    expect(await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [contact('a', T0 + MINUTE, [])])).toEqual([]);

    const back = T0 + 7 * MINUTE;
    const result = await pollAt(T0 + 10 * MINUTE, T0 + 5 * MINUTE - OVERLAP, [contact('a', back, ['vip'])]);

    expect(result.map((item) => item.id)).toEqual([`a:vip:${back}`]);
  });

  it('returns every event of the last hours on every poll, newest first, so each Zap of the connection fires it once', async () => {
    await turnOn([]);
    await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [contact('c', T0 + MINUTE, ['vip'])]);

    const result = await pollAt(T0 + 10 * MINUTE, T0 + 5 * MINUTE - OVERLAP, [
      contact('d', T0 + 6 * MINUTE, ['vip']),
    ]);

    expect(result.map((item) => item.id)).toEqual([`d:vip:${T0 + 6 * MINUTE}`, `c:vip:${T0 + MINUTE}`]);
  });

  it('reads a change again without firing it twice (the 2-minute overlap)', async () => {
    await turnOn([]);
    const change = contact('c', T0 + 4 * MINUTE, ['vip']);
    await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [change]);

    const result = await pollAt(T0 + 6 * MINUTE, T0 + 5 * MINUTE - OVERLAP, [change]);

    expect(result.map((item) => item.id)).toEqual([`c:vip:${T0 + 4 * MINUTE}`]);
  });

  it('treats a typed tag like the stored one (trimmed, lower-case): same state, same event ids', async () => {
    await turnOn([], ' VIP ');
    const [item] = await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [contact('c', T0 + MINUTE, ['vip'])], 'vip');

    expect(item.id).toBe(`c:vip:${T0 + MINUTE}`);
  });

  describe('when more than 2,000 contacts have the tag at turn-on', () => {
    const fullBaseline = async () => {
      let page = 0;
      const search = highlevel()
        .post('/contacts/search')
        .times(20)
        .reply(200, () => ({
          contacts: contactPage(`t${page++}-`, 100, 60 * MINUTE).map((item) => ({ ...item, tags: ['vip'] })),
        }));
      await appTester(perform, makeBundle({ tag: 'vip' }, { isPopulatingDedupe: true }));
      search.done();
    };

    it('does not fire for a contact it has not noted that has the tag (it may have had it all along)', async () => {
      await fullBaseline();

      expect(await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [contact('old', T0 + MINUTE, ['vip'])])).toEqual([]);
    });

    it('fires for a contact added after the Zap was turned on, and for one it saw without the tag', async () => {
      await fullBaseline();
      await pollAt(T0 + 5 * MINUTE, T0 - OVERLAP, [contact('seen', T0 + MINUTE, ['lead'])]);

      const result = await pollAt(T0 + 10 * MINUTE, T0 + 5 * MINUTE - OVERLAP, [
        contact('new', T0 + 6 * MINUTE, ['vip'], T0 + 6 * MINUTE),
        contact('seen', T0 + 7 * MINUTE, ['vip', 'lead']),
      ]);

      expect(result.map((item) => item.contactId)).toEqual(['new', 'seen']);
    });
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
      .post('/contacts/search', searchBody({ pageLimit: 100, filters, sort: recentFirst }))
      .reply(200, { contacts: [] });

    expect(await appTester(perform, makeBundle({ tag: [' Vip'] as unknown as string }))).toEqual([]);
    search.done();
  });

  it('loads the sample with 3 contacts', async () => {
    highlevel()
      .post('/contacts/search', searchBody({ pageLimit: 3, filters, sort: recentFirst }))
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
