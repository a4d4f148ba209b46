import App from '../../index';
import removeContactTags, { perform } from '../../creates/remove_contact_tags';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

describe('remove_contact_tags', () => {
  it('is registered as "Remove Tags from Contact"', () => {
    expect(App.creates?.remove_contact_tags).toBe(removeContactTags);
    expect(removeContactTags.display.label).toBe('Remove Tags from Contact');
  });

  it('sends DELETE /contacts/{id}/tags with a JSON body and outputs the remaining tags', async () => {
    const api = highlevel()
      .delete(`/contacts/${CONTACT_ID}/tags`, { tags: ['vip'] })
      .reply(200, { tags: ['lead'] });
    const result = await appTester(perform, makeBundle({ contactId: CONTACT_ID, tags: ['vip'] }));
    expect(result).toEqual({ id: CONTACT_ID, tags: ['lead'], removedTags: ['vip'] });
    api.done();
  });

  it('refuses an empty tag list before any request', async () => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, tags: [] })));
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: 'Tags is required: choose or type at least one tag.',
    });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the contact does not exist (404)', async () => {
    highlevel().delete(`/contacts/${CONTACT_ID}/tags`).reply(404, { statusCode: 404, message: 'Not found' });
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, tags: ['vip'] })));
    expect(error.message).toBe(`The contact "${CONTACT_ID}" was not found in this sub-account.`);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().delete(`/contacts/${CONTACT_ID}/tags`).reply(422, validationFailure);
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, tags: ['vip'] })));
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('property foo'),
    });
  });
});
