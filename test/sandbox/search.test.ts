import { CUSTOM_FIELD_IDS, DEMO_USER_IDS, startSandbox, type Sandbox } from '../../sandbox/server';
import type { Contact } from '../../sandbox/types';
import { client, type Client, type ErrorOut, type SearchOut } from './helpers';

let sandbox: Sandbox;
let api: Client;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 400, rateLimit: { max: 100_000, intervalMs: 10_000 } });
  api = client(sandbox, sandbox.issueTokens().access_token);
  // A few hand-made contacts with known values (and some missing ones).
  sandbox.store.createContact(sandbox.locationId, {
    firstName: 'Zed',
    lastName: 'Zulu',
    email: 'Zed.Zulu@Example.com',
    phone: '+15550001111',
    companyName: 'Zulu Zebras',
    tags: ['search-test', 'alpha'],
    source: 'Zapier',
  });
  sandbox.store.createContact(sandbox.locationId, { firstName: 'Nameless', tags: ['search-test'] });
  sandbox.store.createContact(sandbox.locationId, { email: 'only.email@example.com' });
});
afterAll(() => sandbox.close());

type Sort = { field: string; direction: 'asc' | 'desc' };
type Value = string | number | null;

const search = (body: Record<string, unknown>) =>
  api.post<SearchOut & ErrorOut>('/contacts/search', {
    locationId: sandbox.locationId,
    pageLimit: 100,
    ...body,
  });

const all = (): Contact[] => [...sandbox.store.index(sandbox.locationId).contacts.values()];

const lower = (value: string | undefined): string | null => (value ? value.toLowerCase() : null);
const sortValue = (c: Contact, field: string): Value => {
  switch (field) {
    case 'dateAdded':
      return c.dateAdded;
    case 'dateUpdated':
      return c.dateUpdated;
    case 'firstNameLowerCase':
      return lower(c.firstName);
    case 'lastNameLowerCase':
      return lower(c.lastName);
    case 'businessName':
      return lower(c.companyName);
    case 'email':
      return lower(c.email);
    case 'dnd':
      return c.dnd ? 1 : 0;
    default:
      return lower(c.source);
  }
};

/** The reference order: sort keys (missing values last), then id in the primary direction. */
const expectedIds = (
  predicate: (c: Contact) => boolean,
  sorts: Sort[] = [{ field: 'dateAdded', direction: 'desc' }],
) =>
  all()
    .filter(predicate)
    .sort((a, b) => {
      for (const sort of sorts) {
        const x = sortValue(a, sort.field);
        const y = sortValue(b, sort.field);
        if (x === y) continue;
        if (x === null) return 1;
        if (y === null) return -1;
        const result = x < y ? -1 : 1;
        return sort.direction === 'desc' ? -result : result;
      }
      const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      return sorts[0].direction === 'desc' ? -byId : byId;
    })
    .map((c) => c.id);

/** Reads every page with searchAfter. */
const readAll = async (body: Record<string, unknown>, pageLimit = 37): Promise<string[]> => {
  const ids: string[] = [];
  let searchAfter: Value[] | undefined;
  for (let guard = 0; guard < 100; guard += 1) {
    const res = await search({ ...body, pageLimit, ...(searchAfter ? { searchAfter } : {}) });
    expect(res.status).toBe(200);
    ids.push(...res.body.contacts.map((c) => c.id));
    if (res.body.contacts.length < pageLimit) return ids;
    searchAfter = res.body.contacts[res.body.contacts.length - 1].searchAfter as Value[];
  }
  throw new Error('too many pages');
};

describe('response shape', () => {
  it('answers {contacts, total, traceId}; hits carry searchAfter, `address` and epoch-ms dateOfBirth', async () => {
    const res = await search({ pageLimit: 5 });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(all().length);
    expect(typeof res.body.traceId).toBe('string');
    expect(res.body.contacts.map((c) => c.id)).toEqual(expectedIds(() => true).slice(0, 5));
    const first = res.body.contacts[0];
    expect(first.searchAfter).toEqual([Date.parse(first.dateAdded), first.id]);

    const withAddress = all().find((c) => c.address1 && c.dateOfBirth);
    expect(withAddress).toBeDefined();
    const one = await search({ filters: [{ field: 'id', operator: 'eq', value: withAddress?.id }] });
    const hit = one.body.contacts[0];
    expect(hit.address).toBe(withAddress?.address1);
    expect(hit.address1).toBeUndefined();
    expect(hit.dateOfBirth).toBe(Date.parse(`${withAddress?.dateOfBirth}T00:00:00.000Z`));
  });
});

