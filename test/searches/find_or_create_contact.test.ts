/**
 * "Find or Create Contact" run the way Zapier runs a search-or-create: the pairing names the search and
 * the create; the search runs first and the create runs only when it found nothing, with the inputs the
 * editor carries over from the search (fields of the same key) plus the create's own.
 */
import type { Bundle, Create, Search, ZObject } from 'zapier-platform-core';
import App from '../../index';
import { appTester, highlevel, LOCATION_ID, makeBundle, requestGuard, sentAny } from '../helpers';
import { contactOutput, customFieldsReply, exactPath, rawContact } from './fixtures';

type Perform = (
  z: ZObject,
  bundle: Bundle,
) => Promise<Array<Record<string, unknown>> | Record<string, unknown>>;

const pairing = () => {
  const definition = App.searchOrCreates?.find_contact;
  if (!definition) throw new Error('find_contact search-or-create is not registered');
  const searches: Record<string, Search> = App.searches ?? {};
  const creates: Record<string, Create> = App.creates ?? {};
  const search = searches[definition.search];
  const create = creates[definition.create];
  if (!search || !create) throw new Error(`missing ${definition.search} or ${definition.create}`);
  return { definition, search, create };
};

const findOrCreate = async (searchInput: Record<string, unknown>, createOnly: Record<string, unknown>) => {
  const { search, create } = pairing();
  const found = (await appTester(search.operation.perform as Perform, makeBundle(searchInput))) as Array<
    Record<string, unknown>
  >;
  if (found.length > 0) return { found: found[0], created: undefined };
  const createKeys = new Set(
    (create.operation.inputFields ?? []).flatMap((field) =>
      typeof field === 'object' && field !== null && 'key' in field ? [field.key] : [],
    ),
  );
  const carried = Object.fromEntries(Object.entries(searchInput).filter(([key]) => createKeys.has(key)));
  const created = await appTester(
    create.operation.perform as Perform,
    makeBundle({ ...carried, ...createOnly }),
  );
  return { found: undefined, created };
};

describe('Find or Create Contact (searchOrCreates.find_contact)', () => {
  it('pairs find_contact with create_contact under the search key', () => {
    const { definition, search, create } = pairing();
    expect(definition).toEqual({
      key: 'find_contact',
      display: {
        label: 'Find or Create Contact',
        description: 'Finds a contact by email, phone, name or keyword, and creates one when none is found.',
      },
      search: 'find_contact',
      create: 'create_contact',
    });
    expect(search.key).toBe('find_contact');
    expect(create.key).toBe('create_contact');
  });

  it("shares the email and phone keys with the create's inputs", () => {
    const { create } = pairing();
    const keys = (create.operation.inputFields ?? []).flatMap((field) =>
      typeof field === 'object' && field !== null && 'key' in field ? [field.key] : [],
    );
    expect(keys).toEqual(expect.arrayContaining(['email', 'phone', 'firstName', 'lastName']));
  });

  it('found: returns the contact and creates nothing', async () => {
    const api = highlevel()
      .get(exactPath(`/contacts/search/duplicate?locationId=${LOCATION_ID}&email=rosa.diaz%40example.com`))
      .reply(200, { contact: rawContact });
    const fields = customFieldsReply();
    const guard = requestGuard();
    const result = await findOrCreate({ email: 'rosa.diaz@example.com' }, { firstName: 'Rosa' });
    expect(result).toEqual({ found: { ...contactOutput, matchCount: 1, warnings: [] }, created: undefined });
    expect(sentAny(guard)).toBe(false);
    api.done();
    fields.done();
  });

  it('not found: creates the contact with the email and phone the search used', async () => {
    const api = highlevel()
      .get(
        exactPath(
          `/contacts/search/duplicate?locationId=${LOCATION_ID}&email=new.person%40example.com&number=%2B14155550188`,
        ),
      )
      .reply(200, { contact: null })
      .post('/contacts/', {
        firstName: 'New',
        email: 'new.person@example.com',
        phone: '+14155550188',
        locationId: LOCATION_ID,
      })
      .reply(201, {
        contact: {
          id: 'createdContact01',
          locationId: LOCATION_ID,
          firstName: 'New',
          email: 'new.person@example.com',
          phone: '+14155550188',
          dateAdded: '2026-11-22T12:00:00.000Z',
        },
      });
    const result = await findOrCreate(
      { email: 'New.Person@example.com', phone: '+1 415 555 0188' },
      { firstName: 'New' },
    );
    expect(result.found).toBeUndefined();
    expect(result.created).toMatchObject({
      id: 'createdContact01',
      firstName: 'New',
      email: 'new.person@example.com',
      phone: '+14155550188',
      dateAdded: '2026-11-22T12:00:00.000+00:00',
    });
    api.done();
  });
});
