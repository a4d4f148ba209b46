import App from '../../index';
import deleteContact, { perform } from '../../creates/delete_contact';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

describe('delete_contact', () => {
  it('is registered with a copy field warning that the deletion is permanent', () => {
    expect(App.creates?.delete_contact).toBe(deleteContact);
    expect(deleteContact.display.label).toBe('Delete Contact');
    expect(deleteContact.operation.inputFields).toContainEqual({
      key: 'deletionWarning',
      type: 'copy',
      helpText: '**Warning:** this permanently deletes the contact in HighLevel. It cannot be undone.',
    });
    expect(deleteContact.operation.outputFields).toEqual([
      { key: 'id', label: 'Contact ID', type: 'string' },
      { key: 'deleted', label: 'Deleted', type: 'boolean' },
    ]);
  });

  it('sends DELETE /contacts/{id} and outputs the deleted id', async () => {
    const api = highlevel().delete(`/contacts/${CONTACT_ID}`).reply(200, { succeded: true });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID }))).toEqual({
      id: CONTACT_ID,
      deleted: true,
    });
    api.done();
  });

  it('does not report a deletion HighLevel did not confirm', async () => {
    highlevel().delete(`/contacts/${CONTACT_ID}`).reply(200, { succeded: false });
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID })));
    expect(error).toMatchObject({
      code: 'unexpected_response',
      message: expect.stringContaining(`did not confirm that the contact "${CONTACT_ID}" was deleted`),
    });
  });

  it.each([[{}], [{ contactId: ' ' }], [{ contactId: 'a/b' }], [{ contactId: '..' }]])(
    'refuses %j before any request',
    async (input) => {
      const guard = requestGuard();
      const error = await caught(appTester(perform, makeBundle(input)));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/^Contact (is required|must be a HighLevel ID)/);
      expect(sentAny(guard)).toBe(false);
    },
  );

  it('says plainly when the contact does not exist (404)', async () => {
    highlevel().delete(`/contacts/${CONTACT_ID}`).reply(404, { statusCode: 404, message: 'Not found' });
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID })));
    expect(error.message).toBe(`The contact "${CONTACT_ID}" was not found in this sub-account.`);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().delete(`/contacts/${CONTACT_ID}`).reply(422, validationFailure);
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID })));
    expect(error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('trace-422') });
  });
});
