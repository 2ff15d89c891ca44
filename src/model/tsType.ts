/**
 * The PostgreSQL → TypeScript type mapping, as `supabase gen types typescript` does it, and the normal form
 * in which both sides write TS types so that they compare as strings.
 */

/** What the mapping needs to know about the database's user-defined types. */
export interface TypeContext {
  /** Schemas being generated: references into other schemas degrade, as the generator degrades them. */
  schemas: ReadonlySet<string>;
  enums: ReadonlyArray<{ schema: string; name: string; labels: string[] }>;
  composites: ReadonlyArray<{ schema: string; name: string }>;
  /** Relations whose row type can be named: tables (incl. foreign) then views (incl. materialized). */
  relations: ReadonlyArray<{ schema: string; name: string; section: 'Tables' | 'Views' }>;
}

const NUMBER = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);
const STRING = new Set([
  'bytea',
  'bpchar',
  'varchar',
  'date',
  'text',
  'citext',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
  'uuid',
  'vector',
  'interval',
]);

const ref = (...path: string[]) => `Database${path.map((p) => `[${JSON.stringify(p)}]`).join('')}`;

/**
 * Maps a type name (`typname`, arrays as `_elem`, domains already resolved to their base) to the TS type the
 * generator writes. `typeSchema` is the schema owning the type; it disambiguates same-named types.
 */
export function pgTypeToTs(typeName: string, typeSchema: string, ctx: TypeContext): string {
  if (typeName === 'bool') return 'boolean';
  if (NUMBER.has(typeName)) return 'number';
  if (STRING.has(typeName)) return 'string';
  if (typeName === 'json' || typeName === 'jsonb') return 'Json';
  if (typeName === 'void') return 'undefined';
  if (typeName === 'record') return 'Record<string, unknown>';
  if (typeName.startsWith('_')) return arrayOf(pgTypeToTs(typeName.slice(1), typeSchema, ctx));

  const pick = <T extends { schema: string; name: string }>(list: ReadonlyArray<T>): T | undefined => {
    const named = list.filter((t) => t.name === typeName);
    return named.find((t) => t.schema === typeSchema) ?? named[0];
  };
  const en = pick(ctx.enums);
  if (en) {
    if (ctx.schemas.has(en.schema)) return ref(en.schema, 'Enums', en.name);
    return en.labels.map((l) => JSON.stringify(l)).join('|');
  }
  const composite = pick(ctx.composites);
  if (composite) {
    return ctx.schemas.has(composite.schema) ? ref(composite.schema, 'CompositeTypes', composite.name) : 'unknown';
  }
  // The generator (postgres-meta 0.83 on) knows only the relations of the schemas it generates and matches a
  // row type by name: a table of a hidden schema named like a generated one is written as that one's Row.
  const relation = pick(ctx.relations.filter((r) => ctx.schemas.has(r.schema)));
  if (relation) return ref(relation.schema, relation.section, relation.name, 'Row');
  return 'unknown';
}

/** `T[]`, with parentheses only when T is a union or intersection at its top level. */
export function arrayOf(t: string): string {
  return topLevelParts(t, '|&').length > 1 ? `(${t})[]` : `${t}[]`;
}

/**
 * Normal form of a TS type written in a types file: no white space, double quotes, no redundant parentheses,
 * and the spellings that differ only between generator versions made equal (`NonNullable<Json>` is what newer
 * versions write for a NOT NULL json column; older ones wrote `Json`).
 */
