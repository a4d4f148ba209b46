import App from '../../index';
import upsertContact, { perform } from '../../creates/upsert_contact';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle, requestGuard, sentAny } from '../helpers';
import { apiContact, contactOutput, locationReply, validationFailure } from './fixtures';

describe('upsert_contact', () => {
  it('is registered as "Create or Update Contact" and labels `isNew`', () => {
    expect(App.creates?.upsert_contact).toBe(upsertContact);
    expect(upsertContact.display.label).toBe('Create or Update Contact');
    expect(upsertContact.operation.outputFields).toContainEqual({
      key: 'isNew',
      label: 'Was New Contact',
      type: 'boolean',
    });
    expect(upsertContact.operation.sample).toMatchObject({ id: expect.any(String), isNew: true });
  });

  it('sends POST /contacts/upsert with the location and says the contact was new', async () => {
    const api = highlevel()
      .post('/contacts/upsert', {
        email: 'amy@example.com',
        firstName: 'Amy',
        companyName: 'Binders Inc',
        locationId: LOCATION_ID,
      })
      .reply(201, { new: true, contact: { ...apiContact, tags: [] }, traceId: 't-1' });
    const result = await appTester(
      perform,
      makeBundle({ email: 'amy@example.com', firstName: 'Amy', companyName: 'Binders Inc' }),
    );
    expect(result).toEqual({ ...contactOutput, tags: [], warnings: [], isNew: true });
    api.done();
  });

  it('offers Replace All Tags (No by default) just before Tags', () => {
    const keys = (upsertContact.operation.inputFields ?? []).flatMap((field) =>
      typeof field === 'function' ? [] : [field.key],
    );
    expect(keys.slice(keys.indexOf('replaceTags'), keys.indexOf('replaceTags') + 2)).toEqual([
      'replaceTags',
      'tags',
    ]);
    expect(upsertContact.operation.inputFields).toContainEqual(
      expect.objectContaining({ key: 'replaceTags', type: 'boolean', default: 'false' }),
    );
  });

  it('adds the tags to the contact it upserted, keeping its other tags: the upsert without tags, then POST …/tags', async () => {
    const existing = { ...apiContact, tags: ['customer', 'newsletter'] };
    const api = highlevel()
      .post('/contacts/upsert', { email: 'amy@example.com', locationId: LOCATION_ID })
      .reply(200, { new: false, contact: existing })
      .post(`/contacts/${apiContact.id}/tags`, { tags: ['webinar'] })
      .reply(201, { tags: ['customer', 'newsletter', 'webinar'] });
    const result = await appTester(perform, makeBundle({ email: 'amy@example.com', tags: ['webinar'] }));
    expect(result).toEqual({
      ...contactOutput,
      tags: ['customer', 'newsletter', 'webinar'],
      warnings: [],
      isNew: false,
    });
    api.done();
  });

  it('outputs the union of the tags when HighLevel answers the add without the list', async () => {
    const api = highlevel()
      .post('/contacts/upsert', { email: 'amy@example.com', locationId: LOCATION_ID })
      .reply(201, { new: true, contact: { ...apiContact, tags: [] } })
      .post(`/contacts/${apiContact.id}/tags`, { tags: ['webinar', 'lead'] })
      .reply(201, {});
    const result = await appTester(
      perform,
      makeBundle({
        email: 'amy@example.com',
        // A comma-separated text, as a mapped field can send it.
        tags: 'webinar, lead' as unknown as string[],
        replaceTags: false,
      }),
    );
    expect(result).toMatchObject({ tags: ['webinar', 'lead'], isNew: true });
    api.done();
  });

  it("with Replace All Tags Yes sends the tags in the one upsert (they replace the contact's tags)", async () => {
    const api = highlevel()
      .post('/contacts/upsert', { email: 'amy@example.com', tags: ['webinar'], locationId: LOCATION_ID })
      .reply(200, { new: false, contact: { ...apiContact, tags: ['webinar'] } });
    const result = await appTester(
      perform,
      makeBundle({ email: 'amy@example.com', tags: ['webinar'], replaceTags: true }),
    );
    expect(result).toMatchObject({ tags: ['webinar'], isNew: false });
    api.done();
  });

  it('says plainly that the contact was saved when adding its tags then fails', async () => {
    const api = highlevel()
      .post('/contacts/upsert', { email: 'amy@example.com', locationId: LOCATION_ID })
      .reply(200, { new: false, contact: apiContact })
      .post(`/contacts/${apiContact.id}/tags`, { tags: ['webinar'] })
      .reply(422, { statusCode: 422, message: ['tags must be an array of strings'] });
    const error = await caught(
      appTester(perform, makeBundle({ email: 'amy@example.com', tags: ['webinar'] })),
    );
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: `The contact was updated (contact ID ${apiContact.id}), but its tags (webinar) could not be added. HighLevel rejected the request: Tags must be an array of strings. Running this step again is safe: it finds the same contact and adds the tags.`,
    });
    api.done();
  });

  it('keeps a rate limit on the tags a rate limit (Zapier retries the step), saying the contact was saved', async () => {
    highlevel()
      .post('/contacts/upsert')
      .reply(201, { new: true, contact: apiContact })
      .post(`/contacts/${apiContact.id}/tags`)
      .reply(429, {}, { 'retry-after': '7' });
    const error = await caught(
      appTester(perform, makeBundle({ email: 'amy@example.com', tags: ['webinar'] })),
    );
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toContain(
      `The contact was created (contact ID ${apiContact.id}), but its tags (webinar) could not be added: HighLevel's rate limit`,
    );
  });

  it('says the contact was updated when HighLevel matched an existing one', async () => {
    const api = locationReply('GB')
      .post('/contacts/upsert', { phone: '+442079460958', locationId: LOCATION_ID })
      .reply(200, { new: false, contact: apiContact });
    const result = await appTester(perform, makeBundle({ phone: '020 7946 0958' }));
    expect(result).toEqual({ ...contactOutput, warnings: [], isNew: false });
    api.done();
  });

  it('sends "Allow Duplicate Contact" as createNewIfDuplicateAllowed, with gender and DND per channel', async () => {
    const api = highlevel()
      .post('/contacts/upsert', {
        email: 'amy@example.com',
        gender: 'female',
        dnd: false,
        dndSettings: { Email: { status: 'inactive' } },
        createNewIfDuplicateAllowed: true,
        locationId: LOCATION_ID,
      })
      .reply(201, { new: true, contact: apiContact });
    await appTester(
      perform,
      makeBundle<Record<string, unknown>>({
        email: 'amy@example.com',
        gender: 'female',
        dnd: false,
        dndEmail: 'inactive',
        createNewIfDuplicateAllowed: 'yes',
      }),
    );
    api.done();
  });

  it('refuses without email or phone before any request', async () => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle({ firstName: 'Amy' })));
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Fill in Email or Phone'),
    });
    expect(sentAny(guard)).toBe(false);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().post('/contacts/upsert').reply(422, validationFailure);
    const error = await caught(appTester(perform, makeBundle({ email: 'amy@example.com' })));
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('Email must be an email'),
    });
  });
});
