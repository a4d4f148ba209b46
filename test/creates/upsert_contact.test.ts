import App from '../../index';
import upsertContact, { perform } from '../../creates/upsert_contact';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle, requestGuard, sentAny } from '../helpers';
import { apiContact, contactOutput, locationReply, validationFailure } from './fixtures';

describe('upsert_contact', () => {
  it('is registered as "Create or Update Contact" and labels `isNew`', () => {
    expect(App.creates?.upsert_contact).toBe(upsertContact);
    expect(upsertContact.display.label).toBe('Create or Update Contact');
    expect(upsertContact.operation.outputFields).toContainEqual({
      key: 'isNew',
      label: 'Was New Contact',
      type: 'boolean',
    });
    expect(upsertContact.operation.sample).toMatchObject({ id: expect.any(String), isNew: true });
  });

  it('sends POST /contacts/upsert with the location and says the contact was new', async () => {
    const api = highlevel()
      .post('/contacts/upsert', {
        email: 'amy@example.com',
        firstName: 'Amy',
        companyName: 'Binders Inc',
        tags: ['lead'],
        locationId: LOCATION_ID,
      })
      .reply(201, { new: true, contact: apiContact, traceId: 't-1' });
    const result = await appTester(
      perform,
      makeBundle({ email: 'amy@example.com', firstName: 'Amy', companyName: 'Binders Inc', tags: ['lead'] }),
    );
    expect(result).toEqual({ ...contactOutput, warnings: [], isNew: true });
    api.done();
  });

  it('says the contact was updated when HighLevel matched an existing one', async () => {
    const api = locationReply('GB')
      .post('/contacts/upsert', { phone: '+442079460958', locationId: LOCATION_ID })
      .reply(200, { new: false, contact: apiContact });
    const result = await appTester(perform, makeBundle({ phone: '020 7946 0958' }));
    expect(result).toEqual({ ...contactOutput, warnings: [], isNew: false });
    api.done();
  });

  it('sends "Allow Duplicate Contact" as createNewIfDuplicateAllowed, with gender and DND per channel', async () => {
    const api = highlevel()
      .post('/contacts/upsert', {
        email: 'amy@example.com',
        gender: 'female',
        dnd: false,
        dndSettings: { Email: { status: 'inactive' } },
        createNewIfDuplicateAllowed: true,
        locationId: LOCATION_ID,
      })
      .reply(201, { new: true, contact: apiContact });
    await appTester(
      perform,
      makeBundle<Record<string, unknown>>({
        email: 'amy@example.com',
        gender: 'female',
        dnd: false,
        dndEmail: 'inactive',
        createNewIfDuplicateAllowed: 'yes',
      }),
    );
    api.done();
  });

  it('refuses without email or phone before any request', async () => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle({ firstName: 'Amy' })));
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Fill in Email or Phone'),
    });
    expect(sentAny(guard)).toBe(false);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().post('/contacts/upsert').reply(422, validationFailure);
    const error = await caught(appTester(perform, makeBundle({ email: 'amy@example.com' })));
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('Email must be an email'),
    });
  });
});
