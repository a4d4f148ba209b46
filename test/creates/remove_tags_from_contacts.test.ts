import App from '../../index';
import removeTagsFromContacts, { perform } from '../../creates/remove_tags_from_contacts';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

const path = '/contacts/bulk/tags/update/remove';
const success = (tagsRemoved: string[]) => ({
  succeded: true,
  errorCount: 0,
  responses: [
    {
      contactId: CONTACT_ID,
      message: 'Tags updated',
      type: 'success',
      oldTags: ['a', 'b'],
      tagsAdded: [],
      tagsRemoved,
    },
  ],
});

describe('remove_tags_from_contacts', () => {
  it('is registered with contacts, tags and a Remove All Tags choice', () => {
    expect(App.creates?.remove_tags_from_contacts).toBe(removeTagsFromContacts);
    expect(removeTagsFromContacts.display.label).toBe('Remove Tags from Many Contacts');
    expect(removeTagsFromContacts.operation.inputFields?.map((field) => field.key)).toEqual([
      'contactIds',
      'tags',
      'removeAllTags',
    ]);
  });

  it('sends POST /contacts/bulk/tags/update/remove with the tags (no removeAllTags key)', async () => {
    const api = highlevel()
      .post(path, { contacts: [CONTACT_ID], tags: ['a'], locationId: LOCATION_ID })
      .reply(201, success(['a']));
    expect(await appTester(perform, makeBundle({ contactIds: [CONTACT_ID], tags: ['a'] }))).toEqual({
      id: expect.stringMatching(/^bulk-[0-9a-f]{16}$/),
      tags: ['a'],
      updatedContactIds: [CONTACT_ID],
      updatedCount: 1,
      notUpdatedContactIds: [],
      notUpdatedCount: 0,
      notUpdatedReasons: [],
    });
    api.done();
  });

  it('sends removeAllTags with the empty tags list UpdateTagsDTO requires', async () => {
    const api = highlevel()
      .post(path, { contacts: [CONTACT_ID], tags: [], locationId: LOCATION_ID, removeAllTags: true })
      .reply(201, success(['a', 'b']));
    expect(
      await appTester(
        perform,
        makeBundle<Record<string, unknown>>({
          contactIds: [CONTACT_ID],
          tags: ['ignored'],
          removeAllTags: 'yes',
        }),
      ),
    ).toMatchObject({ tags: [], updatedContactIds: [CONTACT_ID] });
    api.done();
  });

  it.each([
    [
      { contactIds: [CONTACT_ID] },
      'Tags is required: choose at least one tag, or set Remove All Tags to Yes.',
    ],
    [
      { contactIds: [CONTACT_ID], tags: ['a'], removeAllTags: 'perhaps' },
      'Remove All Tags must be yes or no',
    ],
    [{ tags: ['a'] }, 'Contacts is required'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle<Record<string, unknown>>(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it("passes on HighLevel's 400 and 422 messages", async () => {
    highlevel()
      .post(path)
      .reply(400, { statusCode: 400, message: 'removeAllTags can only be used with the remove type' });
    expect(
      await caught(appTester(perform, makeBundle({ contactIds: [CONTACT_ID], tags: ['a'] }))),
    ).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('removeAllTags'),
    });
    highlevel().post(path).reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ contactIds: [CONTACT_ID], tags: ['a'] }))),
    ).toMatchObject({
      code: 'validation_failed',
    });
  });
});
