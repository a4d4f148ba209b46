/**
 * The contact actions' inputs end to end against the sandbox (docs/CONTACT_INPUTS.md): Update Contact's form
 * as the editor builds it (Tags only with Replace All Tags, issue 17 point 4), Clear These Fields keeping an
 * identifier with the fewest requests (point 7, docs/ACTIONS_CLEARING.md §2), "If a Value Can't Be Used" and
 * the new DTO fields as HighLevel's stand-in stores them.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import updateContact from '../../creates/update_contact';
import { CUSTOM_FIELD_IDS } from '../../sandbox/server';
import { caught } from '../helpers';
import { ROSA, sandboxPerTest, type Item } from './fixtures';
import { routes, type E2E } from './harness';

const op = (key: string) => `creates.${key}.operation.perform`;

let e2e: E2E;
const startSandbox = sandboxPerTest();

const start = async () => {
  e2e = await startSandbox();
  const { store, locationId } = e2e.sandbox;
  const rosa = store.createContact(locationId, { ...ROSA, tags: ['customer', 'vip'] });
  return { rosa, store, locationId };
};

const once = async (key: string, inputData: Record<string, unknown>) => {
  const { result, requests } = await e2e.counted(() => e2e.run<Item>(op(key), inputData));
  return { result, routes: routes(requests) };
};

type Field = { key: string; group?: string };
type Entry = Field | ((z: ZObject, bundle: Bundle) => Promise<Field[]> | Field[]);

/** Update Contact's form for these inputs, as the editor computes it: the dynamic fields called. */
const updateForm = (inputData: Record<string, unknown>) =>
  e2e.run<Field[]>(async (z: ZObject, bundle: Bundle) => {
    const shown: Field[] = [];
    for (const entry of (updateContact.operation.inputFields ?? []) as Entry[]) {
      shown.push(...(typeof entry === 'function' ? await entry(z, bundle) : [entry]));
    }
    return shown;
  }, inputData);

describe("Update Contact's Tags (point 4)", () => {
  it('the form shows Tags only once Replace All Tags is Yes, right after it; custom fields in their group', async () => {
    const { rosa } = await start();
    const hidden = (await updateForm({ contactId: rosa.id })).map((field) => field.key);
    expect(hidden).not.toContain('tags');
    expect(hidden).toContain('replaceTags');
    const shown = await updateForm({ contactId: rosa.id, replaceTags: 'true' });
    const keys = shown.map((field) => field.key);
    expect(keys[keys.indexOf('replaceTags') + 1]).toBe('tags');
    expect(shown.find((field) => field.key === `custom_field__${CUSTOM_FIELD_IDS.employees}`)).toMatchObject({
      group: 'customFields',
    });
  });

  it('with Replace All Tags Yes the tags are replaced, in one write', async () => {
    const { rosa, store } = await start();
    await once('update_contact', { contactId: rosa.id, city: 'Queens' }); // the definitions are now cached
    const { routes: sent } = await once('update_contact', {
      contactId: rosa.id,
      replaceTags: 'true',
      tags: ['partner'],
    });
    expect(sent).toEqual([`PUT /contacts/${rosa.id}`]);
    expect(store.contact(rosa.id)?.tags).toEqual(['partner']);
  });

  it('a Tags value left from before Replace All Tags was switched off is not used: a warning, or with "Stop with an error" nothing is sent', async () => {
    const { rosa, store } = await start();
    const { result } = await once('update_contact', {
      contactId: rosa.id,
      city: 'Queens',
      tags: ['partner'],
    });
    expect(result.warnings).toEqual([
      'Tags: not used, because Replace All Tags is No (set it to Yes to replace the tags, or use Add Tags to Contact to add them). The rest was saved.',
    ]);
    expect(store.contact(rosa.id)).toMatchObject({ city: 'Queens', tags: ['customer', 'vip'] });

    const mark = e2e.mark();
    const error = await caught(
      e2e.run(op('update_contact'), {
        contactId: rosa.id,
        city: 'Astoria',
        tags: ['partner'],
        ifValueUnusable: 'stop',
      }),
    );
    expect(error.message).toMatch(/^Nothing was saved: a value can't be used/);
    expect(e2e.requestsSince(mark)).toEqual([]);
    expect(store.contact(rosa.id)?.city).toBe('Queens');
  });
});

describe('Clear These Fields keeps a first name, last name, email or phone (point 7)', () => {
  it('refuses to clear the only identifier a contact has: one read, no write, nothing changed', async () => {
    const { store, locationId } = await start();
    const only = store.createContact(locationId, { email: 'only@example.com', city: 'Brooklyn' });
    const mark = e2e.mark();
    const error = await caught(e2e.run(op('update_contact'), { contactId: only.id, clearFields: ['email'] }));
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^Clear These Fields would leave the contact without a first name, last name, email or phone: .* Take Email out of Clear These Fields/,
      ),
    });
    expect(routes(e2e.requestsSince(mark))).toEqual([`GET /contacts/${only.id}`]);
    expect(store.contact(only.id)).toMatchObject({ email: 'only@example.com' });
  });

  it('clears the email of a contact that keeps its name: one read, one write', async () => {
    const { rosa, store } = await start();
    await once('update_contact', { contactId: rosa.id, city: 'Queens' }); // the definitions are now cached
    const { routes: sent } = await once('update_contact', { contactId: rosa.id, clearFields: ['email'] });
    expect(sent).toEqual([`GET /contacts/${rosa.id}`, `PUT /contacts/${rosa.id}`]);
    expect(store.contact(rosa.id)).not.toHaveProperty('email');
    expect(store.contact(rosa.id)).toMatchObject({ firstName: 'Rosa' });
  });

  it('reads nothing when no identifier is cleared, or another one is filled in: one write', async () => {
    const { rosa, store } = await start();
    await once('update_contact', { contactId: rosa.id, city: 'Queens' });
    expect((await once('update_contact', { contactId: rosa.id, clearFields: ['city'] })).routes).toEqual([
      `PUT /contacts/${rosa.id}`,
    ]);
    const { routes: sent } = await once('update_contact', {
      contactId: rosa.id,
      firstName: 'Rosa Maria',
      clearFields: ['email', 'phone', 'lastName'],
    });
    expect(sent).toEqual([`PUT /contacts/${rosa.id}`]);
    expect(store.contact(rosa.id)).toMatchObject({ firstName: 'Rosa Maria' });
  });
});

