/** The task endpoints (contacts.json, HIGHLEVEL.md §8): the bodies we send and one function per call. */
import type { ZObject } from 'zapier-platform-core';
import { deletedSchema } from '../core/deletion';
import { nullIfNotFound } from '../core/errors';
import { apiPath, locationIdOf, quoted, send, type AuthBundle } from '../core/request';
import { lazySchema } from '../core/schema';
import { locationTaskSchema, taskSchema } from './model';

export interface TaskCreateBody {
  title: string;
  body?: string;
  dueDate: string;
  completed: boolean;
  assignedTo?: string;
}
export type TaskUpdateBody = Partial<TaskCreateBody>;

export interface LocationTaskSearchBody {
  contactId?: string[];
  completed?: boolean;
  assignedTo?: string[];
  query?: string;
  limit?: number;
  skip?: number;
  businessId?: string;
}

const taskEnvelope = lazySchema((zod) => zod.object({ task: taskSchema() }));
const tasksEnvelope = lazySchema((zod) => zod.object({ tasks: zod.array(taskSchema()) }));
const locationTasksEnvelope = lazySchema((zod) => zod.object({ tasks: zod.array(locationTaskSchema()) }));

export const listContactTasks = async (z: ZObject, contactId: string) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}/tasks`,
      schema: tasksEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('contact', contactId),
    })
  ).tasks;

export const findTaskById = async (z: ZObject, contactId: string, taskId: string) =>
  (
    await nullIfNotFound(
      send(z, {
        method: 'GET',
        path: apiPath`/contacts/${contactId}/tasks/${taskId}`,
        schema: taskEnvelope(),
        scope: 'contacts.readonly',
        resource: quoted('task', taskId),
      }),
    )
  )?.task ?? null;

export const createTask = async (z: ZObject, contactId: string, body: TaskCreateBody) =>
  (
    await send(z, {
      method: 'POST',
      path: apiPath`/contacts/${contactId}/tasks`,
      body,
      schema: taskEnvelope(),
      scope: 'contacts.write',
      resource: quoted('contact', contactId),
    })
  ).task;

export const updateTask = async (z: ZObject, contactId: string, taskId: string, body: TaskUpdateBody) =>
  (
    await send(z, {
      method: 'PUT',
      path: apiPath`/contacts/${contactId}/tasks/${taskId}`,
      body,
      schema: taskEnvelope(),
      scope: 'contacts.write',
      resource: quoted('task', taskId),
    })
  ).task;

export const setTaskCompleted = async (z: ZObject, contactId: string, taskId: string, completed: boolean) =>
  (
    await send(z, {
      method: 'PUT',
      path: apiPath`/contacts/${contactId}/tasks/${taskId}/completed`,
      body: { completed },
      schema: taskEnvelope(),
      scope: 'contacts.write',
      resource: quoted('task', taskId),
    })
  ).task;

export const deleteTask = async (z: ZObject, contactId: string, taskId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/tasks/${taskId}`,
    schema: deletedSchema(),
    scope: 'contacts.write',
    resource: quoted('task', taskId),
  });

export const searchLocationTasks = async (z: ZObject, bundle: AuthBundle, body: LocationTaskSearchBody) =>
  (
    await send(z, {
      method: 'POST',
      path: apiPath`/locations/${locationIdOf(z, bundle)}/tasks/search`,
      body,
      schema: locationTasksEnvelope(),
      scope: 'locations/tasks.readonly',
      idempotent: true,
    })
  ).tasks;
