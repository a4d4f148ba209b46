/** lib/contacts/clearing.ts: Clear These Fields, its refusals, and the contact keeping an identifier. */
import { errors, type ZObject } from 'zapier-platform-core';
import { checkKeepsIdentifier, clearFieldsField, readClears } from '../../../lib/contacts/clearing';
import { errorDetails } from '../../../lib/core/errors';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../../helpers';
import { apiContact, CONTACT_ID } from '../../creates/fixtures';

const z = { errors } as unknown as ZObject;
const refusal = (input: Record<string, unknown>) => {
  try {
    readClears(z, input);
  } catch (error) {
    return errorDetails(error).message;
  }
  throw new Error('expected a refusal');
};

const keeps = (body: Record<string, unknown>) =>
  appTester((zz: ZObject) => checkKeepsIdentifier(zz, CONTACT_ID, body), makeBundle({}));

describe('Clear These Fields', () => {
  it('its help promises what the guard keeps: a first name, last name, email or phone', () => {
    expect(clearFieldsField.helpText).toContain(
      'The contact must keep a first name, last name, email or phone.',
    );
    expect(clearFieldsField.helpText.length).toBeLessThanOrEqual(400);
  });

  it('reads choices by key or label into null ("" for the postal code)', () => {
    expect(readClears(z, { clearFields: ['Email', 'postalCode', ' time zone '] })).toEqual({
      email: null,
      postalCode: '',
      timezone: null,
    });
  });

  it('refuses all four identifiers at once without any request', () => {
    expect(refusal({ clearFields: 'firstName, lastName, email, phone' })).toBe(
      'Clear These Fields cannot empty First Name, Last Name, Email and Phone all at once: the contact must keep a first name, last name, email or phone.',
    );
  });
});

describe('checkKeepsIdentifier', () => {
  it('reads nothing when no identifier is cleared, or when the body fills one in', async () => {
    const guard = requestGuard();
    await keeps({ city: null, postalCode: '' });
    await keeps({ email: null, firstName: 'Amy' });
    expect(sentAny(guard)).toBe(false);
  });

  it('reads the contact once and lets the update go when it keeps another identifier', async () => {
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}`)
      .reply(200, { contact: { ...apiContact, email: null, firstName: null, lastName: null } });
    await keeps({ email: null });
    api.done();
  });

  it('refuses when the contact would keep none of the four', async () => {
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}`)
      .reply(200, { contact: { id: CONTACT_ID, phone: '+14155550123', email: 'a@example.com' } });
    expect(await caught(keeps({ phone: null, email: null }))).toMatchObject({
      code: 'invalid_input',
      message:
        'Clear These Fields would leave the contact without a first name, last name, email or phone: it has no other of them. Nothing was saved. Take Email or Phone out of Clear These Fields, or fill in another of the four.',
    });
    api.done();
  });

  it('leaves a missing contact to the update, which says so in the usual words', async () => {
    const api = highlevel().get(`/contacts/${CONTACT_ID}`).reply(404, { message: 'Contact not found' });
    await keeps({ email: null });
    api.done();
  });
});
