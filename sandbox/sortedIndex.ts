/**
 * A sorted index of (numeric key, id) pairs, ordered by key then id (plain string comparison).
 * Binary search for inserts, removals and cursor positions, so a sorted first page never scans.
 */

export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class SortedIndex {
  private keys: number[] = [];
  private ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  keyAt(position: number): number {
    return this.keys[position];
  }

  idAt(position: number): string {
    return this.ids[position];
  }

  /** First position whose entry is >= (key, id). */
  lowerBound(key: number, id: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid];
      if (k < key || (k === key && this.ids[mid] < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First position whose entry is > (key, id). */
  upperBound(key: number, id: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid];
      if (k < key || (k === key && this.ids[mid] <= id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First position whose key is >= key (any id). */
  firstAtOrAbove(key: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First position whose key is > key. */
  firstAbove(key: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(key: number, id: string): void {
    const position = this.lowerBound(key, id);
    if (position === this.keys.length) {
      this.keys.push(key);
      this.ids.push(id);
      return;
    }
    this.keys.splice(position, 0, key);
    this.ids.splice(position, 0, id);
  }

  remove(key: number, id: string): boolean {
    const position = this.lowerBound(key, id);
    if (position < this.keys.length && this.keys[position] === key && this.ids[position] === id) {
      this.keys.splice(position, 1);
      this.ids.splice(position, 1);
      return true;
    }
    return false;
  }

  /**
   * Adds many entries at once (used by seeding): sorts a permutation of the new entries, then merges
   * it with the existing ones in one linear pass instead of n splices.
   */
  bulkInsert(keys: readonly number[], ids: readonly string[]): void {
    const order = Array.from({ length: keys.length }, (_, i) => i);
    order.sort((a, b) => keys[a] - keys[b] || compareIds(ids[a], ids[b]));
    const mergedKeys: number[] = new Array<number>(this.keys.length + order.length);
    const mergedIds: string[] = new Array<string>(this.keys.length + order.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.keys.length || j < order.length) {
      const takeOld =
        j >= order.length ||
        (i < this.keys.length &&
          (this.keys[i] < keys[order[j]] ||
            (this.keys[i] === keys[order[j]] && this.ids[i] <= ids[order[j]])));
      if (takeOld) {
        mergedKeys[k] = this.keys[i];
        mergedIds[k] = this.ids[i];
        i += 1;
      } else {
        mergedKeys[k] = keys[order[j]];
        mergedIds[k] = ids[order[j]];
        j += 1;
      }
      k += 1;
    }
    this.keys = mergedKeys;
    this.ids = mergedIds;
  }

  clear(): void {
    this.keys = [];
    this.ids = [];
  }
}