describe('operators', () => {
  const ids = async (filters: unknown[], extra: Record<string, unknown> = {}) => {
    const res = await search({ filters, ...extra, pageLimit: 500 });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.contacts.length);
    return res.body.contacts.map((c) => c.id);
  };

  it('eq / not_eq on email (case-insensitive)', async () => {
    expect(await ids([{ field: 'email', operator: 'eq', value: 'zed.zulu@example.COM' }])).toEqual(
      expectedIds((c) => c.email?.toLowerCase() === 'zed.zulu@example.com'),
    );
    expect(await ids([{ field: 'email', operator: 'not_eq', value: 'zed.zulu@example.com' }])).toEqual(
      expectedIds((c) => c.email?.toLowerCase() !== 'zed.zulu@example.com'),
    );
  });

  it('eq on phone matches the stored E.164 value only (#289); exists / not_exists', async () => {
    expect(await ids([{ field: 'phone', operator: 'eq', value: '(555) 000-1111' }])).toHaveLength(0);
    expect(await ids([{ field: 'phone', operator: 'eq', value: '+15550001111' }])).toEqual(
      expectedIds((c) => c.phone === '+15550001111'),
    );
    expect(await ids([{ field: 'phone', operator: 'not_exists' }])).toEqual(expectedIds((c) => !c.phone));
    expect(await ids([{ field: 'phone', operator: 'exists' }])).toEqual(expectedIds((c) => Boolean(c.phone)));
  });

  it('tags: eq (one or any of several), not_eq, exists, not_exists', async () => {
    expect(await ids([{ field: 'tags', operator: 'eq', value: 'VIP' }])).toEqual(
      expectedIds((c) => c.tags.includes('vip')),
    );
    expect(await ids([{ field: 'tags', operator: 'eq', value: ['vip', 'partner'] }])).toEqual(
      expectedIds((c) => c.tags.includes('vip') || c.tags.includes('partner')),
    );
    expect(await ids([{ field: 'tags', operator: 'not_eq', value: 'lead' }])).toEqual(
      expectedIds((c) => !c.tags.includes('lead')),
    );
    expect(await ids([{ field: 'tags', operator: 'not_exists' }])).toEqual(
      expectedIds((c) => c.tags.length === 0),
    );
    expect(await ids([{ field: 'tags', operator: 'exists' }])).toEqual(expectedIds((c) => c.tags.length > 0));
  });

  it('assignedTo eq / not_eq', async () => {
    const user = DEMO_USER_IDS[1];
    expect(await ids([{ field: 'assignedTo', operator: 'eq', value: user }])).toEqual(
      expectedIds((c) => c.assignedTo === user),
    );
    expect(await ids([{ field: 'assignedTo', operator: 'not_eq', value: user }])).toEqual(
      expectedIds((c) => c.assignedTo !== user),
    );
  });

  it('contains / not_contains / eq on name and company fields', async () => {
    expect(await ids([{ field: 'firstNameLowerCase', operator: 'contains', value: 'li' }])).toEqual(
      expectedIds((c) => (c.firstName ?? '').toLowerCase().includes('li')),
    );
    expect(await ids([{ field: 'companyName', operator: 'not_contains', value: 'corp' }])).toEqual(
      expectedIds((c) => !(c.companyName ?? '').toLowerCase().includes('corp')),
    );
    expect(await ids([{ field: 'lastNameLowerCase', operator: 'eq', value: 'zulu' }])).toEqual(
      expectedIds((c) => c.lastName === 'Zulu'),
    );
  });

  it('range on dateAdded (ISO) and dateUpdated (epoch ms)', async () => {
    const sorted = all()
      .map((c) => c.dateAdded)
      .sort((a, b) => a - b);
    const from = sorted[100];
    const to = sorted[200];
    expect(
      await ids([
        {
          field: 'dateAdded',
          operator: 'range',
          value: { gte: new Date(from).toISOString(), lte: new Date(to).toISOString() },
        },
      ]),
    ).toEqual(expectedIds((c) => c.dateAdded >= from && c.dateAdded <= to));
    expect(await ids([{ field: 'dateUpdated', operator: 'range', value: { gt: from } }], {})).toEqual(
      expectedIds((c) => c.dateUpdated > from),
    );
    // A range on the sort field uses index bounds; on another field it is a filter: both agree.
    const sorts: Sort[] = [{ field: 'dateUpdated', direction: 'asc' }];
    expect(
      await ids([{ field: 'dateUpdated', operator: 'range', value: { lt: to } }], { sort: sorts }),
    ).toEqual(expectedIds((c) => c.dateUpdated < to, sorts));
  });

  it('customFields.{id}: eq on options, range on numbers, contains on text, exists', async () => {
    const field = (id: string) => `customFields.${id}`;
    expect(await ids([{ field: field(CUSTOM_FIELD_IDS.industry), operator: 'eq', value: 'Retail' }])).toEqual(
      expectedIds((c) => c.customFields[CUSTOM_FIELD_IDS.industry] === 'Retail'),
    );
    expect(
      await ids([
        { field: field(CUSTOM_FIELD_IDS.employees), operator: 'range', value: { gte: 100, lt: 2000 } },
      ]),
    ).toEqual(
      expectedIds((c) => {
        const v = c.customFields[CUSTOM_FIELD_IDS.employees];
        return typeof v === 'number' && v >= 100 && v < 2000;
      }),
    );
    expect(
      await ids([{ field: field(CUSTOM_FIELD_IDS.jobTitle), operator: 'contains', value: 'manager' }]),
    ).toEqual(
      expectedIds((c) =>
        String(c.customFields[CUSTOM_FIELD_IDS.jobTitle] ?? '')
          .toLowerCase()
          .includes('manager'),
      ),
    );
    expect(await ids([{ field: field(CUSTOM_FIELD_IDS.interests), operator: 'eq', value: 'SMS' }])).toEqual(
      expectedIds((c) => {
        const v = c.customFields[CUSTOM_FIELD_IDS.interests];
        return Array.isArray(v) && v.includes('SMS');
      }),
    );
    expect(await ids([{ field: field(CUSTOM_FIELD_IDS.renewalDate), operator: 'exists' }])).toEqual(
      expectedIds((c) => c.customFields[CUSTOM_FIELD_IDS.renewalDate] !== undefined),
    );
  });

  it('nested AND / OR groups, combined with top-level filters (AND)', async () => {
    const filters = [
      { field: 'tags', operator: 'exists' },
      {
        group: 'OR',
        filters: [
          { field: 'tags', operator: 'eq', value: 'vip' },
          {
            group: 'AND',
            filters: [
              { field: 'assignedTo', operator: 'eq', value: DEMO_USER_IDS[2] },
              { field: 'dnd', operator: 'eq', value: false },
            ],
          },
        ],
      },
    ];
    expect(await ids(filters)).toEqual(
      expectedIds(
        (c) => c.tags.length > 0 && (c.tags.includes('vip') || (c.assignedTo === DEMO_USER_IDS[2] && !c.dnd)),
      ),
    );
  });

  it('free-text query over name, email, phone and company', async () => {
    expect(await ids([], { query: 'zebras' })).toHaveLength(1);
    expect(await ids([], { query: 'ZED ZULU' })).toHaveLength(1);
    expect(await ids([], { query: '555 000 1111' })).toHaveLength(1);
    expect(
      await ids([{ field: 'tags', operator: 'eq', value: 'search-test' }], { query: 'nameless' }),
    ).toHaveLength(1);
  });
});

