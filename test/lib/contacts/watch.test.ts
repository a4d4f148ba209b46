import { choiceOfPayloadKey, payloadKeyOf } from '../../../lib/contacts/watch';

describe('Watch Fields choices ↔ webhook payload keys (docs/INSTANT_TRIGGERS.md §4)', () => {
  it.each([
    ['email', 'email'],
    ['fullName', 'name'],
    ['address1', 'address1'],
    ['tags', 'tags'],
    ['customField.cfIndustry', 'customFields.cfIndustry'],
  ])('%s ↔ %s', (choice, payloadKey) => {
    expect(payloadKeyOf(choice)).toBe(payloadKey);
    expect(choiceOfPayloadKey(payloadKey)).toBe(choice);
  });

  it('a payload key nobody can watch has no choice', () => {
    expect(choiceOfPayloadKey('attachments')).toBeUndefined();
    expect(choiceOfPayloadKey('dateAdded')).toBeUndefined();
    expect(choiceOfPayloadKey('customFields.')).toBeUndefined();
  });
});
