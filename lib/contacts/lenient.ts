/**
 * "If a value can't be used" (docs/CONTACT_INPUTS.md §1): what a contact action does with an optional value it
 * cannot read (a typo'd email, a 2-digit phone, country "Narnia", a custom field's wrong kind of value).
 * Either the contact is saved without it and the value is named in the Warnings output (the default), or the
 * step stops before any write, naming every such value at once. Both apply the same way to standard and
 * custom fields.
 */
import type { ZObject } from 'zapier-platform-core';
import { defineInputField } from 'zapier-platform-core';
import { errorDetails, userError } from '../core/errors';

/** What a warning says happened to the value; stripped again when the step stops instead. */
export const LEFT_OUT = 'It was left out; the rest was saved.';

export const UNUSABLE_KEY = 'ifValueUnusable';
export type UnusablePolicy = 'warn' | 'stop';

export const unusableValueField = defineInputField({
  key: UNUSABLE_KEY,
  label: "If a Value Can't Be Used",
  type: 'string',
  required: false,
  default: 'warn',
  choices: [
    { value: 'warn', label: 'Save the contact without it and list it in Warnings', sample: 'warn' },
    { value: 'stop', label: 'Stop with an error', sample: 'stop' },
  ],
  helpText:
    "For example an email that is no address, or a country HighLevel doesn't know. Values the contact can't do without (the email or phone that identifies it) always stop the step.",
});

/** The policy the user chose; anything unknown is the default (a mapped value must not break the step). */
export const readUnusablePolicy = (input: Record<string, unknown>): UnusablePolicy =>
  String(input[UNUSABLE_KEY] ?? '')
    .trim()
    .toLowerCase()
    .startsWith('stop')
    ? 'stop'
    : 'warn';

/** A warning → its reason alone: what was wrong, without what happened to the value. */
export const reasonOf = (warning: string): string => {
  const outcome = warning.lastIndexOf('. ');
  return outcome < 0 ? warning : `${warning.slice(0, outcome)}.`;
};

/** A refusal followed by the reasons the values were unreadable, kept within a readable length. */
const MAX_REFUSAL_LENGTH = 600;
export const withReasons = (refusal: string, reasons: string[] = []): string => {
  const text = [refusal, ...reasons.map(reasonOf)].join(' ');
  return text.length > MAX_REFUSAL_LENGTH ? `${text.slice(0, MAX_REFUSAL_LENGTH - 1)}…` : text;
};

/** A warning: the reason, then what happened to the value. */
export const warningOf = (reason: string, outcome = LEFT_OUT): string =>
  `${reason.replace(/\.$/, '')}. ${outcome}`;

const leftOut = (warnings: string[], error: unknown, outcome: string): undefined => {
  const { code, message } = errorDetails(error);
  if (code !== 'invalid_input' || !message) throw error;
  warnings.push(warningOf(message, outcome));
  return undefined;
};

/** With a `warnings` list, an unreadable value is named there and left out; without one, it fails. */
export const leniently = <T>(
  warnings: string[] | undefined,
  read: () => T,
  outcome = LEFT_OUT,
): T | undefined => {
  if (!warnings) return read();
  try {
    return read();
  } catch (error) {
    return leftOut(warnings, error, outcome);
  }
};

export const lenientlyAsync = async <T>(
  warnings: string[] | undefined,
  read: () => Promise<T>,
  outcome = LEFT_OUT,
) => {
  if (!warnings) return read();
  try {
    return await read();
  } catch (error) {
    return leftOut(warnings, error, outcome);
  }
};

/**
 * Under "Stop with an error", any value the step could not use fails it before the write, naming them all;
 * under the default, nothing happens here and the warnings become the output's.
 */
export const stopIfUnusable = (z: ZObject, policy: UnusablePolicy, warnings: string[]): void => {
  if (policy !== 'stop' || warnings.length === 0) return;
  throw userError(
    z,
    withReasons(
      `Nothing was saved: ${warnings.length === 1 ? 'a value' : `${warnings.length} values`} can't be used, and "If a Value Can't Be Used" is "Stop with an error".`,
      warnings,
    ),
    'invalid_input',
  );
};
