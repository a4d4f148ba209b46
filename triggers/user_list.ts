/** Hidden dropdown of the sub-account's users, "Name (email)", alphabetical (GET /users/search). */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { USER_DROPDOWN, listUsers } from '../lib/lookups/users';
import { alphabetical, nameWithEmail, wholeListPage } from '../lib/core/dropdowns';

export const perform = (async (z, bundle) =>
  wholeListPage(bundle, async () =>
    alphabetical(
      (await listUsers(z, bundle)).map((user) => {
        const name = user.name?.trim() || [user.firstName, user.lastName].filter(Boolean).join(' ');
        return { id: user.id, label: nameWithEmail(name, user.email, user.id) };
      }),
    ),
  )) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: USER_DROPDOWN,
  noun: 'User',
  display: {
    label: 'List of Users',
    description: 'Triggers when a user is listed, to fill user dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
  },
});