describe('sorting and pagination', () => {
  const sortFields = [
    'dateAdded',
    'dateUpdated',
    'firstNameLowerCase',
    'lastNameLowerCase',
    'businessName',
    'email',
    'dnd',
    'source',
  ];

  it.each(sortFields.flatMap((field) => [[field, 'asc'] as const, [field, 'desc'] as const]))(
    'sorts by %s %s and pages with searchAfter',
    async (field, direction) => {
      const sorts: Sort[] = [{ field, direction }];
      expect(await readAll({ sort: sorts })).toEqual(expectedIds(() => true, sorts));
    },
  );

  it('sorts by two keys', async () => {
    const sorts: Sort[] = [
      { field: 'dnd', direction: 'desc' },
      { field: 'lastNameLowerCase', direction: 'asc' },
    ];
    expect(await readAll({ sort: sorts }, 50)).toEqual(expectedIds(() => true, sorts));
  });

  it('pages a tag filter consistently on both index paths (walk and sort)', async () => {
    for (const tag of ['lead', 'partner', 'search-test']) {
      const sorts: Sort[] = [{ field: 'dateUpdated', direction: 'desc' }];
      const filters = [{ field: 'tags', operator: 'eq', value: tag }];
      expect(await readAll({ sort: sorts, filters }, 7)).toEqual(
        expectedIds((c) => c.tags.includes(tag), sorts),
      );
    }
  });

  it('page N equals the Nth slice', async () => {
    const expected = expectedIds(() => true);
    const page3 = await search({ page: 3, pageLimit: 25 });
    expect(page3.body.contacts.map((c) => c.id)).toEqual(expected.slice(50, 75));
  });

  it('limits page × pageLimit to 10,000 (searchAfter goes beyond)', async () => {
    expect((await search({ page: 100, pageLimit: 100 })).status).toBe(200);
    const tooDeep = await search({ page: 101, pageLimit: 100 });
    expect(tooDeep.status).toBe(422);
    expect((tooDeep.body.message as string[])[0]).toMatch(/page \* pageLimit must not exceed 10000/);
    expect((await search({ page: 21, pageLimit: 500 })).status).toBe(422);
  });

  it('sees new and updated contacts at the top of the desc indexes at once', async () => {
    const created = sandbox.store.createContact(sandbox.locationId, { firstName: 'Fresh' });
    const newest = await search({ pageLimit: 1 });
    expect(newest.body.contacts[0].id).toBe(created.id);
    const old = expectedIds(() => true, [{ field: 'dateUpdated', direction: 'asc' }])[0];
    sandbox.store.updateContact(old, { city: 'Touched' });
    const updated = await search({ pageLimit: 1, sort: [{ field: 'dateUpdated', direction: 'desc' }] });
    expect(updated.body.contacts[0].id).toBe(old);
  });
});

