import { DEMO_USER_IDS, startSandbox, type Sandbox } from '../../sandbox/server';
import { client, type Client, type ContactOut, type ErrorOut, type NoteOut, type TaskOut } from './helpers';

let sandbox: Sandbox;
let api: Client;
let contactId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 50, rateLimit: { max: 100_000, intervalMs: 10_000 } });
  api = client(sandbox, sandbox.issueTokens().access_token);
  const created = await api.post<{ contact: ContactOut }>('/contacts/', {
    locationId: sandbox.locationId,
    firstName: 'Tasked',
  });
  contactId = created.body.contact.id;
});
afterAll(() => sandbox.close());

type TaskRes = { task: TaskOut };
type NoteRes = { note: NoteOut };

describe('tasks', () => {
  it('creates (201 {task}), lists, reads, updates, completes and deletes', async () => {
    const created = await api.post<TaskRes>(`/contacts/${contactId}/tasks`, {
      title: 'Call back',
      body: 'About the quote',
      dueDate: '2030-10-25T11:00:00Z',
      completed: false,
      assignedTo: DEMO_USER_IDS[1],
    });
    expect(created.status).toBe(201);
    const task = created.body.task;
    expect(task).toMatchObject({
      title: 'Call back',
      body: 'About the quote',
      dueDate: '2030-10-25T11:00:00.000Z',
      completed: false,
      assignedTo: DEMO_USER_IDS[1],
      contactId,
    });

    const list = await api.get<{ tasks: TaskOut[] }>(`/contacts/${contactId}/tasks`);
    expect(list.body.tasks.map((t) => t.id)).toContain(task.id);
    expect((await api.get<TaskRes>(`/contacts/${contactId}/tasks/${task.id}`)).body.task).toEqual(task);

    const updated = await api.put<TaskRes>(`/contacts/${contactId}/tasks/${task.id}`, {
      title: 'Call back soon',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.task).toMatchObject({ title: 'Call back soon', body: 'About the quote' });

    const completed = await api.put<TaskRes>(`/contacts/${contactId}/tasks/${task.id}/completed`, {
      completed: true,
    });
    expect(completed.status).toBe(200);
    expect(completed.body.task.completed).toBe(true);

    const deleted = await api.delete<{ succeded: boolean }>(`/contacts/${contactId}/tasks/${task.id}`);
    expect(deleted.body).toEqual({ succeded: true });
    const gone = await api.get<ErrorOut>(`/contacts/${contactId}/tasks/${task.id}`);
    expect(gone.status).toBe(400);
    expect(gone.body.message).toBe('Task not found');
  });

  it('validates CreateTaskParams (title, dueDate, completed required; ISO dueDate)', async () => {
    const missing = await api.post(`/contacts/${contactId}/tasks`, { title: 'x' });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toEqual(
      expect.arrayContaining(['dueDate should not be empty', 'completed should not be empty']),
    );
    const badDate = await api.post(`/contacts/${contactId}/tasks`, {
      title: 'x',
      dueDate: 'tomorrow',
      completed: false,
    });
    expect(badDate.status).toBe(422);
    expect(badDate.body.message).toEqual(['dueDate must be a valid ISO 8601 date string']);
    const completion = await api.put(`/contacts/${contactId}/tasks/whatever/completed`, {});
    expect(completion.status).toBe(422);
  });

  it("answers not found for another contact's task", async () => {
    const other = await api.post<{ contact: ContactOut }>('/contacts/', {
      locationId: sandbox.locationId,
      firstName: 'Other',
    });
    const task = await api.post<TaskRes>(`/contacts/${contactId}/tasks`, {
      title: 'Mine',
      dueDate: '2030-01-01',
      completed: false,
    });
    const res = await api.get(`/contacts/${other.body.contact.id}/tasks/${task.body.task.id}`);
    expect(res.status).toBe(400);
  });
});

describe('location task search', () => {
  const searchTasks = (body: Record<string, unknown>) =>
    api.post<{ tasks: TaskOut[] }>(`/locations/${sandbox.locationId}/tasks/search`, body);

  it('filters by completed, contactId, assignedTo and query; limit/skip', async () => {
    const all = [...sandbox.store.tasks.values()];
    const completed = await searchTasks({ completed: true, limit: 1000 });
    expect(completed.status).toBe(200);
    expect(completed.body.tasks.length).toBe(all.filter((t) => t.completed).length);
    for (const task of completed.body.tasks) expect(task.completed).toBe(true);

    const mine = await searchTasks({ contactId: [contactId] });
    expect(mine.body.tasks.length).toBeGreaterThan(0);
    for (const task of mine.body.tasks) expect(task.contactId).toBe(contactId);

    const assigned = await searchTasks({ assignedTo: [DEMO_USER_IDS[0]], limit: 1000 });
    expect(assigned.body.tasks.length).toBe(all.filter((t) => t.assignedTo === DEMO_USER_IDS[0]).length);

    const byQuery = await searchTasks({ query: 'MINE' });
    expect(byQuery.body.tasks.map((t) => t.title)).toEqual(['Mine']);

    const page1 = await searchTasks({ limit: 2 });
    const page2 = await searchTasks({ limit: 2, skip: 2 });
    expect(page1.body.tasks).toHaveLength(2);
    expect(page2.body.tasks[0].id).not.toBe(page1.body.tasks[0].id);
    expect((await searchTasks({})).body.tasks.length).toBeLessThanOrEqual(25);
  });

  it('answers TaskSchema fields only, no dates (the spec documents none)', async () => {
    const { tasks } = (await searchTasks({ limit: 5 })).body;
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) {
      expect(Object.keys(task).sort()).toEqual(
        expect.arrayContaining(['completed', 'contactId', 'dueDate', 'id', 'title']),
      );
      for (const key of Object.keys(task)) {
        expect(['id', 'title', 'body', 'assignedTo', 'dueDate', 'completed', 'contactId']).toContain(key);
      }
    }
    const listed = (await api.get<{ tasks: TaskOut[] }>(`/contacts/${contactId}/tasks`)).body.tasks;
    for (const task of listed) expect(task).not.toHaveProperty('dateAdded');
  });

  it('shuffles: each listing draws a new order; its skip pages continue it and cover every task once', async () => {
    const total = [...sandbox.store.tasks.values()].filter((t) => !t.completed).length;
    expect(total).toBeGreaterThan(10);
    const listing = async () => {
      const ids: string[] = [];
      for (let skip = 0; ; skip += 4) {
        const page = (await searchTasks({ completed: false, limit: 4, ...(skip ? { skip } : {}) })).body
          .tasks;
        ids.push(...page.map((t) => t.id));
        if (page.length < 4) return ids;
      }
    };
    const first = await listing();
    const second = await listing();
    expect(first).toHaveLength(total);
    expect(new Set(first).size).toBe(total);
    expect(new Set(second)).toEqual(new Set(first));
    expect(second).not.toEqual(first);
  });
  it('whitelists the body (TaskSearchParamsDto)', async () => {
    const res = await api.post(`/locations/${sandbox.locationId}/tasks/search`, { status: 'completed' });
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(['property status should not exist']);
  });
});

