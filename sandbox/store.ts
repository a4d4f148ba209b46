/**
 * The sandbox's data: typed records plus the indexes that keep search fast at 100,000 contacts.
 * Every write goes through a method here so the indexes stay consistent; the maps are exposed
 * read-only for assertions.
 */
import { normalizeTag, normalizeTags, normalizePhone } from './normalize';
import { createRng, randomId, type Rng } from './random';
import { SortedIndex } from './sortedIndex';
import { SubResourceStore, type ContactRecord, type NewRecord } from './subResources';
import type {
  Appointment,
  Business,
  Contact,
  CustomFieldDefinition,
  CustomFieldValue,
  DuplicateField,
  Location,
  LocationTag,
  Note,
  Task,
  User,
} from './types';

export const DEMO_LOCATION_ID = 'sbxDemoLocation00001';
export const DEMO_COMPANY_ID = 'sbxDemoCompany000001';
export const DEMO_USER_ID = 'sbxDemoUser000000001';
/** A second sub-account of the same agency: its data must never be reachable with a demo token. */
export const OTHER_LOCATION_ID = 'sbxOtherLocation0002';

/**
 * key → ids, for keys that are (almost) unique such as emails and phones: a single id is stored as a
 * plain string, so 100,000 contacts do not cost 100,000 Sets.
 */
export class IdMultiMap {
  private readonly map = new Map<string, string | string[]>();

  add(key: string | undefined, id: string): void {
    if (key === undefined || key === '') return;
    const current = this.map.get(key);
    if (current === undefined) this.map.set(key, id);
    else if (typeof current === 'string') {
      if (current !== id) this.map.set(key, [current, id]);
    } else if (!current.includes(id)) current.push(id);
  }

  remove(key: string | undefined, id: string): void {
    if (key === undefined || key === '') return;
    const current = this.map.get(key);
    if (current === undefined) return;
    if (typeof current === 'string') {
      if (current === id) this.map.delete(key);
      return;
    }
    const rest = current.filter((other) => other !== id);
    if (rest.length === 0) this.map.delete(key);
    else this.map.set(key, rest.length === 1 ? rest[0] : rest);
  }

  get(key: string): readonly string[] {
    const current = this.map.get(key);
    if (current === undefined) return [];
    return typeof current === 'string' ? [current] : current;
  }
}

/** Per-location contact indexes. */
export class ContactIndex {
  /** The location's contacts (scans iterate this, no id → record lookups). */
  readonly contacts = new Map<string, Contact>();
  readonly byDateAdded = new SortedIndex();
  readonly byDateUpdated = new SortedIndex();
  readonly tags = new Map<string, Set<string>>();
  readonly assignedTo = new Map<string, Set<string>>();
  readonly emails = new IdMultiMap();
  readonly phones = new IdMultiMap();
  readonly businesses = new Map<string, Set<string>>();
  /** Tasks of the location by dateAdded (for the location-wide task search). */
  readonly tasksByDateAdded = new SortedIndex();

  get size(): number {
    return this.contacts.size;
  }
}

const addTo = (map: Map<string, Set<string>>, key: string | undefined, id: string): void => {
  if (key === undefined || key === '') return;
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(id);
};

const removeFrom = (map: Map<string, Set<string>>, key: string | undefined, id: string): void => {
  if (key === undefined || key === '') return;
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
};

/** The fields of a contact a client may set; `null` clears a field. */
export type ContactFieldKey = Exclude<
  keyof Contact,
  'id' | 'locationId' | 'dateAdded' | 'dateUpdated' | 'tags' | 'customFields'
>;
export type ContactPatch = { [K in ContactFieldKey]?: Contact[K] | null } & {
  tags?: string[];
  /** custom field id → new value (null / '' / [] clears it) */
  customFields?: Record<string, CustomFieldValue | null>;
};

export interface DuplicateMatch {
  contact: Contact;
  matchingField: DuplicateField;
}

