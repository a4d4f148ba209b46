/**
 * Helpers of the hidden dropdown triggers (triggers/*_list.ts). Each dropdown's key is exported by the
 * module of its noun, next to the input field that uses it (`dynamic: \`${KEY}.id.label\``).
 */
import type { Bundle } from 'zapier-platform-core';

/** A dropdown item: `dynamic: '<key>.id.label'` reads these two. */
export interface Choice {
  id: string;
  label: string;
}

/** Lists HighLevel returns whole: the first page is everything, "load more" gets `[]` without a request. */
export const wholeListPage = async (bundle: Pick<Bundle, 'meta'>, load: () => Promise<Choice[]>) =>
  (bundle.meta.page ?? 0) > 0 ? [] : load();

/** Dropdown items sorted by label, case-insensitively. */
export const alphabetical = (choices: Choice[]): Choice[] =>
  [...choices].sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }));

/** "Name (email)", or whichever of the two exists, else the fallback. */
export const nameWithEmail = (
  name: string | null | undefined,
  email: string | null | undefined,
  fallback: string,
): string => {
  const cleanName = name?.trim() || undefined;
  const cleanEmail = email?.trim() || undefined;
  if (cleanName && cleanEmail) return `${cleanName} (${cleanEmail})`;
  return cleanName ?? cleanEmail ?? fallback;
};

/** A one-line dropdown label of at most `max` characters. */
export const oneLine = (text: string, max = 80): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** "Name", or "Name (draft)" for anything not published (workflows, campaigns); the id when unnamed. */
export const statusLabel = (
  name: string | null | undefined,
  status: string | null | undefined,
  fallback: string,
): string => {
  const label = name?.trim() || fallback;
  const state = status?.trim().toLowerCase();
  return state && state !== 'published' ? `${label} (${state})` : label;
};
