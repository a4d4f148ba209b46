/**
 * The records a contact owns (tasks, notes, appointments): one generic store for all of them, so their
 * create / update / delete / list behave the same way and are written once.
 */

/** What every record under a contact carries. */
export interface ContactRecord {
  id: string;
  contactId: string;
  locationId: string;
  dateAdded: number;
  dateUpdated: number;
}

/** The fields a client sets when it creates one (the store fills in the rest). */
export type NewRecord<T extends ContactRecord> = Omit<T, keyof ContactRecord>;

export interface SubResourceOptions<T extends ContactRecord> {
  /** The order of `listFor` (HighLevel's order for that resource). */
  order: (a: T, b: T) => number;
  /** Called after a record is inserted one by one (not by `addBulk`), e.g. to index it. */
  onInsert?: (record: T) => void;
  /** Called after a record is deleted, e.g. to unindex it. */
  onDelete?: (record: T) => void;
}

export class SubResourceStore<T extends ContactRecord, Patch extends Partial<T>> {
  private readonly byId = new Map<string, T>();
  private readonly ofContact = new Map<string, string[]>();

  constructor(private readonly options: SubResourceOptions<T>) {}

  get all(): ReadonlyMap<string, T> {
    return this.byId;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /** The contact's records, in the resource's order. */
  listFor(contactId: string): T[] {
    const records: T[] = [];
    for (const id of this.ofContact.get(contactId) ?? []) {
      const record = this.byId.get(id);
      if (record) records.push(record);
    }
    return records.sort(this.options.order);
  }

  insert(record: T): void {
    this.add(record);
    this.options.onInsert?.(record);
  }

  /** Stores the records without `onInsert` (bulk seeding indexes them in one pass afterwards). */
  addBulk(records: readonly T[]): void {
    for (const record of records) this.add(record);
  }

  /** Sets every defined value of the patch and stamps `dateUpdated`. */
  update(id: string, patch: Patch, now: number): T | undefined {
    const record = this.byId.get(id);
    if (!record) return undefined;
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) (record as Record<string, unknown>)[key] = value;
    }
    record.dateUpdated = now;
    return record;
  }

  delete(id: string): boolean {
    const record = this.byId.get(id);
    if (!record) return false;
    this.byId.delete(id);
    const siblings = this.ofContact.get(record.contactId);
    if (siblings) {
      const position = siblings.indexOf(id);
      if (position >= 0) siblings.splice(position, 1);
      if (siblings.length === 0) this.ofContact.delete(record.contactId);
    }
    this.options.onDelete?.(record);
    return true;
  }

  /** Deletes every record of a deleted contact. */
  deleteAllOf(contactId: string): void {
    for (const id of [...(this.ofContact.get(contactId) ?? [])]) this.delete(id);
  }

  private add(record: T): void {
    this.byId.set(record.id, record);
    const siblings = this.ofContact.get(record.contactId);
    if (siblings) siblings.push(record.id);
    else this.ofContact.set(record.contactId, [record.id]);
  }
}