export type TaskPatch = Partial<Pick<Task, 'title' | 'body' | 'assignedTo' | 'dueDate' | 'completed'>>;
export type NotePatch = Partial<Pick<Note, 'body' | 'userId' | 'title' | 'color' | 'pinned'>>;

const isEmptyValue = (value: CustomFieldValue | null): boolean =>
  value === null || value === '' || (Array.isArray(value) && value.length === 0);

export class SandboxStore {
  private readonly contactMap = new Map<string, Contact>();
  private readonly locationMap = new Map<string, Location>();
  private readonly indexes = new Map<string, ContactIndex>();
  private readonly tagMap = new Map<string, Map<string, LocationTag>>();
  private readonly taskStore = new SubResourceStore<Task, TaskPatch>({
    order: (a, b) => a.dateAdded - b.dateAdded || (a.id < b.id ? -1 : 1),
    onInsert: (task) => this.index(task.locationId).tasksByDateAdded.insert(task.dateAdded, task.id),
    onDelete: (task) => this.index(task.locationId).tasksByDateAdded.remove(task.dateAdded, task.id),
  });
  private readonly noteStore = new SubResourceStore<Note, NotePatch>({
    // Newest first.
    order: (a, b) => b.dateAdded - a.dateAdded || (a.id < b.id ? 1 : -1),
  });
  private readonly appointmentStore = new SubResourceStore<Appointment, never>({
    order: (a, b) => a.startTime - b.startTime || (a.id < b.id ? -1 : 1),
  });
  private idRng: Rng = createRng(0x5eed1d5);
  private lastNow = 0;

  readonly users: User[] = [];
  readonly businesses: Business[] = [];
  readonly customFields: CustomFieldDefinition[] = [];
  /** How many contacts seed() has generated so far (seeding continues the same sequence). */
  seededCount = 0;

  get contacts(): ReadonlyMap<string, Contact> {
    return this.contactMap;
  }
  get tasks(): ReadonlyMap<string, Task> {
    return this.taskStore.all;
  }
  get notes(): ReadonlyMap<string, Note> {
    return this.noteStore.all;
  }
  get appointments(): ReadonlyMap<string, Appointment> {
    return this.appointmentStore.all;
  }
  get locations(): ReadonlyMap<string, Location> {
    return this.locationMap;
  }
  /** Location tags: locationId → tags (name lower-cased). */
  tags(locationId: string): LocationTag[] {
    return [...(this.tagMap.get(locationId)?.values() ?? [])];
  }

  /** Strictly increasing epoch ms, so two writes never share a timestamp. */
  now(): number {
    const now = Date.now();
    this.lastNow = now > this.lastNow ? now : this.lastNow + 1;
    return this.lastNow;
  }

  newId(): string {
    return randomId(this.idRng);
  }

  /** Restarts the id sequence (used by seeding to get the same ids in every sandbox). */
  reseedIds(seed: number): void {
    this.idRng = createRng(seed);
  }

  // ---- locations, lookups ----

  addLocation(location: Location): void {
    this.locationMap.set(location.id, location);
    if (!this.indexes.has(location.id)) this.indexes.set(location.id, new ContactIndex());
    if (!this.tagMap.has(location.id)) this.tagMap.set(location.id, new Map());
  }

  location(locationId: string): Location | undefined {
    return this.locationMap.get(locationId);
  }

  setLocationActive(locationId: string, active: boolean): void {
    const location = this.locationMap.get(locationId);
    if (location) location.active = active;
  }

  /** HighLevel's "Allow Duplicate Contact" setting and the email/phone priority it uses. */
  setDuplicateRule(locationId: string, allowDuplicates: boolean, priority?: DuplicateField[]): void {
    const location = this.locationMap.get(locationId);
    if (!location) return;
    location.allowDuplicateContact = allowDuplicates;
    if (priority) location.duplicatePriority = [...priority];
  }

