/** lib/contacts/fields.ts: the contact actions' input fields, their groups and the dynamic Tags field. */
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  contactInputFieldGroups,
  createContactInputFields,
  updateContactInputFields,
  upsertContactInputFields,
} from '../../../lib/contacts/fields';
import { customFieldInputs, customFieldOutputs } from '../../../lib/lookups/customFields';
import { appTester, makeBundle } from '../../helpers';
import { customFieldsReply } from '../../creates/fixtures';

type Field = { key: string; label?: string; type?: string; group?: string; dynamic?: string };
type Entry = Field | ((z: ZObject, bundle: Bundle) => Field[]);
const plain = (fields: readonly Entry[]): Field[] =>
  fields.filter((field): field is Field => typeof field !== 'function');
const keys = (fields: readonly Entry[]) => plain(fields).map((field) => field.key);
const find = (fields: readonly Entry[], key: string) => plain(fields).find((field) => field.key === key);

/** Update Contact's fields as the editor shows them for these inputs (the dynamic Tags resolved). */
const shownForUpdate = async (inputData: Record<string, unknown>) => {
  const resolved: Field[] = [];
  for (const field of updateContactInputFields as readonly Entry[]) {
    if (typeof field === 'function') resolved.push(...(await appTester(field, makeBundle(inputData))));
    else resolved.push(field);
  }
  return resolved.map((field) => field.key);
};

