/** Tasks and notes of a contact (apps/contacts.json) and the location-wide task search (locations.json). */
import type { FastifyInstance } from 'fastify';
import { assertLocation, loadContact, notFound, type SandboxContext } from '../context';
import { unprocessable } from '../errors';
import { parseIsoDateTime } from '../normalize';
import {
  createNoteBody,
  createTaskBody,
  taskCompletedBody,
  taskSearchBody,
  updateNoteBody,
  updateTaskBody,
} from '../schemas';
import { noteDto, taskDto } from '../serialize';
import type { TaskPatch } from '../store';
import type { AppNoteBody, LocationTaskSearchBody, Task, TaskUpdateBody } from '../types';

type TaskBody = TaskUpdateBody;
/** HighLevel's note DTOs also take a title, a colour and pinning, which the app does not send. */
interface NoteBody extends Partial<AppNoteBody> {
  title?: string;
  color?: string;
  pinned?: boolean;
}

const DUE_DATE_MESSAGE = 'dueDate must be a valid ISO 8601 date string';

const taskPatch = (body: TaskBody): TaskPatch => {
  const patch: TaskPatch = {};
  if (body.title !== undefined) patch.title = body.title;
  if (body.body !== undefined) patch.body = body.body;
  if (body.assignedTo !== undefined) patch.assignedTo = body.assignedTo;
  if (body.completed !== undefined) patch.completed = body.completed;
  if (body.dueDate !== undefined) {
    const due = parseIsoDateTime(body.dueDate);
    if (due === undefined) throw unprocessable([DUE_DATE_MESSAGE]);
    patch.dueDate = due;
  }
  return patch;
};