  index(locationId: string): ContactIndex {
    let index = this.indexes.get(locationId);
    if (!index) {
      index = new ContactIndex();
      this.indexes.set(locationId, index);
    }
    return index;
  }

  customFieldsOf(locationId: string, model?: 'contact' | 'opportunity'): CustomFieldDefinition[] {
    return this.customFields.filter((f) => f.locationId === locationId && (!model || f.model === model));
  }

  customField(locationId: string, idOrKey: string): CustomFieldDefinition | undefined {
    return this.customFields.find(
      (f) =>
        f.locationId === locationId &&
        f.model === 'contact' &&
        (f.id === idOrKey || f.fieldKey === idOrKey || f.fieldKey === `contact.${idOrKey}`),
    );
  }

  ensureTag(locationId: string, name: string): LocationTag {
    let tags = this.tagMap.get(locationId);
    if (!tags) {
      tags = new Map();
      this.tagMap.set(locationId, tags);
    }
    const normalized = normalizeTag(name);
    let tag = tags.get(normalized);
    if (!tag) {
      tag = { id: this.newId(), name: normalized, locationId };
      tags.set(normalized, tag);
    }
    return tag;
  }

  usersOf(locationId: string): User[] {
    return this.users.filter((u) => u.locationIds.includes(locationId));
  }

  businessesOf(locationId: string): Business[] {
    return this.businesses.filter((b) => b.locationId === locationId);
  }

  // ---- contacts ----

  contact(id: string): Contact | undefined {
    return this.contactMap.get(id);
  }

  private indexContact(contact: Contact): void {
    const index = this.index(contact.locationId);
    index.contacts.set(contact.id, contact);
    for (const tag of contact.tags) addTo(index.tags, tag, contact.id);
    addTo(index.assignedTo, contact.assignedTo, contact.id);
    index.emails.add(contact.email?.toLowerCase(), contact.id);
    index.phones.add(contact.phone, contact.id);
    addTo(index.businesses, contact.businessId, contact.id);
  }

  private unindexContact(contact: Contact): void {
    const index = this.index(contact.locationId);
    index.contacts.delete(contact.id);
    for (const tag of contact.tags) removeFrom(index.tags, tag, contact.id);
    removeFrom(index.assignedTo, contact.assignedTo, contact.id);
    index.emails.remove(contact.email?.toLowerCase(), contact.id);
    index.phones.remove(contact.phone, contact.id);
    removeFrom(index.businesses, contact.businessId, contact.id);
  }

  private applyPatch(contact: Contact, patch: ContactPatch): void {
    for (const [key, value] of Object.entries(patch) as Array<[string, unknown]>) {
      if (value === undefined || key === 'tags' || key === 'customFields') continue;
      const field = key as ContactFieldKey;
      if (value === null) {
        if (field === 'dnd') contact.dnd = false;
        else if (field !== 'type') delete (contact as unknown as Record<string, unknown>)[field];
        continue;
      }
      (contact as unknown as Record<string, unknown>)[field] = value;
    }
    if (contact.email !== undefined && contact.email === '') delete contact.email;
    if (contact.phone !== undefined) {
      const phone = normalizePhone(contact.phone);
      if (phone) contact.phone = phone;
      else delete contact.phone;
    }
    if (patch.tags !== undefined) {
      contact.tags = normalizeTags(patch.tags);
      for (const tag of contact.tags) this.ensureTag(contact.locationId, tag);
    }
    if (patch.customFields) {
      for (const [id, value] of Object.entries(patch.customFields)) {
        if (isEmptyValue(value)) delete contact.customFields[id];
        else contact.customFields[id] = value as CustomFieldValue;
      }
    }
  }