describe('input fields', () => {
  it('create and upsert offer the company name and gender; update has neither, and a note where Company Name stands', () => {
    for (const fields of [createContactInputFields, upsertContactInputFields]) {
      expect(keys(fields)).toEqual(expect.arrayContaining(['companyName', 'gender']));
    }
    const updateKeys = keys(updateContactInputFields);
    expect(updateKeys).not.toContain('companyName');
    expect(updateKeys).not.toContain('gender');
    // Create Contact shows Company Name right after Phone; Update Contact shows the note there.
    const createKeys = keys(createContactInputFields);
    expect(createKeys[createKeys.indexOf('phone') + 1]).toBe('companyName');
    expect(updateKeys[updateKeys.indexOf('phone') + 1]).toBe('companyNameNote');
    expect(find(updateContactInputFields, 'companyNameNote')).toMatchObject({
      type: 'copy',
      helpText:
        "**Company Name** is not changed here: HighLevel's published update has no company name (it has been seen to take one anyway, but this action sends only published fields). To change it, use **Create or Update Contact**, which finds the contact by email or phone.",
    });
  });

  it("Gender's help says, on Create or Update Contact only, that HighLevel ignores it for an existing contact", () => {
    expect(find(createContactInputFields, 'gender')).toMatchObject({
      helpText: 'Saved as text; HighLevel does not limit the values.',
    });
    expect(find(upsertContactInputFields, 'gender')).toMatchObject({
      label: 'Gender',
      helpText:
        'Saved as text; HighLevel does not limit the values. HighLevel ignores it when the contact already exists.',
    });
  });

  it('never asks for a typed id: user, time zone and tags are dropdowns', () => {
    for (const fields of [createContactInputFields, upsertContactInputFields, updateContactInputFields]) {
      for (const key of ['assignedTo', 'timezone']) expect(find(fields, key)).toHaveProperty('dynamic');
      expect(plain(fields).some((field) => / ID$/.test(field.label ?? ''))).toBe(false);
    }
    expect(find(createContactInputFields, 'tags')).toHaveProperty('dynamic', 'tag_list.id.label');
  });

  it('update shows Tags only when "Replace All Tags" (default no) is Yes', async () => {
    expect(find(updateContactInputFields, 'replaceTags')).toMatchObject({
      type: 'boolean',
      default: 'false',
      altersDynamicFields: true,
    });
    expect(await shownForUpdate({})).not.toContain('tags');
    expect(await shownForUpdate({ replaceTags: 'false' })).not.toContain('tags');
    for (const yes of [true, 'true', 'yes']) {
      const shown = await shownForUpdate({ replaceTags: yes });
      expect(shown[shown.indexOf('replaceTags') + 1]).toBe('tags');
    }
  });

  it('every action takes every field of its DTO: gender (not on update), DND per channel and inbound, Allow Duplicate Contact on upsert', () => {
    const dnd = ['dnd', 'dndSms', 'dndEmail', 'dndCall', 'dndWhatsApp', 'dndGmb', 'dndFb', 'dndInbound'];
    for (const fields of [createContactInputFields, upsertContactInputFields, updateContactInputFields]) {
      expect(keys(fields)).toEqual(expect.arrayContaining([...dnd, 'ifValueUnusable']));
    }
    expect(keys(upsertContactInputFields)).toContain('createNewIfDuplicateAllowed');
    expect(keys(createContactInputFields)).not.toContain('createNewIfDuplicateAllowed');
    expect(keys(updateContactInputFields)).not.toContain('createNewIfDuplicateAllowed');
    expect(find(upsertContactInputFields, 'createNewIfDuplicateAllowed')).toMatchObject({
      label: 'Allow Duplicate Contact',
      type: 'boolean',
    });
  });

  it("Create Contact's Do Not Disturb inputs (all, per channel, inbound) speak of a new contact; the others of keeping or changing it", () => {
    const dndKeys = ['dnd', 'dndSms', 'dndEmail', 'dndCall', 'dndWhatsApp', 'dndGmb', 'dndFb', 'dndInbound'];
    const help = (fields: readonly Entry[]) =>
      dndKeys.map((key) => (find(fields, key) as { helpText?: string } | undefined)?.helpText ?? '');
    const onCreate = help(createContactInputFields);
    expect(onCreate[0]).not.toContain('again');
    for (const text of onCreate.slice(1)) {
      expect(text).not.toMatch(/keep it as it is|not changed/);
      expect(text).toMatch(/Leave empty to set nothing for it\.$/);
    }
    expect(onCreate[5]).toBe(
      'Only Google Business Profile, for the new contact. Leave empty to set nothing for it.',
    );
    for (const fields of [upsertContactInputFields, updateContactInputFields]) {
      const onChange = help(fields);
      expect(onChange[0]).toContain('No allows them again');
      for (const text of onChange) expect(text).toMatch(/Leave empty to keep it as it is\.$/);
      expect(onChange[3]).toBe(
        'Only Calls; the other channels are not changed. Leave empty to keep it as it is.',
      );
    }
  });

  it('groups the long forms: every group a field names is declared once, and every declared group is used', () => {
    const declared = contactInputFieldGroups.map((group) => group.key);
    expect(new Set(declared).size).toBe(declared.length);
    for (const fields of [createContactInputFields, upsertContactInputFields, updateContactInputFields]) {
      const used = new Set(plain(fields).map((field) => field.group));
      expect([...used].filter((group) => group !== undefined && !declared.includes(group))).toEqual([]);
      expect(declared.filter((group) => group !== 'customFields' && !used.has(group))).toEqual([]);
    }
  });

  it('turns the custom field definitions into typed inputs and labelled outputs, loading them once', async () => {
    const api = customFieldsReply();
    const inputs = await appTester(customFieldInputs, makeBundle({}));
    const outputs = await appTester(customFieldOutputs, makeBundle({}));
    expect(inputs).toEqual([
      expect.objectContaining({ key: 'custom_field__cfIndustry01', label: 'Industry', type: 'string' }),
      expect.objectContaining({
        key: 'custom_field__cfSize02',
        label: 'Team Size',
        type: 'number',
      }),
    ]);
    expect(outputs).toEqual([
      { key: 'custom_fields__industry', label: 'Custom: Industry', type: 'string' },
      { key: 'custom_fields__team_size', label: 'Custom: Team Size', type: 'number' },
    ]);
    api.done();
  });
});
