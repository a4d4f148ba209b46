import App from '../../index';
import addTagsToContacts, { perform } from '../../creates/add_tags_to_contacts';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

const OTHER_ID = 'hB9T2KpQ3xWmZ1vLc8Ds';
const path = '/contacts/bulk/tags/update/add';

describe('add_tags_to_contacts', () => {
  it('is registered with a many-contacts dropdown and a required tag dropdown', () => {
    expect(App.creates?.add_tags_to_contacts).toBe(addTagsToContacts);
    expect(addTagsToContacts.display.label).toBe('Add Tags to Many Contacts');
    expect(
      addTagsToContacts.operation.inputFields?.map((field) => [field.key, field.required, field.list]),
    ).toEqual([
      ['contactIds', true, true],
      ['tags', true, true],
    ]);
  });

  it('sends POST /contacts/bulk/tags/update/add with UpdateTagsDTO and reports each contact', async () => {
    const api = highlevel()
      .post(path, { contacts: [CONTACT_ID, OTHER_ID], tags: ['webinar', 'vip'], locationId: LOCATION_ID })
      .reply(201, {
        succeded: true,
        errorCount: 1,
        responses: [
          {
            contactId: CONTACT_ID,
            message: 'Tags updated',
            type: 'success',
            oldTags: ['lead'],
            tagsAdded: ['webinar', 'vip'],
            tagsRemoved: [],
          },
          { contactId: OTHER_ID, message: 'contact is deleted', type: 'error' },
        ],
      });
    expect(
      await appTester(
        perform,
        makeBundle({ contactIds: [CONTACT_ID, OTHER_ID, CONTACT_ID], tags: ['webinar', ' vip'] }),
      ),
    ).toEqual({
      id: expect.stringMatching(/^bulk-[0-9a-f]{16}$/),
      tags: ['webinar', 'vip'],
      updatedContactIds: [CONTACT_ID],
      updatedCount: 1,
      notUpdatedContactIds: [OTHER_ID],
      notUpdatedCount: 1,
      notUpdatedReasons: ['contact is deleted'],
    });
    api.done();
  });

  it('reads responses typed as strings (as the spec types them) by errorCount, never as failures', async () => {
    highlevel()
      .post(path)
      .reply(201, { succeded: true, errorCount: 0, responses: ['ok', 'ok'] });
    expect(
      await appTester(
        perform,
        makeBundle<Record<string, unknown>>({ contactIds: `${CONTACT_ID},${OTHER_ID}`, tags: 'vip' }),
      ),
    ).toMatchObject({
      updatedContactIds: [CONTACT_ID, OTHER_ID],
      updatedCount: 2,
      notUpdatedContactIds: [],
      notUpdatedCount: 0,
      notUpdatedReasons: [],
    });
    highlevel()
      .post(path)
      .reply(201, {
        succeded: false,
        errorCount: 2,
        responses: ['contact is deleted', 'contact is deleted'],
      });
    expect(
      await caught(appTester(perform, makeBundle({ contactIds: [CONTACT_ID, OTHER_ID], tags: ['vip'] }))),
    ).toMatchObject({
      code: 'bad_request',
      message: 'HighLevel updated none of the contacts (contact is deleted; contact is deleted).',
    });
  });

  it('labels counts as numbers and lists as IDs, on the keys the business bulk actions use', () => {
    const labels = Object.fromEntries(
      (addTagsToContacts.operation.outputFields ?? []).flatMap((field) =>
        typeof field === 'function' ? [] : [[field.key, field.label]],
      ),
    );
    expect(labels).toMatchObject({
      updatedContactIds: 'Updated Contact IDs',
      updatedCount: 'Number of Contacts Updated',
      notUpdatedContactIds: 'Not Updated: Contact IDs',
      notUpdatedCount: 'Number of Contacts Not Updated',
      notUpdatedReasons: 'Not Updated: Reasons',
    });
  });

  it('fails, naming the reasons, when no contact at all was updated', async () => {
    highlevel()
      .post(path)
      .reply(201, {
        succeded: false,
        errorCount: 1,
        responses: [{ contactId: CONTACT_ID, message: 'contact does not belong to location', type: 'error' }],
      });
    const error = await caught(appTester(perform, makeBundle({ contactIds: [CONTACT_ID], tags: ['vip'] })));
    expect(error).toMatchObject({
      code: 'bad_request',
      message: `HighLevel updated none of the contacts (${CONTACT_ID}: contact does not belong to location).`,
    });
  });

  it.each([
    [{ tags: ['vip'] }, 'Contacts is required'],
    [{ contactIds: [CONTACT_ID] }, 'Tags is required'],
    [{ contactIds: ['a/b'], tags: ['vip'] }, 'Contacts must be a HighLevel ID'],
    [{ contactIds: Array.from({ length: 501 }, (_, i) => `c${i}`), tags: ['vip'] }, 'at most 500'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle<Record<string, unknown>>(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it("passes on HighLevel's 422 messages and never retries the write after a 5xx", async () => {
    highlevel().post(path).reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ contactIds: [CONTACT_ID], tags: ['vip'] }))),
    ).toMatchObject({
      code: 'validation_failed',
    });
    const once = highlevel().post(path).once().reply(500, {});
    expect(
      await caught(appTester(perform, makeBundle({ contactIds: [CONTACT_ID], tags: ['vip'] }))),
    ).toMatchObject({
      code: 'server_error',
    });
    once.done();
  });
});
