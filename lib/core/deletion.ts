/**
 * What every delete action shares: the warning, the labelled output, and HighLevel's confirmation; the same
 * `{succeded}` confirmation of the workflow and campaign actions.
 */
import type { ZObject } from 'zapier-platform-core';
import { defineInputField } from 'zapier-platform-core';
import { userError } from './errors';
import { lazySchema } from './schema';

/** What HighLevel answers to a DELETE (HIGHLEVEL.md §5: the flag is spelt `succeded`). */
export const deletedSchema = lazySchema((zod) => zod.looseObject({ succeded: zod.boolean().optional() }));

/** The `copy` field of every delete action (ZAPIER.md: deletions warn that they are permanent). */
export const deletionWarningField = (what: string) =>
  defineInputField({
    key: 'deletionWarning',
    type: 'copy',
    helpText: `**Warning:** this permanently deletes the ${what} in HighLevel. It cannot be undone.`,
  });

/** What a delete action returns: the id that was deleted, labelled, never a bare "success". */
export const deletedOutputFields = (idLabel: string) => [
  { key: 'id', label: idLabel, type: 'string' as const },
  { key: 'deleted', label: 'Deleted', type: 'boolean' as const },
];

/**
 * `{id, deleted: true}` for a delete HighLevel confirmed. HIGHLEVEL.md §5: the flag is spelt `succeded`;
 * an explicit `false` (never seen, but possible by the schema) must not be reported as a deletion.
 */
export const confirmDeleted = (z: ZObject, result: { succeded?: boolean }, what: string, id: string) => {
  if (result.succeded === false) {
    throw userError(
      z,
      `HighLevel did not confirm that the ${what} "${id}" was deleted. Check it in HighLevel before trying again.`,
      'unexpected_response',
    );
  }
  return { id, deleted: true as const };
};

/** HighLevel's `succeded: false` (never seen, but allowed by the schema) is not reported as done. */
export const confirmSucceeded = (z: ZObject, result: { succeded?: boolean }, what: string): void => {
  if (result.succeded === false) {
    throw userError(
      z,
      `HighLevel did not confirm that it ${what}. Check it in HighLevel before trying again.`,
      'unexpected_response',
    );
  }
};
