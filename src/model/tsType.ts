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
  'bytea', 'bpchar', 'varchar', 'date', 'text', 'citext', 'time', 'timetz', 'timestamp', 'timestamptz', 'uuid',
  'vector', 'interval',
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
  const relation = pick(ctx.relations);
  if (relation) {
    return ctx.schemas.has(relation.schema) ? ref(relation.schema, relation.section, relation.name, 'Row') : 'unknown';
  }
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
  return `{${[...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([n, t]) => `${n}:${t}`).join(';')}}`;
}

export function withNull(tsType: string, nullable: boolean): string {
  return nullable && tsType !== 'unknown' ? `${tsType}|null` : tsType;
}