  /** Creates a contact (no duplicate check: callers decide, see findDuplicate). */
  createContact(locationId: string, patch: ContactPatch, at: number = this.now()): Contact {
    const contact: Contact = {
      id: this.newId(),
      locationId,
      type: 'lead',
      dnd: false,
      tags: [],
      customFields: {},
      dateAdded: at,
      dateUpdated: at,
    };
    this.applyPatch(contact, patch);
    this.contactMap.set(contact.id, contact);
    this.indexContact(contact);
    const index = this.index(locationId);
    index.byDateAdded.insert(contact.dateAdded, contact.id);
    index.byDateUpdated.insert(contact.dateUpdated, contact.id);
    return contact;
  }

  updateContact(id: string, patch: ContactPatch, at: number = this.now()): Contact | undefined {
    const contact = this.contactMap.get(id);
    if (!contact) return undefined;
    const index = this.index(contact.locationId);
    this.unindexContact(contact);
    index.byDateUpdated.remove(contact.dateUpdated, contact.id);
    this.applyPatch(contact, patch);
    contact.dateUpdated = Math.max(at, contact.dateAdded);
    this.indexContact(contact);
    index.byDateUpdated.insert(contact.dateUpdated, contact.id);
    return contact;
  }

  deleteContact(id: string): boolean {
    const contact = this.contactMap.get(id);
    if (!contact) return false;
    const index = this.index(contact.locationId);
    this.unindexContact(contact);
    index.byDateAdded.remove(contact.dateAdded, contact.id);
    index.byDateUpdated.remove(contact.dateUpdated, contact.id);
    this.contactMap.delete(id);
    this.taskStore.deleteAllOf(id);
    this.noteStore.deleteAllOf(id);
    this.appointmentStore.deleteAllOf(id);
    return true;
  }

  addTags(id: string, tags: readonly string[]): Contact | undefined {
    const contact = this.contactMap.get(id);
    if (!contact) return undefined;
    return this.updateContact(id, { tags: [...contact.tags, ...tags] });
  }

  removeTags(id: string, tags: readonly string[]): Contact | undefined {
    const contact = this.contactMap.get(id);
    if (!contact) return undefined;
    const remove = new Set(normalizeTags(tags));
    return this.updateContact(id, { tags: contact.tags.filter((tag) => !remove.has(tag)) });
  }

  contactsWithEmail(locationId: string, email: string): readonly string[] {
    return this.index(locationId).emails.get(email.trim().toLowerCase());
  }

  contactsWithPhone(locationId: string, phone: string): readonly string[] {
    const normalized = normalizePhone(phone);
    return normalized ? this.index(locationId).phones.get(normalized) : [];
  }

  /**
   * The existing contact an email/phone pair collides with, following the location's duplicate
   * priority (email first by default). `excludeId` skips the contact being updated.
   */
  findDuplicate(
    locationId: string,
    values: { email?: string | null; phone?: string | null },
    excludeId?: string,
  ): DuplicateMatch | undefined {
    const location = this.locationMap.get(locationId);
    const priority: DuplicateField[] = location?.duplicatePriority ?? ['email', 'phone'];
    for (const field of priority) {
      const value = values[field];
      if (!value) continue;
      const ids =
        field === 'email'
          ? this.contactsWithEmail(locationId, value)
          : this.contactsWithPhone(locationId, value);
      let best: Contact | undefined;
      for (const id of ids) {
        if (id === excludeId) continue;
        const candidate = this.contactMap.get(id);
        // The oldest contact wins when duplicates already exist.
        if (candidate && (!best || candidate.dateAdded < best.dateAdded)) best = candidate;
      }
      if (best) return { contact: best, matchingField: field };
    }
    return undefined;
  }

