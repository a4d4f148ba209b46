import trigger from '../../triggers/updated_contact_instant';
import { caught, highlevel, LOCATION_ID } from '../helpers';
import {
  contactOutput,
  contactRead,
  contactWebhook,
  delivery,
  DELIVERY_ID,
  expectUnsubscribeWithoutToken,
  hookBundle,
  keysOf,
  relayReply,
  runHook,
  subscribeBundle,
  subscribedBody,
  useRelayEnv,
} from '../lib/relay/fixtures';
import { mockCustomFields, searchContact } from './fixtures';

useRelayEnv();

const updated = (
  changedFields: string[],
  tags: { addedTags?: string[]; removedTags?: string[] } = {},
  event: Record<string, unknown> = contactWebhook,
) =>
  delivery('updated_contact', 'ContactUpdate', event, {
    addedTags: tags.addedTags ?? [],
    removedTags: tags.removedTags ?? [],
    changedFields,
  });

describe('updated_contact_instant', () => {
  it('subscribes with the watched fields as payload keys (fullName → name, customField.x → customFields.x)', async () => {
    expect(
      await subscribedBody(trigger, { watchFields: ['fullName', 'email', 'customField.cfIndustry'] }),
    ).toMatchObject({
      locationId: LOCATION_ID,
      trigger: 'updated_contact',
      filters: { watchFields: 'customFields.cfIndustry,email,name' },
    });
  });

  it('subscribes to every update without Watch Fields', async () => {
    expect((await subscribedBody(trigger, {})).filters).toEqual({});
  });

  it('refuses a field that is not a choice, before any request', async () => {
    const { scope } = relayReply('POST', '/v1/subscriptions', 201, {});

    const error = await caught(
      runHook(trigger, 'performSubscribe', subscribeBundle({ watchFields: ['password'] })),
    );

    expect(error).toMatchObject({
      code: 'invalid_input',
      message: 'Watch Fields: "password" is not a contact field. Choose the fields from the list.',
    });
    expect(scope.isDone()).toBe(false);
  });

  it('unsubscribes with the app secret alone, after the connection expired', async () => {
    await expectUnsubscribeWithoutToken(trigger);
  });

  it('a documented ContactUpdate: the contact as read, with the watched fields that changed', async () => {
    highlevel().get('/contacts/c1').reply(200, { contact: contactRead });
    mockCustomFields();

    const items = await runHook(
      trigger,
      'perform',
      hookBundle(
        { watchFields: ['email', 'customField.cfIndustry'] },
        updated(['email', 'phone', 'customFields.cfIndustry']),
      ),
    );

    expect(items).toEqual([
      {
        ...contactOutput,
        id: DELIVERY_ID,
        contactId: 'c1',
        // Named as the Watch Fields choices show them; the relay keeps digests, so no previous values.
        changedFields: ['Custom: Industry', 'Email'],
        previousValues: {},
      },
    ]);
  });

  it('without Watch Fields: every change, named as the Watch Fields choices (tags when tags changed)', async () => {
    highlevel().get('/contacts/c1').reply(200, { contact: contactRead });
    mockCustomFields();

    const [item] = await runHook(
      trigger,
      'perform',
      hookBundle(
        {},
        updated(['name', 'attachments'], { removedTags: ['gold'] }, { id: 'c1', name: 'Ada Byron' }),
      ),
    );

    expect(item).toEqual({
      ...contactOutput,
      id: DELIVERY_ID,
      contactId: 'c1',
      changedFields: ['Full Name', 'Tags'],
      previousValues: {},
    });
  });

  it('no watched field changed: nothing fires, no request (the app checks what the relay filtered)', async () => {
    const items = await runHook(
      trigger,
      'perform',
      hookBundle({ watchFields: ['email'] }, updated(['phone'])),
    );

    expect(items).toEqual([]);
  });

  it('a watched tag change fires from the tag lists alone', async () => {
    highlevel().get('/contacts/c1').reply(200, { contact: contactRead });
    mockCustomFields();

    const [item] = await runHook(
      trigger,
      'perform',
      hookBundle({ watchFields: ['tags'] }, updated([], { addedTags: ['vip'] })),
    );

    expect(item.changedFields).toEqual(['Tags']);
  });

  it("performList: Updated Contact's sample, with the same keys as a fire", async () => {
    highlevel()
      .post('/contacts/search', (body) => body.pageLimit === 3 && body.sort[0].field === 'dateUpdated')
      .reply(200, { contacts: [searchContact('s1', 60_000)] });
    mockCustomFields();
    highlevel().get('/contacts/c1').reply(200, { contact: contactRead });

    const listed = await runHook(trigger, 'performList', hookBundle({ watchFields: ['email'] }, undefined));
    const fired = await runHook(
      trigger,
      'perform',
      hookBundle({ watchFields: ['email'] }, updated(['email'])),
    );

    expect(listed.map((item) => [item.contactId, item.changedFields])).toEqual([['s1', ['Email']]]);
    expect(keysOf(listed)).toEqual(keysOf(fired));
  });
});
