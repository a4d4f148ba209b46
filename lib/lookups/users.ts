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

export const listUsers = async (z: ZObject, bundle: AuthBundle) =>
  (
    await send(z, {
      method: 'GET',
      path: '/users/',
      query: { locationId: locationIdOf(z, bundle) },
      schema: usersEnvelope(),
      scope: 'users.readonly',
    })
  ).users;

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