describe('invalid searches (422)', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'an unknown field',
      { filters: [{ field: 'favouriteColour', operator: 'eq', value: 'x' }] },
      /not a supported search field/,
    ],
    [
      'an operator the field does not support',
      { filters: [{ field: 'email', operator: 'contains', value: 'x' }] },
      /contains is not supported for field email/,
    ],
    [
      'an unknown operator',
      { filters: [{ field: 'email', operator: 'like', value: 'x' }] },
      /operator must be one of/,
    ],
    ['the nested operator', { filters: [{ field: 'email', operator: 'nested', value: 'x' }] }, /nested/],
    [
      'a range without bounds',
      { filters: [{ field: 'dateAdded', operator: 'range', value: {} }] },
      /gte, gt, lte or lt/,
    ],
    [
      'a bad date',
      { filters: [{ field: 'dateAdded', operator: 'range', value: { gte: 'yesterday' } }] },
      /ISO 8601/,
    ],
    ['an eq without value', { filters: [{ field: 'tags', operator: 'eq' }] }, /value should not be empty/],
    [
      'an unknown key in a filter',
      { filters: [{ field: 'tags', operator: 'exists', extra: 1 }] },
      /property extra should not exist/,
    ],
    [
      'a bad group',
      { filters: [{ group: 'XOR', filters: [] }] },
      /group must be one of the following values: AND, OR/,
    ],
    [
      'an unknown custom field',
      { filters: [{ field: 'customFields.nope', operator: 'exists' }] },
      /custom field nope does not exist/,
    ],
    ['page with searchAfter', { page: 2, searchAfter: [1, 'x'] }, /cannot be used together/],
    ['a malformed cursor', { searchAfter: ['abc'] }, /searchAfter must be/],
    [
      'three sort keys',
      {
        sort: [
          { field: 'email', direction: 'asc' },
          { field: 'dnd', direction: 'asc' },
          { field: 'source', direction: 'asc' },
        ],
      },
      /sort must contain no more than 2 elements/,
    ],
    [
      'an unknown sort field',
      { sort: [{ field: 'phone', direction: 'asc' }] },
      /sort\.0\.field must be one of the following values/,
    ],
    ['a long query', { query: 'x'.repeat(76) }, /query must be shorter than or equal to 75 characters/],
    ['pageLimit over the maximum', { pageLimit: 501 }, /pageLimit must not be greater than 500/],
  ];

  it.each(cases)('rejects %s', async (_name, body, message) => {
    const res = await search(body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect((res.body.message as string[]).join(' | ')).toMatch(message);
  });
});
