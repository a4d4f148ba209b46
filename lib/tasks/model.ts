/**
 * The task of a contact (contacts.json, HIGHLEVEL.md §8): its schema (and the location task search's
 * variant), normaliser, sample and labelled output fields.
 */
import type { z as zod } from 'zod';
import { isoDateTime } from '../core/dates';
import { fieldSchemas, lazySchema, orNull } from '../core/schema';

export const taskSchema = lazySchema((zod) => {
  const { text, flag, dateValue } = fieldSchemas();
  return zod.looseObject({
    id: zod.string().min(1),
    title: text,
    body: text,
    assignedTo: text,
    dueDate: dateValue,
    completed: flag,
    contactId: text,
    dateAdded: dateValue,
    dateUpdated: dateValue,
  });
});
export type HighLevelTask = zod.infer<ReturnType<typeof taskSchema>>;

/** HIGHLEVEL.md §8: the location task search's response schema is broken in the spec; ids may come as `_id`. */
export const locationTaskSchema = lazySchema((zod) =>
  zod.preprocess((value) => {
    if (value && typeof value === 'object' && !('id' in value) && '_id' in value) {
      return { ...value, id: (value as { _id: unknown })._id };
    }
    return value;
  }, taskSchema()),
);

export interface Task {
  id: string;
  title: string | null;
  body: string | null;
  dueDate: string | null;
  completed: boolean;
  assignedTo: string | null;
  contactId: string | null;
  dateAdded: string | null;
  dateUpdated: string | null;
}

export const normaliseTask = (task: HighLevelTask, contactId?: string): Task => ({
  id: task.id,
  title: orNull(task.title),
  body: orNull(task.body),
  dueDate: isoDateTime(task.dueDate),
  completed: task.completed === true,
  assignedTo: orNull(task.assignedTo),
  contactId: orNull(task.contactId) ?? contactId ?? null,
  dateAdded: isoDateTime(task.dateAdded),
  dateUpdated: isoDateTime(task.dateUpdated),
});

export const taskSample = {
  id: 'K5d0R7MLGjT7pUZ9cpXn',
  title: 'Call back about the quote',
  body: 'She asked for the premium plan pricing.',
  dueDate: '2026-11-25T17:00:00.000+00:00',
  completed: false,
  assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  // HighLevel's TaskSchema has no dates (docs/TASK_TRIGGERS.md §1): live outputs carry null unless it sends them.
  dateAdded: null,
  dateUpdated: null,
} satisfies Task;

export const taskOutputFields = [
  { key: 'id', label: 'Task ID', type: 'string' },
  { key: 'title', label: 'Title', type: 'string' },
  { key: 'body', label: 'Description', type: 'string' },
  { key: 'dueDate', label: 'Due Date', type: 'datetime' },
  { key: 'completed', label: 'Completed', type: 'boolean' },
  { key: 'assignedTo', label: 'Assigned User ID', type: 'string' },
  { key: 'contactId', label: 'Contact ID', type: 'string' },
  { key: 'dateAdded', label: 'Date Added', type: 'datetime' },
  { key: 'dateUpdated', label: 'Date Updated', type: 'datetime' },
] as const;
