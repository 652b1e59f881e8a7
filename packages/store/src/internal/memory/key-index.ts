/**
 * The ordered index of the memory store's keys: token ids in ascending UTF-16 code unit order,
 * so that a page of a scan is a binary search and a slice (O(log n + page)) instead of a sort of
 * every key per page, which made a full listing quadratic in the number of tokens.
 *
 * New keys go to a pending list and are merged in (one sort of the pending keys, one linear
 * merge) at the next page, so a run of creates costs O(1) each and a listing after them
 * O(n + k log k). The index follows the store's own writes; keys added to or removed from a shared
 * map from outside are picked up by a rebuild (one sort) whenever the map's size differs from the
 * index's, or a listed key is gone from the map.
 */

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first element of sorted `keys` greater than `key`. */
function upperBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((keys[mid] as string) <= key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Merges two sorted lists of distinct keys into one. */
function merge(a: readonly string[], b: readonly string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    out[k++] = (a[i] as string) <= (b[j] as string) ? (a[i++] as string) : (b[j++] as string);
  }
  while (i < a.length) out[k++] = a[i++] as string;
  while (j < b.length) out[k++] = b[j++] as string;
  return out;
}

/** The sorted keys of a map, kept in step with it (see the module comment). */
export class KeyIndex {
  readonly #map: ReadonlyMap<string, unknown>;
  #sorted: string[] = [];
  #pending: string[] = [];

  constructor(map: ReadonlyMap<string, unknown>) {
    this.#map = map;
  }

  /** Records a key the store has just added to the map (not one it replaced). */
  added(key: string): void {
    this.#pending.push(key);
  }

  /** Up to `size` keys after `cursor` (from the first when undefined), in ascending order. */
  page(cursor: string | undefined, size: number): string[] {
    this.#settle();
    let keys = this.#slice(cursor, size);
    if (keys.some((key) => !this.#map.has(key))) {
      this.#rebuild();
      keys = this.#slice(cursor, size);
    }
    return keys;
  }

  #slice(cursor: string | undefined, size: number): string[] {
    const start = cursor === undefined ? 0 : upperBound(this.#sorted, cursor);
    return this.#sorted.slice(start, start + size);
  }

  /** Merges pending keys in, or rebuilds when the map changed behind the store's back. */
  #settle(): void {
    if (this.#pending.length > 0) {
      this.#sorted = merge(this.#sorted, this.#pending.sort(compare));
      this.#pending = [];
    }
    if (this.#sorted.length !== this.#map.size) this.#rebuild();
  }

  #rebuild(): void {
    this.#sorted = [...this.#map.keys()].sort(compare);
    this.#pending = [];
  }
}
