/**
 * lib/contacts/model.ts: a HighLevel contact → the Zapier output shape (DESIGN.md §2): single reads vs search
 * results (#314), custom fields by name, links, and loose schemas.
 */
import { contactSchema, contactUrl, normaliseContact } from '../../../lib/contacts/model';
import { customFieldOutputKey, customFieldValues } from '../../../lib/lookups/customFieldOutputs';
import type { CustomFieldDefinition } from '../../../lib/lookups/customFields';

const LOCATION_ID = 've9EPM428h8vShlRW1KT';

const definitions: CustomFieldDefinition[] = [
  { id: 'cf1', name: 'Industry', fieldKey: 'contact.industry', dataType: 'SINGLE_OPTIONS' },
  { id: 'cf2', name: 'Budget', fieldKey: 'contact.budget', dataType: 'MONETORY' },
  { id: 'cf3', name: 'Interests', fieldKey: 'contact.interests', dataType: 'MULTIPLE_OPTIONS' },
];

/** GET /contacts/{id} (contacts.json): address1, ISO dates. */
const singleRead = contactSchema().parse({
  id: 'ocQHyuzHvysMo5N5VsXc',
  locationId: LOCATION_ID,
  firstName: 'Rosa',
  lastName: 'Diaz',
  name: 'Rosa Diaz',
  email: 'rosa@example.com',
  phone: '+14155550123',
  companyName: 'Diaz Realty',
  address1: '3535 1st St N',
  city: 'Dolomite',
  state: 'AL',
  postalCode: '35061',
  country: 'US',
  website: 'https://diaz.example.com',
  timezone: 'America/Chicago',
  dnd: false,
  dndSettings: { Call: { status: 'active' } },
  tags: ['vip', 'lead'],
  source: 'public api',
  type: 'lead',
  assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
  dateOfBirth: '1990-09-25T00:00:00.000Z',
  dateAdded: '2026-11-20T15:04:05.000Z',
  dateUpdated: '2026-11-21T09:30:00+00:00',
  customFields: [
    { id: 'cf1', value: 'Retail' },
    { id: 'cf3', value: ['A', 'B'] },
    { id: 'unknown', value: 'ignored' },
  ],
  businessId: '63771dcac1116f0e21de8e12',
  attributionSource: { medium: 'api' },
});

