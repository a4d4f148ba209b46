import App from '../../index';
import removeFromAll, { perform } from '../../creates/remove_contact_from_all_campaigns';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

const path = `/contacts/${CONTACT_ID}/campaigns/removeAll`;

describe('remove_contact_from_all_campaigns', () => {
  it('is registered with a contact dropdown only', () => {
    expect(App.creates?.remove_contact_from_all_campaigns).toBe(removeFromAll);
    expect(removeFromAll.display.label).toBe('Remove Contact from All Campaigns');
    expect(removeFromAll.operation.inputFields?.map((field) => field.key)).toEqual(['contactId']);
  });

  it('sends DELETE /contacts/{id}/campaigns/removeAll', async () => {
    const api = highlevel().delete(path).reply(200, { succeded: true });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID }))).toEqual({
      id: CONTACT_ID,
      contactId: CONTACT_ID,
      removedFromAllCampaigns: true,
    });
    api.done();
  });

  it('refuses a missing or malformed contact before any request', async () => {
    const guard = requestGuard();
    expect(await caught(appTester(perform, makeBundle({})))).toMatchObject({
      code: 'invalid_input',
      message: 'Contact is required.',
    });
    expect(await caught(appTester(perform, makeBundle({ contactId: '..' })))).toMatchObject({
      code: 'invalid_input',
    });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the contact does not exist, and passes on 422s', async () => {
    highlevel().delete(path).reply(400, { statusCode: 400, message: 'Contact not found' });
    expect((await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID })))).message).toBe(
      `The contact "${CONTACT_ID}" was not found in this sub-account.`,
    );
    highlevel().delete(path).reply(422, validationFailure);
    expect(await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID })))).toMatchObject({
      code: 'validation_failed',
    });
  });

  it('does not report an unconfirmed removal as done', async () => {
    highlevel().delete(path).reply(200, { succeded: false });
    expect(await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID })))).toMatchObject({
      code: 'unexpected_response',
    });
  });
});
