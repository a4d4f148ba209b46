/**
 * What changed on a contact, told apart from the order its webhooks arrived in (docs/RELAY_CONTRACT.md §5).
 * HighLevel promises no order, so the relay keeps a short time-ordered history of each contact's snapshots (its
 * tags and a digest per field, by HighLevel's `timestamp`) and computes an event's change against its predecessor
 * in time. For tags, a late event fires only the episodes it creates: one that merely extends a run where a tag is
 * present (or absent) fires nothing; one that splits a run fires the new runs' starts. Fields: a write changed
 * those unlike its predecessor in time (Updated Contact fires once per write).
 * Pure functions: the store calls them inside the ingest transaction with what it read.
 */
import { createHash } from 'node:crypto';
import type { Change, EventBody, Json } from './routing';

export interface Snapshot {
  /** HighLevel's `timestamp` (receipt time when it has none), Unix milliseconds. */
  at: number;
  /** A ContactCreate: nothing came before it, so every tag on it was added. */
  create: boolean;
  /** The tag list as sent; undefined when the payload had none (it then says nothing about tags). */
  tags: string[] | undefined;
  /** A short SHA-256 digest of each non-empty field, by payload key (`email`, `customFields.<id>`): never values. */
  digests: Record<string, string>;
}

export interface ContactState {
  /** Oldest first. */
  snapshots: Snapshot[];
  /** Older snapshots were dropped: an event older than the first one kept is too late to judge. */
  pruned: boolean;
}

/** The history's bounds: enough for HighLevel's reordering and retries (seconds to minutes), small per row. */
export const HISTORY_MAX = 20;
export const HISTORY_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Keys that describe the envelope or never change, so they are never "changed fields". */
const NOT_FIELDS = new Set([
  'type',
  'locationId',
  'id',
  'webhookId',
  'timestamp',
  'versionId',
  'appId',
  'dateAdded',
  'tags',
]);

/** HighLevel leaves empty fields out of a payload (contract §5): null, '' and [] say the same as an absent key. */
const isEmpty = (value: Json | undefined): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

const digest = (value: Json): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);

const fieldDigests = (event: EventBody): Record<string, string> => {
  const digests: Record<string, string> = {};
  for (const [key, value] of Object.entries(event)) {
    if (NOT_FIELDS.has(key)) continue;
    if (key === 'customFields' && Array.isArray(value)) {
      for (const field of value) {
        if (field && typeof field === 'object' && !Array.isArray(field) && typeof field.id === 'string') {
          if (!isEmpty(field.value)) digests[`customFields.${field.id}`] = digest(field.value ?? null);
        }
      }
      continue;
    }
    if (!isEmpty(value)) digests[key] = digest(value);
  }
  return digests;
};

export const tagsOf = (event: EventBody): string[] | undefined =>
  Array.isArray(event.tags) ? event.tags.filter((tag): tag is string => typeof tag === 'string') : undefined;

const lowerSet = (tags: readonly string[]) => new Set(tags.map((tag) => tag.toLowerCase()));

type Direction = 'added' | 'removed';

const flip = (from: boolean | undefined, to: boolean | undefined): Direction | undefined =>
  from === undefined || to === undefined || from === to ? undefined : to ? 'added' : 'removed';

/** The tag changes event `s` makes when it lands between `p` and `n` (either may be missing). */
const tagChanges = (
  s: Snapshot,
  p: Snapshot | undefined,
  n: Snapshot | undefined,
): { addedTags: string[]; removedTags: string[] } => {
  const addedTags: string[] = [];
  const removedTags: string[] = [];
  if (!s.tags) return { addedTags, removedTags };
  const sSet = lowerSet(s.tags);
  const pSet = p?.tags ? lowerSet(p.tags) : s.create ? new Set<string>() : undefined;
  const nSet = n?.tags ? lowerSet(n.tags) : undefined;
  // What `n` was compared with before `s` arrived: `p`, or nothing (known empty only before a ContactCreate).
  const nBaseline = p?.tags ? lowerSet(p.tags) : n?.create ? new Set<string>() : undefined;
  const names = new Map<string, string>();
  for (const list of [n?.tags, p?.tags, s.tags])
    for (const tag of list ?? []) names.set(tag.toLowerCase(), tag);
  for (const [key, name] of names) {
    const has = (set: Set<string> | undefined) => (set ? set.has(key) : undefined);
    const fresh = [flip(has(pSet), sSet.has(key)), flip(sSet.has(key), has(nSet))].filter(
      (d): d is Direction => d !== undefined,
    );
    // The change `n` already fired is the same episode boundary as one of the fresh ones: fire only the rest.
    const fired = nSet ? flip(has(nBaseline), has(nSet)) : undefined;
    const index = fired ? fresh.indexOf(fired) : -1;
    if (index >= 0) fresh.splice(index, 1);
    for (const direction of fresh) (direction === 'added' ? addedTags : removedTags).push(name);
  }
  return { addedTags, removedTags };
};