export function normalizeTsType(text: string): string {
  let t = canonicalText(text.trim()).replace(/[;,]$/, '');
  t = t.replace(/^\|/, '');
  t = t.replace(/NonNullable<Json>/g, 'Json');
  let prev: string;
  do {
    prev = t;
    t = t.replace(/\(([\w.<>]+|Database(?:\["(?:[^"\\]|\\.)*"\])+)\)\[\]/g, '$1[]');
  } while (t !== prev);
  return t;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** One escape sequence (after its backslash) of a TS string literal, as the compiler reads it. */
export function unescapeOne(e: string): string {
  if (e[0] === 'u' && e.length > 1) {
    const code = parseInt(e.replace(/[u{}]/g, ''), 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : e;
  }
  if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
  return Object.hasOwn(ESCAPES, e) ? ESCAPES[e] : e;
}

/**
 * Removes white space outside string literals and writes every string literal as JSON writes it: `'a"b'`,
 * `"a\"b"` and `"a\u0022b"` are one name, and a quote inside a name never ends the literal early.
 */
function canonicalText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"' || ch === "'") {
      let body = '';
      let j = i + 1;
      for (; j < s.length && s[j] !== ch; j++) {
        if (s[j] !== '\\' || j + 1 >= s.length) {
          body += s[j];
          continue;
        }
        const m = /^(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/.exec(s.slice(j + 1))!;
        const e = m[1];
        body += unescapeOne(e);
        j += e.length;
      }
      if (j >= s.length) return out + s.slice(i); // unterminated: left as written
      out += JSON.stringify(body);
      i = j;
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}

/** Splits a normalised type at its top-level `|` and takes `null` out: `string|null` → `string`, nullable. */
export function splitNullable(normalized: string): { tsType: string; nullable: boolean } {
  const parts = topLevelParts(normalized, '|');
  const kept = parts.filter((p) => p !== 'null' && p !== '');
  return { tsType: kept.join('|'), nullable: kept.length !== parts.filter((p) => p !== '').length };
}

/** Splits a normalised type at the operators in `ops` that are outside brackets and string literals. */
function topLevelParts(normalized: string, ops: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < normalized.length; i++) {
    const ch = normalized[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"') quote = ch;
    else if ('([{<'.includes(ch)) depth++;
    else if (')]}>'.includes(ch)) depth--;
    else if (depth === 0 && ops.includes(ch)) {
      parts.push(normalized.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(normalized.slice(start));
  return parts;
}

/** The canonical text of an object type: members sorted by name, `name:type` joined by `;`. */
export function objectType(members: Array<[string, string]>): string {
  return `{${[...members]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([n, t]) => `${/^[A-Za-z_$][\w$]*$/.test(n) ? n : JSON.stringify(n)}:${t}`)
    .join(';')}}`;
}

export function withNull(tsType: string, nullable: boolean): string {
  return nullable && tsType !== 'unknown' ? `${tsType}|null` : tsType;
}

/**
 * Structural type text. The generator's releases spell one type several ways (`Record<string, unknown>` and
 * `Record<string,unknown>`, members in column or name order, `A | B` and `B | A`, redundant parentheses,
 * `readonly`, trailing `;`/`,`); these all read to one tree, printed one way.
 */
export type TypeNode =
  | { k: 'union' | 'inter'; items: TypeNode[] }
  | { k: 'array'; el: TypeNode }
  | { k: 'obj'; members: Array<{ name: string; optional: boolean; type: TypeNode }> }
  | { k: 'tuple'; items: TypeNode[] }
  /** A literal, keyword or reference, printed canonically (`Database["s"]["Tables"]["t"]["Row"]`, `Record<string,unknown>`). */
  | { k: 'leaf'; text: string };

const TOKEN = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[A-Za-z_$][\w$]*|-?\d[\w.]*|\S)/y;

function tokens(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text))) out.push(m[1]);
  return out;
}

const quoted = (tok: string) => (tok[0] === "'" ? JSON.stringify(tok.slice(1, -1).replace(/\\'/g, "'")) : tok);

/** Parses a TS type as the generator writes it; throws on anything else (callers fall back to text). */
export function parseTsType(text: string): TypeNode {
  const toks = tokens(text);
  let i = 0;
  const peek = () => toks[i];
  const eat = (t?: string) => {
    const tok = toks[i++];
    if (t !== undefined && tok !== t) throw new Error(`expected ${t}, got ${tok ?? 'end'}`);
    return tok;
  };
  const list = (kind: 'union' | 'inter', op: string, next: () => TypeNode): TypeNode => {
    if (peek() === op) eat();
    const items = [next()];
    while (peek() === op) {
      eat();
      items.push(next());
    }
    return items.length === 1 ? items[0] : { k: kind, items };
  };
  const union = (): TypeNode => list('union', '|', () => list('inter', '&', postfix));
  const postfix = (): TypeNode => {
    let t = primary();
    while (peek() === '[' && toks[i + 1] === ']') {
      eat();
      eat();
      t = { k: 'array', el: t };
    }
    return t;
  };
  const primary = (): TypeNode => {
    const tok = eat();
    if (tok === undefined) throw new Error('unexpected end');
    if (tok === '(') {
      const t = union();
      eat(')');
      return t;
    }
    if (tok === '{') return object();
    if (tok === '[') {
      const items: TypeNode[] = [];
      while (peek() !== ']') {
        items.push(union());
        if (peek() === ',') eat();
      }
      eat(']');
      return { k: 'tuple', items };
    }
    if (tok === 'readonly') return primary();
    let text = quoted(tok);
    if (peek() === '<') {
      eat();
      const args = [print(union())];
      while (peek() === ',') {
        eat();
        args.push(print(union()));
      }
      eat('>');
      text += `<${args.join(',')}>`;
    }
    while (peek() === '[' && toks[i + 1] !== ']') {
      eat();
      text += `[${print(union())}]`;
      eat(']');
    }
    return { k: 'leaf', text };
  };
  const object = (): TypeNode => {
    const members: Array<{ name: string; optional: boolean; type: TypeNode }> = [];
    while (peek() !== '}') {
      if (peek() === 'readonly' && toks[i + 1] !== ':' && toks[i + 1] !== '?') eat();
      let name: string;
      if (peek() === '[') {
        // `[_ in never]` or `[key: string]`: kept as written, without white space.
        const start = i;
        while (eat() !== ']');
        name = toks
          .slice(start, i)
          .join(' ')
          .replace(/\s*([[\]:])\s*/g, '$1');
      } else {
        const tok = eat();
        name = tok[0] === '"' || tok[0] === "'" ? JSON.parse(quoted(tok)) : tok;
      }
      const optional = peek() === '?';
      if (optional) eat();
      eat(':');
      members.push({ name, optional, type: union() });
      while (peek() === ';' || peek() === ',') eat();
    }
    eat('}');
    return { k: 'obj', members };
  };
  const t = union();
  while (peek() === ';' || peek() === ',') eat();
  if (i < toks.length) throw new Error(`unexpected ${toks[i]}`);
  return t;
}

/** The canonical text of a tree: unions and intersections sorted and deduplicated, members sorted by name. */
export function print(t: TypeNode): string {
  switch (t.k) {
    case 'leaf':
      return t.text;
    case 'union':
    case 'inter': {
      const parts = [...new Set(t.items.map(print))].sort();
      return parts.join(t.k === 'union' ? '|' : '&');
    }
    case 'array': {
      const el = print(t.el);
      return t.el.k === 'union' || t.el.k === 'inter' ? `(${el})[]` : `${el}[]`;
    }
    case 'tuple':
      return `[${t.items.map(print).join(',')}]`;
    case 'obj':
      return `{${t.members
        .map(
          (m) =>
            `${/^[A-Za-z_$][\w$]*$|^\[/.test(m.name) ? m.name : JSON.stringify(m.name)}${m.optional ? '?' : ''}:${print(m.type)}`,
        )
        .sort()
        .join(';')}}`;
  }
}

const canonicalCache = new Map<string, TypeNode | null>();

function tree(text: string): TypeNode | null {
  let t = canonicalCache.get(text);
  if (t === undefined) {
    try {
      t = parseTsType(text);
    } catch {
      t = null;
    }
    if (canonicalCache.size > 50_000) canonicalCache.clear();
    canonicalCache.set(text, t);
  }
  return t;
}

/** The canonical spelling of a type text (the text itself, white space removed, when it does not parse). */
export function canonicalTsType(text: string): string {
  const t = tree(text);
  return t ? print(t) : canonicalText(text);
}

/** What older generator releases wrote differently from the same database; see `sameTsType`. */
export interface TypeTolerance {
  /**
   * The database type maps to this text today but an older release wrote `unknown` for it: `interval` (before
   * postgrest-typegen), `vector` (postgres-meta 0.60), array attributes of a composite type (postgres-meta ≤ 0.64).
   */
  unknownFor?: (db: TypeNode) => boolean;
  /**
   * An object type stands for a relation's `Row` reference: a function in one schema returning rows of a table in
   * another was written as the row object by postgres-meta 0.83 and as the reference by others (the relation's
   * columns are compared with the relation).
   */
  rowObjects?: boolean;
}

const ROW_REF =
  /^Database\[[^\]]+\]\["(Tables|Views)"\]\[[^\]]+\]\["Row"\]$|^Database\[[^\]]+\]\["CompositeTypes"\]\[[^\]]+\]$/;

/**
 * Whether the type the types file says (`typesSide`) is the type the database gives (`dbSide`), structurally,
 * allowing what older releases of the generator wrote for the same database:
 * - `unknown` for a table's or view's row type (postgres-meta before 0.83 named no row types) and for a composite
 *   type resolved by name only (postgres-meta before 0.91 ignored the schema, so a same-named type elsewhere won);
 * - `Record<string, unknown>[]` for `record` (postgres-meta 0.60 wrote every record as an array);
 * - whatever `tolerance` adds for the position being compared.
 */
export function sameTsType(typesSide: string, dbSide: string, tolerance: TypeTolerance = {}): boolean {
  if (typesSide === dbSide) return true;
  const t = tree(typesSide);
  const d = tree(dbSide);
  if (!t || !d) return canonicalText(typesSide) === canonicalText(dbSide);
  return matches(t, d, tolerance);
}

function matches(t: TypeNode, d: TypeNode, tol: TypeTolerance): boolean {
  if (print(t) === print(d)) return true;
  if (t.k === 'leaf' && t.text === 'unknown') {
    return (d.k === 'leaf' && (d.text === 'unknown' || ROW_REF.test(d.text))) || Boolean(tol.unknownFor?.(d));
  }
  if (
    t.k === 'array' &&
    t.el.k === 'leaf' &&
    t.el.text === 'Record<string,unknown>' &&
    d.k === 'leaf' &&
    d.text === t.el.text
  )
    return true;
  if (tol.rowObjects && t.k === 'obj' && d.k === 'leaf' && /\["Row"\]$/.test(d.text) && ROW_REF.test(d.text))
    return true;
  if (t.k !== d.k) return false;
  switch (t.k) {
    case 'leaf':
      return false;
    case 'array':
      return matches(t.el, (d as typeof t).el, tol);
    case 'tuple':
    case 'union':
    case 'inter': {
      const ds = [...(d as typeof t).items];
      if (ds.length !== t.items.length) return false;
      if (t.k === 'tuple') return t.items.every((x, i) => matches(x, ds[i], tol));
      // Unordered: each item pairs with one item of the other side.
      return t.items.every((x) => {
        const j = ds.findIndex((y) => matches(x, y, tol));
        return j >= 0 && ds.splice(j, 1).length === 1;
      });
    }
    case 'obj': {
      const dm = new Map((d as typeof t).members.map((m) => [m.name, m]));
      return (
        t.members.length === dm.size &&
        t.members.every((m) => {
          const o = dm.get(m.name);
          return o !== undefined && o.optional === m.optional && matches(m.type, o.type, tol);
        })
      );
    }
  }
}
