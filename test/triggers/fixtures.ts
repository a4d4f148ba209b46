/** Builders of HighLevel bodies the trigger tests share. */
import type { HighLevelContact } from '../../lib/contacts/model';
import { customFieldsReply, LOCATION_ID } from '../helpers';

export const MINUTE = 60_000;

/** A contact as POST /contacts/search returns it (`address`, epoch `dateOfBirth`, a `searchAfter` cursor). */
export const searchContact = (
  id: string,
  ageMs: number,
  extra: Partial<HighLevelContact> = {},
): HighLevelContact => {
  const at = Date.now() - ageMs;
  return {
    id,
    locationId: LOCATION_ID,
    firstName: `First ${id}`,
    lastName: 'Last',
    email: `${id.toLowerCase()}@example.com`,
    dateAdded: new Date(at).toISOString(),
    dateUpdated: new Date(at).toISOString(),
    tags: [],
    customFields: [],
    searchAfter: [at, id],
    ...extra,
  };
};

/** `count` contacts, newest first, the first `ageMs` old and each next one a second older. */
export const contactPage = (prefix: string, count: number, ageMs: number): HighLevelContact[] =>
  Array.from({ length: count }, (_, index) => searchContact(`${prefix}${index}`, ageMs + index * 1000));

export const customFieldDefinitions = [
  { id: 'cfIndustry', name: 'Industry', fieldKey: 'contact.industry', dataType: 'TEXT', position: 0 },
  { id: 'cfBudget', name: 'Budget', fieldKey: 'contact.budget', dataType: 'MONETORY', position: 1 },
];

/** The custom field definitions request (cached by the app for a few minutes). */
export const mockCustomFields = (
  reply: [number, Record<string, unknown>] = [200, { customFields: customFieldDefinitions }],
) => customFieldsReply(...reply);

/** Base body of every contact search a trigger sends. */
export const searchBody = (extra: Record<string, unknown>) => ({ locationId: LOCATION_ID, ...extra });
