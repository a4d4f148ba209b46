/**
 * The time budget of one operation (docs/CONNECTION.md §7): Zapier stops a step after 30 s, so every
 * operation, its lookups, retries and pages included, finishes or fails plainly within 25 s. The budget
 * starts with the operation's first HighLevel request and belongs to its `z` (one per invocation).
 */
import type { ZObject } from 'zapier-platform-core';
import { httpSettings } from '../config';

const deadlines = new WeakMap<object, number>();

/** Milliseconds left of this operation's budget (the budget starts on the first call). */
export const msLeft = (z: ZObject): number => {
  let deadline = deadlines.get(z);
  if (deadline === undefined) {
    deadline = Date.now() + httpSettings.operationBudgetMs;
    deadlines.set(z, deadline);
  }
  return deadline - Date.now();
};

/** Below this, an attempt could not get an answer in time: it is not started. */
export const MIN_ATTEMPT_MS = 250;