describe('task options', () => {
  it('taskDates: true adds dateAdded / dateUpdated; taskSearchOrder: newest answers newest first', async () => {
    const dated = await startSandbox({ seed: 20, taskDates: true, taskSearchOrder: 'newest' });
    try {
      const datedApi = client(dated, dated.issueTokens().access_token);
      const res = await datedApi.post<{ tasks: TaskOut[] }>(`/locations/${dated.locationId}/tasks/search`, {
        limit: 1000,
      });
      const added = res.body.tasks.map((t) => Date.parse(t.dateAdded ?? ''));
      expect(added.length).toBe(dated.store.tasks.size);
      expect(added.every(Number.isFinite)).toBe(true);
      expect([...added].sort((a, b) => b - a)).toEqual(added);
      for (const task of res.body.tasks)
        expect(Number.isFinite(Date.parse(task.dateUpdated ?? ''))).toBe(true);
    } finally {
      await dated.close();
    }
  });
});

describe('notes', () => {
  it('creates (201 {note}), lists newest first, reads, updates and deletes', async () => {
    const first = await api.post<NoteRes>(`/contacts/${contactId}/notes`, {
      body: 'First',
      userId: DEMO_USER_IDS[0],
    });
    expect(first.status).toBe(201);
    expect(first.body.note).toMatchObject({
      body: 'First',
      userId: DEMO_USER_IDS[0],
      contactId,
      pinned: false,
    });
    const second = await api.post<NoteRes>(`/contacts/${contactId}/notes`, {
      body: 'Second',
      title: 'Follow-up summary',
      color: '#FFAA00',
      pinned: true,
    });
    const list = await api.get<{ notes: NoteOut[] }>(`/contacts/${contactId}/notes`);
    expect(list.body.notes.map((n) => n.id)).toEqual([second.body.note.id, first.body.note.id]);

    const read = await api.get<NoteRes>(`/contacts/${contactId}/notes/${first.body.note.id}`);
    expect(read.body.note).toEqual(first.body.note);
    const updated = await api.put<NoteRes>(`/contacts/${contactId}/notes/${first.body.note.id}`, {
      body: 'First, edited',
    });
    expect(updated.body.note.body).toBe('First, edited');
    const deleted = await api.delete<{ succeded: boolean }>(
      `/contacts/${contactId}/notes/${first.body.note.id}`,
    );
    expect(deleted.body).toEqual({ succeded: true });
    const gone = await api.get<ErrorOut>(`/contacts/${contactId}/notes/${first.body.note.id}`);
    expect(gone.status).toBe(400);
    expect(gone.body.message).toBe('Note not found');
  });

  it('requires a body and whitelists keys', async () => {
    const res = await api.post(`/contacts/${contactId}/notes`, { text: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(
      expect.arrayContaining(['body should not be empty', 'property text should not exist']),
    );
  });
});

describe('not-found status option', () => {
  it('can answer 404 instead of 400 for unknown ids', async () => {
    const strict = await startSandbox({ notFoundStatus: 404 });
    try {
      const res = await client(strict, strict.issueTokens().access_token).get<ErrorOut>(
        '/contacts/missing000000000000',
      );
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        statusCode: 404,
        message: 'Contact not found',
        error: 'Not Found',
      });
    } finally {
      await strict.close();
    }
  });
});
