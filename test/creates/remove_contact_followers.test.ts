import App from '../../index';
import removeFollowers, { perform } from '../../creates/remove_contact_followers';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, USER_ID, validationFailure } from './fixtures';

const path = `/contacts/${CONTACT_ID}/followers`;

describe('remove_contact_followers', () => {
  it('is registered with a users dropdown that takes many', () => {
    expect(App.creates?.remove_contact_followers).toBe(removeFollowers);
    expect(removeFollowers.display.label).toBe('Remove Followers from Contact');
    expect(removeFollowers.operation.inputFields?.[1]).toMatchObject({ key: 'followers', list: true });
  });

  it('sends DELETE /contacts/{id}/followers with FollowersDTO and outputs what is left', async () => {
    const api = highlevel()
      .delete(path, { followers: [USER_ID] })
      .reply(200, { followers: ['sx6wyHhbFdRXh302Lunr'], followersRemoved: [USER_ID] });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, followers: [USER_ID] }))).toEqual({
      id: CONTACT_ID,
      followers: ['sx6wyHhbFdRXh302Lunr'],
      followersRemoved: [USER_ID],
    });
    api.done();
  });

  it('refuses an empty list of followers before any request', async () => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, followers: [] })));
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: 'Followers is required: choose at least one.',
    });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the contact does not exist, and passes on 422s', async () => {
    highlevel().delete(path).reply(400, { statusCode: 400, message: 'Contact not found' });
    expect(
      (await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, followers: [USER_ID] })))).message,
    ).toBe(`The contact "${CONTACT_ID}" was not found in this sub-account.`);
    highlevel().delete(path).reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, followers: [USER_ID] }))),
    ).toMatchObject({ code: 'validation_failed' });
  });
});
