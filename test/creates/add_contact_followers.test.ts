import App from '../../index';
import addFollowers, { perform } from '../../creates/add_contact_followers';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, USER_ID, validationFailure } from './fixtures';

const OTHER_USER = 'sx6wyHhbFdRXh302Lunr';
const path = `/contacts/${CONTACT_ID}/followers`;

describe('add_contact_followers', () => {
  it('is registered with a users dropdown that takes many', () => {
    expect(App.creates?.add_contact_followers).toBe(addFollowers);
    expect(addFollowers.display.label).toBe('Add Followers to Contact');
    expect(addFollowers.operation.inputFields?.[1]).toMatchObject({
      key: 'followers',
      required: true,
      list: true,
      dynamic: 'user_list.id.label',
    });
  });

  it('sends POST /contacts/{id}/followers with FollowersDTO and outputs the followers', async () => {
    const api = highlevel()
      .post(path, { followers: [USER_ID, OTHER_USER] })
      .reply(201, { followers: [USER_ID, OTHER_USER], followersAdded: [OTHER_USER] });
    expect(
      await appTester(
        perform,
        makeBundle({ contactId: CONTACT_ID, followers: [` ${USER_ID}`, OTHER_USER, USER_ID] }),
      ),
    ).toEqual({ id: CONTACT_ID, followers: [USER_ID, OTHER_USER], followersAdded: [OTHER_USER] });
    api.done();
  });

  it('reads a mapped comma-separated text as several users, and null when HighLevel sends no lists', async () => {
    highlevel()
      .post(path, { followers: [USER_ID, OTHER_USER] })
      .reply(201, {});
    expect(
      await appTester(
        perform,
        makeBundle<Record<string, unknown>>({ contactId: CONTACT_ID, followers: `${USER_ID},${OTHER_USER}` }),
      ),
    ).toEqual({ id: CONTACT_ID, followers: null, followersAdded: null });
  });

  it.each([
    [{ contactId: CONTACT_ID }, 'Followers is required'],
    [{ contactId: CONTACT_ID, followers: [' '] }, 'Followers is required'],
    [{ contactId: CONTACT_ID, followers: ['a?b'] }, 'Followers must be a HighLevel ID'],
    [{ followers: [USER_ID] }, 'Contact is required.'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle<Record<string, unknown>>(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the contact does not exist, and passes on 400/422 messages', async () => {
    highlevel().post(path).reply(404, { statusCode: 404, message: 'Not found' });
    expect(
      (await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, followers: [USER_ID] })))).message,
    ).toBe(`The contact "${CONTACT_ID}" was not found in this sub-account.`);
    highlevel().post(path).reply(400, { statusCode: 400, message: 'User not found: x' });
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, followers: [USER_ID] }))),
    ).toMatchObject({ code: 'bad_request', message: expect.stringContaining('User not found: x') });
    highlevel().post(path).reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, followers: [USER_ID] }))),
    ).toMatchObject({ code: 'validation_failed' });
  });
});