/**
 * The fields event `s` changed: those unlike its predecessor in time. Updated Contact fires once per write that
 * changed something, so a late write counts even when a later one, delivered first, already showed its value.
 */
const fieldChanges = (s: Snapshot, p: Snapshot | undefined): string[] => {
  if (!p) return [];
  const keys = new Set([...Object.keys(s.digests), ...Object.keys(p.digests)]);
  return [...keys].filter((key) => s.digests[key] !== p.digests[key]);
};

const sameTags = (a: Snapshot | undefined, b: Snapshot): boolean => {
  if (!a?.tags || !b.tags) return true;
  const left = lowerSet(a.tags);
  const right = lowerSet(b.tags);
  return left.size === right.size && [...left].every((tag) => right.has(tag));
};

const bound = (snapshots: Snapshot[], pruned: boolean): ContactState => {
  const newest = snapshots[snapshots.length - 1]?.at ?? 0;
  const kept = snapshots.filter((snapshot) => snapshot.at >= newest - HISTORY_MAX_AGE_MS).slice(-HISTORY_MAX);
  return { snapshots: kept, pruned: pruned || kept.length < snapshots.length };
};

/**
 * What event `event` (at `at`, HighLevel's timestamp in ms) changed on the contact given its history `prior`
 * (undefined before its first event), the history to keep, and whether nothing is known before it in time
 * (`firstSeen`: Updated Contact then fires as for a contact not seen before). `changedFields`
 * also lists `tags` when tags were added or removed, so `watchFields=tags` works.
 */
export const computeChange = (
  event: EventBody,
  at: number,
  prior: ContactState | undefined,
): { change: Change; next: ContactState | undefined; firstSeen: boolean } => {
  const empty = !prior || prior.snapshots.length === 0;
  const snapshots = prior?.snapshots ?? [];
  const none: Change = { addedTags: [], removedTags: [], changedFields: [] };
  // A delete changes nothing the diff follows, and the history stays: HighLevel may deliver the contact's
  // earlier webhooks after it.
  if (event.type === 'ContactDelete') return { change: none, next: prior, firstSeen: empty };
  if (prior?.pruned && snapshots.length > 0 && at < snapshots[0].at) {
    return { change: none, next: prior, firstSeen: false };
  }
  const s: Snapshot = {
    at,
    create: event.type === 'ContactCreate',
    tags: tagsOf(event),
    digests: fieldDigests(event),
  };
  // Equal timestamps keep their arrival order.
  let index = snapshots.findIndex((snapshot) => snapshot.at > at);
  if (index < 0) index = snapshots.length;
  const before = snapshots.slice(0, index);
  const after = snapshots.slice(index);
  const p = before[before.length - 1];
  const pTags = [...before].reverse().find((snapshot) => snapshot.tags);
  const nTags = after.find((snapshot) => snapshot.tags);
  const { addedTags, removedTags } = tagChanges(s, pTags, nTags);
  const changedFields = fieldChanges(s, p);
  if (addedTags.length > 0 || removedTags.length > 0 || !sameTags(pTags, s)) changedFields.push('tags');
  return {
    change: { addedTags, removedTags, changedFields },
    next: bound([...before, s, ...after], prior?.pruned ?? false),
    // Nothing known before it in time (its first event, or a late one older than all kept): "not seen before".
    firstSeen: p === undefined,
  };
};

/** The stored row (store.ts): the history as JSON; `tags` and `digests` mirror the newest snapshot for support. */
export const encodeState = (
  state: ContactState,
): { tags: string | null; digests: string; history: string } => {
  const newest = state.snapshots[state.snapshots.length - 1];
  return {
    tags: newest?.tags ? JSON.stringify(newest.tags) : null,
    digests: JSON.stringify(newest?.digests ?? {}),
    history: JSON.stringify(state),
  };
};

/** Reads a stored row; a row written before the history existed becomes one snapshot older than any event. */
export const decodeState = (row: {
  tags: string | null;
  digests: string;
  history?: string | null;
}): ContactState => {
  if (row.history) return JSON.parse(row.history) as ContactState;
  return {
    snapshots: [
      {
        at: 0,
        create: false,
        tags: row.tags === null ? undefined : (JSON.parse(row.tags) as string[]),
        digests: Object.fromEntries(
          Object.entries(JSON.parse(row.digests) as Record<string, string>).map(([key, value]) => [
            key,
            value.slice(0, 16),
          ]),
        ),
      },
    ],
    pruned: true,
  };
};