export const registerTaskAndNoteRoutes = (app: FastifyInstance, ctx: SandboxContext): void => {
  const { store } = ctx;

  const loadTask = (contactId: string, taskId: string): Task => {
    const task = store.tasks.get(taskId);
    if (!task || task.contactId !== contactId) throw notFound(ctx, 'Task');
    return task;
  };

  // ---- tasks ----

  app.get<{ Params: { contactId: string } }>(
    '/contacts/:contactId/tasks',
    { config: { scope: 'contacts.readonly' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      return { tasks: store.tasksFor(contact.id).map(taskDto) };
    },
  );

  app.post<{
    Params: { contactId: string };
    Body: Required<Pick<TaskBody, 'title' | 'dueDate' | 'completed'>> & TaskBody;
  }>(
    '/contacts/:contactId/tasks',
    { schema: { body: createTaskBody }, config: { scope: 'contacts.write' } },
    async (request, reply) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const patch = taskPatch(request.body);
      const task = store.createTask(contact.id, {
        title: request.body.title,
        completed: request.body.completed,
        dueDate: patch.dueDate as number,
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        ...(patch.assignedTo !== undefined ? { assignedTo: patch.assignedTo } : {}),
      });
      return reply.code(201).send({ task: task ? taskDto(task) : null });
    },
  );

  app.get<{ Params: { contactId: string; taskId: string } }>(
    '/contacts/:contactId/tasks/:taskId',
    { config: { scope: 'contacts.readonly' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      return { task: taskDto(loadTask(contact.id, request.params.taskId)) };
    },
  );

  app.put<{ Params: { contactId: string; taskId: string }; Body: TaskBody }>(
    '/contacts/:contactId/tasks/:taskId',
    { schema: { body: updateTaskBody }, config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const task = loadTask(contact.id, request.params.taskId);
      const updated = store.updateTask(task.id, taskPatch(request.body)) ?? task;
      return { task: taskDto(updated) };
    },
  );

  app.delete<{ Params: { contactId: string; taskId: string } }>(
    '/contacts/:contactId/tasks/:taskId',
    { config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      store.deleteTask(loadTask(contact.id, request.params.taskId).id);
      return { succeded: true };
    },
  );

  app.put<{ Params: { contactId: string; taskId: string }; Body: { completed: boolean } }>(
    '/contacts/:contactId/tasks/:taskId/completed',
    { schema: { body: taskCompletedBody }, config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const task = loadTask(contact.id, request.params.taskId);
      const updated = store.updateTask(task.id, { completed: request.body.completed }) ?? task;
      return { task: taskDto(updated) };
    },
  );

  /**
   * Location-wide task search. The spec's response schema is broken; this answers `{tasks: Task[]}`
   * with contactId on each. HighLevel documents no order: the sandbox returns newest (dateAdded) first.
   */
  app.post<{ Params: { locationId: string }; Body: LocationTaskSearchBody }>(
    '/locations/:locationId/tasks/search',
    { schema: { body: taskSearchBody }, config: { scope: 'locations/tasks.readonly' } },
    async (request) => {
      const { locationId } = request.params;
      assertLocation(ctx, request, locationId);
      const body = request.body;
      const limit = Math.floor(body.limit ?? 25);
      const skip = Math.floor(body.skip ?? 0);
      const contactIds = body.contactId && body.contactId.length > 0 ? new Set(body.contactId) : undefined;
      const assignees = body.assignedTo && body.assignedTo.length > 0 ? new Set(body.assignedTo) : undefined;
      const query = body.query?.trim().toLowerCase();
      const index = store.index(locationId).tasksByDateAdded;
      const tasks: Task[] = [];
      let skipped = 0;
      for (let p = index.size - 1; p >= 0 && tasks.length < limit; p -= 1) {
        const task = store.tasks.get(index.idAt(p));
        if (!task) continue;
        if (contactIds && !contactIds.has(task.contactId)) continue;
        if (body.completed !== undefined && task.completed !== body.completed) continue;
        if (assignees && (!task.assignedTo || !assignees.has(task.assignedTo))) continue;
        if (
          query &&
          !task.title.toLowerCase().includes(query) &&
          !(task.body ?? '').toLowerCase().includes(query)
        )
          continue;
        if (body.businessId && store.contact(task.contactId)?.businessId !== body.businessId) continue;
        if (skipped < skip) {
          skipped += 1;
          continue;
        }
        tasks.push(task);
      }
      return { tasks: tasks.map(taskDto) };
    },
  );

  // ---- notes ----

  const loadNote = (contactId: string, noteId: string) => {
    const note = store.notes.get(noteId);
    if (!note || note.contactId !== contactId) throw notFound(ctx, 'Note');
    return note;
  };

  app.get<{ Params: { contactId: string } }>(
    '/contacts/:contactId/notes',
    { config: { scope: 'contacts.readonly' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      return { notes: store.notesFor(contact.id).map(noteDto) };
    },
  );

  app.post<{ Params: { contactId: string }; Body: NoteBody & { body: string } }>(
    '/contacts/:contactId/notes',
    { schema: { body: createNoteBody }, config: { scope: 'contacts.write' } },
    async (request, reply) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const { body, userId, title, color, pinned } = request.body;
      const note = store.createNote(contact.id, {
        body,
        pinned: pinned ?? false,
        ...(userId !== undefined ? { userId } : {}),
        ...(title !== undefined ? { title } : {}),
        ...(color !== undefined ? { color } : {}),
      });
      return reply.code(201).send({ note: note ? noteDto(note) : null });
    },
  );

  app.get<{ Params: { contactId: string; id: string } }>(
    '/contacts/:contactId/notes/:id',
    { config: { scope: 'contacts.readonly' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      return { note: noteDto(loadNote(contact.id, request.params.id)) };
    },
  );

  app.put<{ Params: { contactId: string; id: string }; Body: NoteBody }>(
    '/contacts/:contactId/notes/:id',
    { schema: { body: updateNoteBody }, config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const note = loadNote(contact.id, request.params.id);
      const updated = store.updateNote(note.id, request.body) ?? note;
      return { note: noteDto(updated) };
    },
  );

  app.delete<{ Params: { contactId: string; id: string } }>(
    '/contacts/:contactId/notes/:id',
    { config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      store.deleteNote(loadNote(contact.id, request.params.id).id);
      return { succeded: true };
    },
  );
};
