/**
 * The OAuth scopes of the connection: the one list the app asks for at authorization, the sandbox grants by
 * default and enforces per route, and the tests withhold one at a time (DESIGN.md §2, HIGHLEVEL.md §3).
 * Each HighLevel request names the one scope it needs (`scope` of an API request in the app, `config.scope`
 * of a sandbox route); both are typed as `Scope`, so a scope not in this list does not compile.
 */
export const SCOPES = [
  'contacts.readonly',
  'contacts.write',
  'locations.readonly',
  'locations/customFields.readonly',
  'locations/tags.readonly',
  'locations/tasks.readonly',
  'users.readonly',
  'businesses.readonly',
  'workflows.readonly',
  'campaigns.readonly',
] as const;

export type Scope = (typeof SCOPES)[number];

/**
 * The scope of the bulk contact updates (`POST /contacts/bulk/tags/update/{type}`, `POST /contacts/bulk/business`).
 * contacts.json declares no security for them and HighLevel's scope list omits them; the app and the sandbox
 * take the scope of every other contact write (docs/ACTIONS.md §3), named here once.
 */
export const BULK_CONTACTS_SCOPE: Scope = 'contacts.write';

/**
 * What each permission is called on HighLevel's consent screen, in words a user recognises: named in the
 * message for a missing scope (docs/CONNECTION.md §3).
 */
export const PERMISSION_NAMES: Record<Scope, string> = {
  'contacts.readonly': 'View Contacts',
  'contacts.write': 'Edit Contacts',
  'locations.readonly': 'View Locations',
  'locations/customFields.readonly': 'View Custom Fields',
  'locations/tags.readonly': 'View Tags',
  'locations/tasks.readonly': 'View Location Tasks',
  'users.readonly': 'View Users',
  'businesses.readonly': 'View Businesses',
  'workflows.readonly': 'View Workflows',
  'campaigns.readonly': 'View Campaigns',
};