describe('normaliseContact', () => {
  it('turns a single read into the output shape, custom fields by name', () => {
    expect(normaliseContact(singleRead, definitions)).toEqual({
      id: 'ocQHyuzHvysMo5N5VsXc',
      firstName: 'Rosa',
      lastName: 'Diaz',
      fullName: 'Rosa Diaz',
      email: 'rosa@example.com',
      phone: '+14155550123',
      companyName: 'Diaz Realty',
      address1: '3535 1st St N',
      city: 'Dolomite',
      state: 'AL',
      postalCode: '35061',
      country: 'US',
      website: 'https://diaz.example.com',
      timezone: 'America/Chicago',
      source: 'public api',
      type: 'lead',
      dnd: false,
      tags: ['vip', 'lead'],
      assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
      dateOfBirth: '1990-09-25',
      dateAdded: '2026-11-20T15:04:05.000+00:00',
      dateUpdated: '2026-11-21T09:30:00.000+00:00',
      businessId: '63771dcac1116f0e21de8e12',
      locationId: LOCATION_ID,
      url: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/ocQHyuzHvysMo5N5VsXc`,
      custom_fields__industry: 'Retail',
      custom_fields__budget: null,
      custom_fields__interests: ['A', 'B'],
    });
  });

  it('reads a search result: `address`, epoch dateOfBirth, lower-case extras (#314)', () => {
    const searchResult = contactSchema().parse({
      id: 'c2',
      locationId: LOCATION_ID,
      firstNameLowerCase: 'ana',
      firstName: 'Ana',
      lastName: null,
      contactName: 'ana',
      address: '1 Main St',
      dateOfBirth: Date.UTC(1985, 0, 31),
      dateAdded: '2026-11-20T15:04:05.123Z',
      dnd: true,
      tags: [],
      searchAfter: [1763651045123, 'c2'],
    });
    const output = normaliseContact(searchResult);
    expect(output).toMatchObject({
      id: 'c2',
      firstName: 'Ana',
      lastName: null,
      fullName: 'Ana', // from first and last name, never the lower-cased contactName
      address1: '1 Main St',
      dateOfBirth: '1985-01-31',
      dateAdded: '2026-11-20T15:04:05.123+00:00',
      dateUpdated: null,
      dnd: true,
      tags: [],
    });
    // No request echo or noise.
    expect(output).not.toHaveProperty('searchAfter');
    expect(output).not.toHaveProperty('firstNameLowerCase');
    expect(output).not.toHaveProperty('address');
  });

  it('prefers address1 over address when both are present', () => {
    expect(normaliseContact(contactSchema().parse({ id: 'c', address1: 'A1', address: 'A' })).address1).toBe(
      'A1',
    );
  });

  it('builds the full name from the parts when HighLevel sends none', () => {
    expect(
      normaliseContact(contactSchema().parse({ id: 'c', firstName: 'Ana', lastName: 'Ruiz' })).fullName,
    ).toBe('Ana Ruiz');
    expect(normaliseContact(contactSchema().parse({ id: 'c', lastName: 'Ruiz' })).fullName).toBe('Ruiz');
    expect(normaliseContact(contactSchema().parse({ id: 'c' })).fullName).toBeNull();
    expect(
      normaliseContact(
        contactSchema().parse({
          id: 'c',
          firstName: 'Jean-Luc',
          lastName: 'McKay',
          contactName: 'jean-luc mckay',
        }),
      ).fullName,
    ).toBe('Jean-Luc McKay');
    expect(normaliseContact(contactSchema().parse({ id: 'c', contactName: 'jake peralta' })).fullName).toBe(
      'jake peralta',
    );
  });

  it('fills every output key of a bare contact with null, false or []', () => {
    const output = normaliseContact(contactSchema().parse({ id: 'c' }), definitions);
    expect(output).toEqual({
      id: 'c',
      firstName: null,
      lastName: null,
      fullName: null,
      email: null,
      phone: null,
      companyName: null,
      address1: null,
      city: null,
      state: null,
      postalCode: null,
      country: null,
      website: null,
      timezone: null,
      source: null,
      type: null,
      dnd: false,
      tags: [],
      assignedTo: null,
      dateOfBirth: null,
      dateAdded: null,
      dateUpdated: null,
      businessId: null,
      locationId: null,
      url: null,
      custom_fields__industry: null,
      custom_fields__budget: null,
      custom_fields__interests: null,
    });
  });

  it('turns empty strings into null and copies the tags', () => {
    const raw = contactSchema().parse({ id: 'c', email: '', city: '', tags: ['a'] });
    const output = normaliseContact(raw);
    expect(output.email).toBeNull();
    expect(output.city).toBeNull();
    output.tags.push('b');
    expect(raw.tags).toEqual(['a']);
  });

  it('links to the contact with encoded ids, on HIGHLEVEL_APP_URL when set', () => {
    const saved = process.env.HIGHLEVEL_APP_URL;
    try {
      process.env.HIGHLEVEL_APP_URL = 'https://crm.example.com';
      expect(contactUrl('loc 1', 'c/2')).toBe(
        'https://crm.example.com/v2/location/loc%201/contacts/detail/c%2F2',
      );
    } finally {
      if (saved === undefined) delete process.env.HIGHLEVEL_APP_URL;
      else process.env.HIGHLEVEL_APP_URL = saved;
    }
    expect(contactUrl(null, 'c')).toBeNull();
  });
});

describe('custom fields by name', () => {
  it('keys a field by its fieldKey without "contact."', () => {
    expect(customFieldOutputKey({ id: 'x', fieldKey: 'contact.industry' })).toBe('custom_fields__industry');
    expect(customFieldOutputKey({ id: 'x', fieldKey: 'contact.my-field.v2' })).toBe(
      'custom_fields__my_field_v2',
    );
    expect(customFieldOutputKey({ id: 'x', fieldKey: 'opportunity.stage' })).toBe(
      'custom_fields__opportunity_stage',
    );
    expect(customFieldOutputKey({ id: 'x1', fieldKey: 'contact.' })).toBe('custom_fields__x1');
  });

  it('maps values by id, null for fields without a value, nothing for unknown ids', () => {
    expect(
      customFieldValues([{ id: 'cf2', value: 1200 }, { id: 'zz', value: 'x' }, { id: 'cf1' }], definitions),
    ).toEqual({
      custom_fields__industry: null,
      custom_fields__budget: 1200,
      custom_fields__interests: null,
    });
    expect(customFieldValues(undefined, [])).toEqual({});
  });

  it('outputs DATE fields (read back as epoch ms) as YYYY-MM-DD', () => {
    const dateField = { id: 'cfd', name: 'Renewal', fieldKey: 'contact.renewal', dataType: 'DATE' };
    expect(customFieldValues([{ id: 'cfd', value: Date.UTC(2027, 0, 31) }], [dateField])).toEqual({
      custom_fields__renewal: '2027-01-31',
    });
    expect(customFieldValues([{ id: 'cfd', value: '2027-01-31T00:00:00.000Z' }], [dateField])).toEqual({
      custom_fields__renewal: '2027-01-31',
    });
  });
});

describe('schemas', () => {
  it('accept unknown extra fields and nulls', () => {
    expect(contactSchema().safeParse({ id: 'c', brandNew: { x: 1 }, email: null, tags: null }).success).toBe(
      true,
    );
  });

  it('refuse a contact without an id', () => {
    expect(contactSchema().safeParse({ firstName: 'x' }).success).toBe(false);
    expect(contactSchema().safeParse({ id: '' }).success).toBe(false);
  });
});
