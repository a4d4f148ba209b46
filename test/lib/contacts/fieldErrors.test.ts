/** lib/contacts/fieldErrors.ts: HighLevel's refusals of a contact write, in the editor's words. */
import type { ZObject } from 'zapier-platform-core';
import { namingFields, withFieldNames } from '../../../lib/contacts/fieldErrors';
import type { CustomFieldDefinition } from '../../../lib/lookups/customFields';
import { appTester, caught, customFieldsReply, highlevel, makeBundle } from '../../helpers';
import { createContact } from '../../../lib/contacts/api';

const definitions = [
  { id: 'cfEmp', name: 'Employees', fieldKey: 'contact.employees', dataType: 'NUMERICAL' },
  { id: 'cfPlan', name: 'Plan', fieldKey: 'contact.plan', dataType: 'SINGLE_OPTIONS' },
] as CustomFieldDefinition[];
const sent = [
  { id: 'cfPlan', fieldValue: 'Gold' },
  { id: 'cfEmp', fieldValue: 'x' },
];

describe('withFieldNames', () => {
  it.each([
    [
      'HighLevel rejected the request: customFields.1.fieldValue must be a number for NUMERICAL field contact.employees.',
      'HighLevel rejected the request: "Employees" must be a number.',
    ],
    [
      'HighLevel rejected the request: customFields.0.fieldValue must be one of the following values: Basic, Pro.',
      'HighLevel rejected the request: "Plan" must be one of the following values: Basic, Pro.',
    ],
    [
      'HighLevel rejected the request: email must be an email; dateOfBirth must be a valid date; dndSettings.SMS.status must be one of active, inactive.',
      'HighLevel rejected the request: Email must be an email; Date of Birth must be a valid date; Do Not Disturb: SMS must be one of active, inactive.',
    ],
    [
      'HighLevel rejected the request: dndSettings.GMB.status must be one of active, inactive, permanent; dndSettings.FB must be an object; dndSettings.Call.status should not be empty; inboundDndSettings.all.status must be one of active, inactive.',
      'HighLevel rejected the request: Do Not Disturb: Google Business Profile must be one of active, inactive, permanent; Do Not Disturb: Facebook must be an object; Do Not Disturb: Calls should not be empty; Do Not Disturb: Inbound Messages must be one of active, inactive.',
    ],
    [
      'HighLevel rejected the request: customFields.7.id should not be empty.',
      'HighLevel rejected the request: A custom field should not be empty.',
    ],
  ])('%s', (message, named) => {
    expect(withFieldNames(message, sent, definitions)).toBe(named);
  });

  it('names a custom field by its id only when its definition is unknown', () => {
    expect(
      withFieldNames('x: customFields.0.fieldValue must be a string', [{ id: 'cfZ', fieldValue: 'a' }], []),
    ).toBe('x: A custom field whose name could not be read (ID cfZ) must be a string');
  });
});

describe('namingFields', () => {
  it("rewords a 422 of the write with the fields' names, keeping its code, status and trace ID", async () => {
    const api = customFieldsReply(200, { customFields: definitions })
      .post('/contacts/')
      .reply(422, {
        statusCode: 422,
        message: [
          'customFields.0.fieldValue must be a number for NUMERICAL field contact.employees',
          'email must be an email',
        ],
        traceId: 't-9',
      });
    const body = { lastName: 'S', customFields: [{ id: 'cfEmp', fieldValue: 3 }] };
    const error = await caught(
      appTester(
        (z: ZObject, bundle) => namingFields(z, bundle, body, () => createContact(z, bundle, body)),
        makeBundle({}),
      ),
    );
    expect(error).toMatchObject({
      code: 'validation_failed',
      status: 422,
      message:
        'HighLevel rejected the request: "Employees" must be a number; Email must be an email. (HighLevel trace ID: t-9)',
    });
    api.done();
  });

  it('passes any other failure on as it is, reading no definitions', async () => {
    const api = highlevel().post('/contacts/').reply(404, { message: 'Not found' });
    const body = { lastName: 'S', customFields: [{ id: 'cfEmp', fieldValue: 3 }] };
    const error = await caught(
      appTester(
        (z: ZObject, bundle) => namingFields(z, bundle, body, () => createContact(z, bundle, body)),
        makeBundle({}),
      ),
    );
    expect(error.code).toBe('not_found');
    api.done();
  });
});
