/**
 * The timeline driver: applies changes to the sandbox through its HTTP API, as a HighLevel user or another
 * integration would (appointments have no write endpoint: those go through the store, as documented in
 * sandbox/README.md). Every call uses a token of its own, so it never touches the Zaps' connection, and the
 * simulator resets the rate-limit window around it (the driver is not what the rate limit measures).
 */
import type { Sandbox } from '../../../sandbox/server';
import { nativeFetch } from '../nativeFetch';

const API_VERSION = '2021-07-28';

export interface ContactInput {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  city?: string;
  companyName?: string;
  tags?: string[];
  assignedTo?: string;
  customFields?: Array<{ id: string; value: unknown }>;
  [field: string]: unknown;
}

export class Driver {
  private token: string;
  private counter = 0;

  constructor(private readonly sandbox: Sandbox) {
    this.token = sandbox.issueTokens().access_token;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    this.sandbox.resetRateLimit();
    const response = await nativeFetch(`${this.sandbox.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        version: API_VERSION,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status === 401) {
      this.token = this.sandbox.issueTokens().access_token;
      return this.call(method, path, body);
    }
    if (response.status >= 300)
      throw new Error(`driver: ${method} ${path} → ${response.status} ${text.slice(0, 200)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** A unique, valid email for generated contacts. */
  uniqueEmail(prefix = 'truth'): string {
    this.counter += 1;
    return `${prefix}.${this.counter}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  }

  async createContact(input: ContactInput = {}): Promise<string> {
    const body = {
      locationId: this.sandbox.locationId,
      email: this.uniqueEmail(),
      firstName: 'Truth',
      ...input,
    };
    const { contact } = await this.call<{ contact: { id: string } }>('POST', '/contacts/', body);
    return contact.id;
  }

  async updateContact(contactId: string, input: ContactInput): Promise<void> {
    await this.call('PUT', `/contacts/${contactId}`, input);
  }

  async deleteContact(contactId: string): Promise<void> {
    await this.call('DELETE', `/contacts/${contactId}`);
  }

  async addTags(contactId: string, tags: string[]): Promise<void> {
    await this.call('POST', `/contacts/${contactId}/tags`, { tags });
  }

  async removeTags(contactId: string, tags: string[]): Promise<void> {
    await this.call('DELETE', `/contacts/${contactId}/tags`, { tags });
  }

  async reassign(contactId: string, userId: string): Promise<void> {
    await this.updateContact(contactId, { assignedTo: userId });
  }

  async createTask(
    contactId: string,
    input: { title?: string; dueDate?: string; completed?: boolean; assignedTo?: string } = {},
  ): Promise<string> {
    const body = {
      title: 'Truth task',
      dueDate: new Date(Date.now() + 86_400_000).toISOString(),
      completed: false,
      ...input,
    };
    const { task } = await this.call<{ task: { id: string } }>('POST', `/contacts/${contactId}/tasks`, body);
    return task.id;
  }

  async setTaskCompleted(contactId: string, taskId: string, completed: boolean): Promise<void> {
    await this.call('PUT', `/contacts/${contactId}/tasks/${taskId}/completed`, { completed });
  }

  async updateTask(contactId: string, taskId: string, input: Record<string, unknown>): Promise<void> {
    await this.call('PUT', `/contacts/${contactId}/tasks/${taskId}`, input);
  }

  async createNote(contactId: string, body = 'Truth note'): Promise<string> {
    const { note } = await this.call<{ note: { id: string } }>('POST', `/contacts/${contactId}/notes`, {
      body,
    });
    return note.id;
  }

  async editNote(contactId: string, noteId: string, body: string): Promise<void> {
    await this.call('PUT', `/contacts/${contactId}/notes/${noteId}`, { body });
  }

  /** Appointments have no write endpoint (sandbox/README.md): straight into the store, journaled all the same. */
  createAppointment(contactId: string, title = 'Truth appointment'): string {
    const start = Date.now() + 86_400_000;
    const event = this.sandbox.store.addAppointment(contactId, {
      calendarId: 'sbxCalendar000000001',
      title,
      status: 'booked',
      appointmentStatus: 'confirmed',
      startTime: start,
      endTime: start + 1_800_000,
    });
    if (!event) throw new Error(`driver: no contact ${contactId} for an appointment`);
    return event.id;
  }
}