  /** Bulk insert used by seeding: no per-contact splices, one sort per index at the end. */
  insertContactsBulk(contacts: readonly Contact[]): void {
    const byLocation = new Map<string, Contact[]>();
    const knownTags = new Set<string>();
    for (const contact of contacts) {
      this.contactMap.set(contact.id, contact);
      this.indexContact(contact);
      for (const tag of contact.tags) {
        const key = `${contact.locationId}\u0000${tag}`;
        if (!knownTags.has(key)) {
          knownTags.add(key);
          this.ensureTag(contact.locationId, tag);
        }
      }
      let list = byLocation.get(contact.locationId);
      if (!list) {
        list = [];
        byLocation.set(contact.locationId, list);
      }
      list.push(contact);
    }
    for (const [locationId, list] of byLocation) {
      const index = this.index(locationId);
      const ids = list.map((c) => c.id);
      index.byDateAdded.bulkInsert(
        list.map((c) => c.dateAdded),
        ids,
      );
      index.byDateUpdated.bulkInsert(
        list.map((c) => c.dateUpdated),
        ids,
      );
    }
  }

  // ---- tasks, notes, appointments: records under a contact (one generic store, sandbox/subResources.ts) ----

  /** A new record under the contact, or undefined when the contact does not exist. */
  private createUnder<T extends ContactRecord>(
    records: { insert(record: T): void },
    contactId: string,
    data: NewRecord<T>,
    at: number,
  ): T | undefined {
    const contact = this.contactMap.get(contactId);
    if (!contact) return undefined;
    const record = {
      id: this.newId(),
      contactId,
      locationId: contact.locationId,
      ...data,
      dateAdded: at,
      dateUpdated: at,
    } as T;
    records.insert(record);
    return record;
  }

  tasksFor(contactId: string): Task[] {
    return this.taskStore.listFor(contactId);
  }

  createTask(contactId: string, data: NewRecord<Task>, at: number = this.now()): Task | undefined {
    return this.createUnder(this.taskStore, contactId, data, at);
  }

  insertTask(task: Task): void {
    this.taskStore.insert(task);
  }

  insertTasksBulk(tasks: readonly Task[]): void {
    this.taskStore.addBulk(tasks);
    const byLocation = new Map<string, Task[]>();
    for (const task of tasks) {
      let list = byLocation.get(task.locationId);
      if (!list) {
        list = [];
        byLocation.set(task.locationId, list);
      }
      list.push(task);
    }
    for (const [locationId, list] of byLocation) {
      this.index(locationId).tasksByDateAdded.bulkInsert(
        list.map((t) => t.dateAdded),
        list.map((t) => t.id),
      );
    }
  }

  updateTask(taskId: string, patch: TaskPatch): Task | undefined {
    return this.taskStore.update(taskId, patch, this.now());
  }

  deleteTask(taskId: string): boolean {
    return this.taskStore.delete(taskId);
  }

  notesFor(contactId: string): Note[] {
    return this.noteStore.listFor(contactId);
  }

  createNote(contactId: string, data: NewRecord<Note>, at: number = this.now()): Note | undefined {
    return this.createUnder(this.noteStore, contactId, data, at);
  }

  insertNote(note: Note): void {
    this.noteStore.insert(note);
  }

  updateNote(noteId: string, patch: NotePatch): Note | undefined {
    return this.noteStore.update(noteId, patch, this.now());
  }

  deleteNote(noteId: string): boolean {
    return this.noteStore.delete(noteId);
  }

  appointmentsFor(contactId: string): Appointment[] {
    return this.appointmentStore.listFor(contactId);
  }

  /** Appointments have no write endpoint in the catalogue: tests and seeding add them here. */
  addAppointment(
    contactId: string,
    data: NewRecord<Appointment> & Partial<Pick<Appointment, 'dateAdded' | 'dateUpdated'>>,
  ): Appointment | undefined {
    const { dateAdded, dateUpdated, ...rest } = data;
    const event = this.createUnder(this.appointmentStore, contactId, rest, this.now());
    // Seeding backdates appointments; a given date wins over the creation time.
    if (event && dateAdded !== undefined) event.dateAdded = dateAdded;
    if (event && dateUpdated !== undefined) event.dateUpdated = dateUpdated;
    return event;
  }

  insertAppointment(event: Appointment): void {
    this.appointmentStore.insert(event);
  }
}
