import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { removeFollowers } from '../lib/contacts/api';
import { contactIdField } from '../lib/contacts/fields';
import { requiredId, requiredIdList } from '../lib/core/validation';
import { followersField } from '../lib/lookups/users';

const inputFields = defineInputFields([
  contactIdField,
  { ...followersField, helpText: 'Users of the sub-account who should stop following the contact.' },
]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const followers = requiredIdList(z, bundle.inputData.followers, 'Followers');
  const result = await removeFollowers(z, contactId, followers);
  return {
    id: contactId,
    followers: result.followers ?? null,
    followersRemoved: result.followersRemoved ?? null,
  };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'remove_contact_followers',
  noun: 'Follower',
  display: {
    label: 'Remove Followers from Contact',
    description: 'Removes followers from a contact.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      id: 'ocQHyuzHvysMo5N5VsXc',
      followers: ['y0BeYjuRIlDwsDcOHOJo'],
      followersRemoved: ['sx6wyHhbFdRXh302Lunr'],
    },
    outputFields: [
      { key: 'id', label: 'Contact ID', type: 'string' },
      { key: 'followers', label: 'Followers', type: 'string', list: true },
      { key: 'followersRemoved', label: 'Followers Removed', type: 'string', list: true },
    ],
  },
});
