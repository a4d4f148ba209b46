import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { addFollowers } from '../lib/contacts/api';
import { contactIdField } from '../lib/contacts/fields';
import { requiredId, requiredIdList } from '../lib/core/validation';
import { followersField } from '../lib/lookups/users';

const inputFields = defineInputFields([
  contactIdField,
  { ...followersField, helpText: 'Users of the sub-account who should follow the contact.' },
]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const followers = requiredIdList(z, bundle.inputData.followers, 'Followers');
  const result = await addFollowers(z, contactId, followers);
  return {
    id: contactId,
    followers: result.followers ?? null,
    followersAdded: result.followersAdded ?? null,
  };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'add_contact_followers',
  noun: 'Follower',
  display: {
    label: 'Add Followers to Contact',
    description: 'Adds users of the sub-account as followers of a contact.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      id: 'ocQHyuzHvysMo5N5VsXc',
      followers: ['y0BeYjuRIlDwsDcOHOJo', 'sx6wyHhbFdRXh302Lunr'],
      followersAdded: ['sx6wyHhbFdRXh302Lunr'],
    },
    outputFields: [
      { key: 'id', label: 'Contact ID', type: 'string' },
      { key: 'followers', label: 'Followers', type: 'string', list: true },
      { key: 'followersAdded', label: 'Followers Added', type: 'string', list: true },
    ],
  },
});
