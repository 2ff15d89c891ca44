/**
 * A Map keyed by tuples of names. Names are never joined with a separator (`a` + `b.c` and `a.b` + `c` would
 * collide) and never used as plain-object keys (`__proto__`, `constructor`): the tuple is encoded as a JSON array,
 * which is injective, and kept in a real Map.
 */
export class TupleMap<K extends readonly unknown[], V> {
  private readonly map = new Map<string, V>();

  constructor(entries: Iterable<readonly [K, V]> = []) {
    for (const [k, v] of entries) this.set(k, v);
  }

  get(key: K): V | undefined {
    return this.map.get(JSON.stringify(key));
  }

  has(key: K): boolean {
    return this.map.has(JSON.stringify(key));
  }

  set(key: K, value: V): this {
    this.map.set(JSON.stringify(key), value);
    return this;
  }

  /** The value at `key`, created by `make` when absent. */
  upsert(key: K, make: () => V): V {
    const k = JSON.stringify(key);
    let v = this.map.get(k);
    if (v === undefined) this.map.set(k, (v = make()));
    return v;
  }

  values(): IterableIterator<V> {
    return this.map.values();
  }
}

/** The set counterpart of TupleMap. */
export class TupleSet<K extends readonly unknown[]> {
  private readonly set = new Set<string>();

  constructor(keys: Iterable<K> = []) {
    for (const k of keys) this.add(k);
  }

  add(key: K): this {
    this.set.add(JSON.stringify(key));
    return this;
  }

  has(key: K): boolean {
    return this.set.has(JSON.stringify(key));
  }
}
