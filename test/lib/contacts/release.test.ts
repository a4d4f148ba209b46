/**
 * lib/contacts/release.ts (docs/TRIGGERS.md §10): an import is released oldest first by count and by size, so every
 * contact is in the answers of at least an hour of checks and no answer passes the response limit, however large
 * the contacts are.
 */
import { normaliseContact, type HighLevelContact } from '../../../lib/contacts/model';
import {
  LONGEST_POLL_GAP_MS,
  MAX_WINDOW_CHARS,
  MAX_WINDOW_CONTACTS,
  RELEASE_BURST,
  releasedAnswer,
  releaseTimes,
} from '../../../lib/contacts/release';
import type { CustomFieldDefinition } from '../../../lib/lookups/customFields';

/** zapier-platform-core's RESPONSE_SIZE_LIMIT: a step's results as JSON text (constants.js). */
const RESPONSE_SIZE_LIMIT = 6_291_456;
const IMPORTED_AT = Date.UTC(2026, 11, 1, 9, 0, 0);
const MINUTE = 60_000;

const FIELDS = 40;
const definitions: CustomFieldDefinition[] = Array.from({ length: FIELDS }, (_, index) => ({
  id: `cf${String(index).padStart(18, '0')}`,
  name: `Survey Answer ${index}`,
  fieldKey: `contact.survey_answer_${index}`,
  dataType: 'LARGE_TEXT',
  position: index,
}));

/** A contact of a CSV import: every one added at the same moment, with `fields` long custom-field answers. */
const imported = (index: number, fields: number): HighLevelContact => ({
  id: `imp${String(index).padStart(5, '0')}`,
  locationId: 'loc1',
  firstName: `First ${index}`,
  lastName: 'Imported',
  email: `imp${index}@example.com`,
  dateAdded: new Date(IMPORTED_AT).toISOString(),
  dateUpdated: new Date(IMPORTED_AT).toISOString(),
  tags: ['import'],
  customFields: definitions.slice(0, fields).map((definition) => ({
    id: definition.id,
    value: `Answer ${index}/${definition.id}: ${'lorem ipsum dolor sit amet '.repeat(4)}`,
  })),
});

const outputChars = (answer: HighLevelContact[]) =>
  JSON.stringify(answer.map((contact) => normaliseContact(contact, definitions))).length;

/** Checks every `every` ms from the import on: each one's answer (ids), and the largest answer's output size. */
const checks = (contacts: HighLevelContact[], every: number, until: number) => {
  const answers: Array<{ at: number; ids: Set<string> }> = [];
  let largest = 0;
  for (let at = IMPORTED_AT; at <= IMPORTED_AT + until; at += every) {
    const answer = releasedAnswer(contacts, 'dateAdded', at);
    largest = Math.max(largest, outputChars(answer));
    answers.push({ at, ids: new Set(answer.map((contact) => contact.id)) });
  }
  return { answers, largest };
};

describe('releasing an import', () => {
  it('ordinary contacts: 100 at once, then by count (the size bucket never binds)', () => {
    const contacts = Array.from({ length: 400 }, (_, index) => imported(index, 2));
    const times = releaseTimes(contacts, 'dateAdded');
    expect(times.filter(({ at }) => at === IMPORTED_AT)).toHaveLength(RELEASE_BURST);
    const interval = LONGEST_POLL_GAP_MS / (MAX_WINDOW_CONTACTS - RELEASE_BURST);
    expect(times[RELEASE_BURST].at - IMPORTED_AT).toBeCloseTo(interval, 3);
  });

  it('large contacts (40 long custom fields, 1,500 of them, ~9 MB): every check under the response limit, every contact answered for an hour of checks', () => {
    const contacts = Array.from({ length: 1_500 }, (_, index) => imported(index, FIELDS));
    const total = contacts.reduce((sum, contact) => sum + JSON.stringify(contact).length, 0);
    expect(total).toBeGreaterThan(2 * MAX_WINDOW_CHARS);
    // Released by count alone, the answer once all were released would be far past the limit.
    expect(outputChars(contacts)).toBeGreaterThan(RESPONSE_SIZE_LIMIT);

    const { answers, largest } = checks(contacts, 10 * MINUTE, 3 * 60 * MINUTE);

    expect(largest).toBeLessThan(RESPONSE_SIZE_LIMIT);
    for (const contact of contacts) {
      const first = answers.findIndex((answer) => answer.ids.has(contact.id));
      expect(first).toBeGreaterThanOrEqual(0);
      // In every check of the hour after its release: any Zap polling within the longest gap sees it.
      const hour = answers.filter(
        (answer) => answer.at >= answers[first].at && answer.at < answers[first].at + LONGEST_POLL_GAP_MS,
      );
      expect(hour.every((answer) => answer.ids.has(contact.id))).toBe(true);
    }
  });

  it('a contact larger than the whole answer is still answered, alone', () => {
    const giant = {
      ...imported(0, 0),
      customFields: [{ id: 'cf', value: 'x'.repeat(MAX_WINDOW_CHARS + 1) }],
    };
    expect(releasedAnswer([giant, imported(1, 0)], 'dateAdded', IMPORTED_AT + MINUTE).length).toBeGreaterThan(
      0,
    );
  });
});
