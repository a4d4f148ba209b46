/** The sub-account's users (users.json): schema, GET /users/, and the "Assigned User" dropdown field. */
import { defineInputField, type ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { locationIdOf, send, type AuthBundle } from '../core/request';
import { fieldSchemas, lazySchema } from '../core/schema';

/** Key of the hidden dropdown trigger (triggers/user_list.ts). */
export const USER_DROPDOWN = 'user_list';

export const userSchema = lazySchema((zod) => {
  const { text } = fieldSchemas();
  return zod.looseObject({
    id: zod.string().min(1),
    name: text,
    firstName: text,
    lastName: text,
    email: text,
  });
});
export type HighLevelUser = zod.infer<ReturnType<typeof userSchema>>;

const usersEnvelope = lazySchema((zod) => zod.object({ users: zod.array(userSchema()) }));
const userSearchEnvelope = lazySchema((zod) =>
  zod.object({ users: zod.array(userSchema()), count: zod.number().optional() }),
);

/** users.json allows `limit` as a string; 100 a page keeps a typical sub-account to one request. */
const USER_PAGE_SIZE = 100;
/** A bound on the pages of one listing (10,000 users), so a wrong `count` can never loop for long. */
const MAX_USER_PAGES = 100;

/**
 * The sub-account's users from `GET /users/search` (users.json `search-users`; `GET /users/` is deprecated),
 * which needs the agency's `companyId` from the token response (authData). A connection that has none
 * falls back to the deprecated `GET /users/` (docs/ACTIONS.md §9).
 */
export const listUsers = async (z: ZObject, bundle: AuthBundle): Promise<HighLevelUser[]> => {
  const locationId = locationIdOf(z, bundle);
  const companyId = bundle.authData.companyId?.trim();
  if (!companyId) {
    return (
      await send(z, {
        method: 'GET',
        path: '/users/',
        query: { locationId },
        schema: usersEnvelope(),
        scope: 'users.readonly',
      })
    ).users;
  }
  const users: HighLevelUser[] = [];
  for (let page = 0; page < MAX_USER_PAGES; page += 1) {
    const result = await send(z, {
      method: 'GET',
      path: '/users/search',
      query: { companyId, locationId, limit: String(USER_PAGE_SIZE), skip: String(page * USER_PAGE_SIZE) },
      schema: userSearchEnvelope(),
      scope: 'users.readonly',
    });
    users.push(...result.users);
    const total = result.count ?? users.length;
    if (result.users.length < USER_PAGE_SIZE || users.length >= total) break;
  }
  return users;
};

export const assignedUserField = defineInputField({
  key: 'assignedTo',
  label: 'Assigned User',
  type: 'string',
  required: false,
  dynamic: `${USER_DROPDOWN}.id.label`,
  helpText: 'A user of the sub-account.',
});

/** Followers of a contact: users of the sub-account, many at once. */
export const followersField = defineInputField({
  key: 'followers',
  label: 'Followers',
  type: 'string',
  list: true,
  required: true,
  dynamic: `${USER_DROPDOWN}.id.label`,
  helpText: 'Users of the sub-account.',
});
