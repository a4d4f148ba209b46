import App from '../../index';
import addContactTags, { perform } from '../../creates/add_contact_tags';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

describe('add_contact_tags', () => {
  it('is registered as "Add Tags to Contact" with a required tag dropdown', () => {
    expect(App.creates?.add_contact_tags).toBe(addContactTags);
    expect(addContactTags.display.label).toBe('Add Tags to Contact');
    expect(addContactTags.operation.inputFields?.[1]).toMatchObject({
      key: 'tags',
      required: true,
      list: true,
      dynamic: 'tag_list.id.label',
    });
  });

  it('sends POST /contacts/{id}/tags with the tags and outputs the contact id and its tags', async () => {
    const api = highlevel()
      .post(`/contacts/${CONTACT_ID}/tags`, { tags: ['vip', 'webinar 2026'] })
      .reply(201, { tags: ['lead', 'vip', 'webinar 2026'] });
    const result = await appTester(
      perform,
      makeBundle({ contactId: CONTACT_ID, tags: [' vip', 'webinar 2026', 'vip', ''] }),
    );
    expect(result).toEqual({
      id: CONTACT_ID,
      tags: ['lead', 'vip', 'webinar 2026'],
      addedTags: ['vip', 'webinar 2026'],
    });
    api.done();
  });

  it('outputs null tags rather than guessing when HighLevel sends none back', async () => {
    highlevel()
      .post(`/contacts/${CONTACT_ID}/tags`, { tags: ['vip'] })
      .reply(201, {});
    expect(
      await appTester(perform, makeBundle<Record<string, unknown>>({ contactId: CONTACT_ID, tags: 'vip' })),
    ).toEqual({
      id: CONTACT_ID,
      tags: null,
      addedTags: ['vip'],
    });
  });

  it.each([
    [{ contactId: CONTACT_ID }, 'Tags is required'],
    [{ contactId: CONTACT_ID, tags: [' ', ''] }, 'Tags is required'],
    [{ tags: ['vip'] }, 'Contact is required.'],
    [{ contactId: 'x?y', tags: ['vip'] }, 'Contact must be a HighLevel ID'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the contact does not exist (404)', async () => {
    highlevel().post(`/contacts/${CONTACT_ID}/tags`).reply(404, { statusCode: 404, message: 'Not found' });
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, tags: ['vip'] })));
    expect(error.message).toBe(`The contact "${CONTACT_ID}" was not found in this sub-account.`);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().post(`/contacts/${CONTACT_ID}/tags`).reply(422, validationFailure);
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, tags: ['vip'] })));
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('property foo'),
    });
  });
});
