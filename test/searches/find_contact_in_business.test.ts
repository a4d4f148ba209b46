import App from '../../index';
import findContactInBusiness, { perform } from '../../searches/find_contact_in_business';
import { appTester, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';
import { contactOutput, customFieldsReply, rawContact, refused, staticFields } from './fixtures';

const BUSINESS_ID = '63771dcac1116f0e21de8e12';

describe('find_contact_in_business', () => {
  it('is registered with a business dropdown and a contact sample', () => {
    expect(App.searches?.find_contact_in_business).toBe(findContactInBusiness);
    expect(findContactInBusiness.display.label).toBe('Find Contact in Business');
    const fields = staticFields(findContactInBusiness.operation);
    expect(fields.map((field) => [field.key, field.required, field.dynamic])).toEqual([
      ['businessId', true, 'business_list.id.label'],
      ['query', false, undefined],
    ]);
    expect(findContactInBusiness.operation.sample).toMatchObject({ id: expect.any(String) });
  });

  it("lists the business's contacts with a small page and a keyword", async () => {
    const api = highlevel()
      .get(`/contacts/business/${BUSINESS_ID}`)
      .query({ locationId: LOCATION_ID, limit: '10', query: 'Rosa' })
      .reply(200, { contacts: [rawContact], count: 1 });
    const fields = customFieldsReply();
    const result = await appTester(perform, makeBundle({ businessId: BUSINESS_ID, query: ' Rosa ' }));
    expect(result).toEqual([contactOutput]);
    api.done();
    fields.done();
  });

  it('sends no query key without a keyword', async () => {
    const api = highlevel()
      .get(`/contacts/business/${BUSINESS_ID}`)
      .query({ locationId: LOCATION_ID, limit: '10' })
      .reply(200, { contacts: [rawContact], count: 1 });
    const fields = customFieldsReply();
    expect(await appTester(perform, makeBundle({ businessId: BUSINESS_ID, query: '' }))).toEqual([
      contactOutput,
    ]);
    api.done();
    fields.done();
  });

  it('encodes the business id as one path segment', async () => {
    const api = highlevel()
      .get('/contacts/business/biz_1-a')
      .query({ locationId: LOCATION_ID, limit: '10' })
      .reply(200, { contacts: [], count: 0 });
    expect(await appTester(perform, makeBundle({ businessId: 'biz_1-a' }))).toEqual([]);
    api.done();
  });

  it('returns [] when nothing matches, without reading custom fields', async () => {
    const api = highlevel()
      .get(`/contacts/business/${BUSINESS_ID}`)
      .query({ locationId: LOCATION_ID, limit: '10', query: 'zzz' })
      .reply(200, { contacts: [], count: 0 });
    expect(await appTester(perform, makeBundle({ businessId: BUSINESS_ID, query: 'zzz' }))).toEqual([]);
    api.done();
  });

  it('returns [] when the business does not exist (404)', async () => {
    const api = highlevel()
      .get(`/contacts/business/${BUSINESS_ID}`)
      .query(true)
      .reply(404, { statusCode: 404, message: 'Business not found' });
    expect(await appTester(perform, makeBundle({ businessId: BUSINESS_ID }))).toEqual([]);
    api.done();
  });

  it("passes HighLevel's 422 messages on", async () => {
    highlevel()
      .get(`/contacts/business/${BUSINESS_ID}`)
      .query(true)
      .reply(422, {
        statusCode: 422,
        message: ['limit must be a number string'],
        error: 'Unprocessable Entity',
      });
    expect(await caught(appTester(perform, makeBundle({ businessId: BUSINESS_ID })))).toMatchObject({
      code: 'validation_failed',
      message: 'HighLevel rejected the request: limit must be a number string.',
    });
  });

  describe('validation: a plain error and no request', () => {
    it.each([
      [{}, 'Business is required.'],
      [{ businessId: '  ' }, 'Business is required.'],
      [
        { businessId: 'a/b' },
        'Business must be a HighLevel ID (letters, digits, - or _); choose it from the dropdown (got "a/b").',
      ],
      [
        { businessId: BUSINESS_ID, query: 'y'.repeat(80) },
        'Name or Keyword must be at most 75 characters (got 80).',
      ],
    ])('%j', async (inputData, message) => {
      expect(await refused(() => appTester(perform, makeBundle(inputData)))).toEqual({
        message,
        code: 'invalid_input',
        sent: false,
      });
    });
  });
});
