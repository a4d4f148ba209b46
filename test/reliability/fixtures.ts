/**
 * The reliability suites' view of the operation catalogue (test/catalogue.ts, the one source of fixtures):
 * each operation's valid input and the requests it may send, by operation key. The suites iterate the app
 * definition; an operation registered there without an entry in the catalogue fails them, naming it.
 */
import { CATALOGUE, INSTANT_CATALOGUE, type Fixture } from '../catalogue';
import { LOCATION_ID } from '../helpers';

export type { Fixture } from '../catalogue';
export { BUSINESS_ID, CONTACT_ID, NOTE_ID, TASK_ID, USER_ID } from '../catalogue';
export { LOCATION_ID };

/** Trigger, create and search keys are unique across the three kinds (Zapier requires it per kind; the app keeps it global). */
export const FIXTURES: Record<string, Fixture> = Object.fromEntries(
  [CATALOGUE.triggers, INSTANT_CATALOGUE, CATALOGUE.creates, CATALOGUE.searches].flatMap((entries) =>
    Object.entries(entries).map(([key, entry]) => [key, entry.reliability] as const),
  ),
);

/**
 * Cells with a known bug the lead agreed to leave red-free for now: `${operationKey} × ${cell}`.
 * Empty by default: a finding stays a failing test and goes to /tmp/reliability-findings.md.
 */
export const KNOWN_ISSUES: string[] = [];