describe("If a Value Can't Be Used, and the new DTO fields, as the sandbox stores them", () => {
  it('a bad custom-field value is left out and named; the contact is saved', async () => {
    const { store } = await start();
    const { result } = await once('create_contact', {
      lastName: 'Peralta',
      [`custom_field__${CUSTOM_FIELD_IDS.employees}`]: 'a dozen',
      [`custom_field__${CUSTOM_FIELD_IDS.jobTitle}`]: 'Detective',
    });
    expect(result.warnings).toEqual([
      '"Employees" needs a number (got "a dozen"). It was left out; the rest was saved.',
    ]);
    expect(store.contact(result.id)?.customFields).toEqual({ [CUSTOM_FIELD_IDS.jobTitle]: 'Detective' });
  });

  it('stores gender, DND per channel and inbound DND', async () => {
    const { store } = await start();
    const { result } = await once('create_contact', {
      lastName: 'Peralta',
      gender: 'male',
      dndSms: 'active',
      dndEmail: 'inactive',
      dndInbound: 'active',
    });
    expect(store.contact(result.id)).toMatchObject({
      gender: 'male',
      dndSettings: { SMS: { status: 'active' }, Email: { status: 'inactive' } },
      inboundDndSettings: { all: { status: 'active' } },
    });
  });

  it('"Allow Duplicate Contact" on Create or Update Contact creates a second contact where duplicates are allowed', async () => {
    const { rosa, store, locationId } = await start();
    store.setDuplicateRule(locationId, true);
    const matched = await once('upsert_contact', { email: ROSA.email, city: 'Queens' });
    expect(matched.result).toMatchObject({ id: rosa.id, isNew: false });
    const duplicate = await once('upsert_contact', {
      email: ROSA.email,
      firstName: 'Rosa',
      createNewIfDuplicateAllowed: 'true',
    });
    expect(duplicate.result).toMatchObject({ isNew: true });
    expect(duplicate.result.id).not.toBe(rosa.id);
    expect(store.contactsWithEmail(locationId, ROSA.email)).toHaveLength(2);
  });
});
