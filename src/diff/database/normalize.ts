/**
 * Two servers render the same SQL differently: PostgreSQL 16 and later drop the table qualifiers that 15 prints in
 * view definitions (`authors.name` vs `name`), and policy or default expressions may differ in the same way. What
 * is compared is PostgreSQL's own parse tree of the text, without source positions and with column references
 * reduced to their last name, so only a real change in meaning shows.
 */
type ParseFn = (sql: string) => Promise<unknown>;
let parser: Promise<ParseFn> | undefined;

/** Starts loading the parser (a WebAssembly module) while the databases are being read. */
export function preloadParser(): void {
  parser ??= import('libpg-query').then((m) => m.parse as unknown as ParseFn);
  parser.catch(() => {});
}

async function parse(sql: string): Promise<unknown | undefined> {
  parser ??= import('libpg-query').then((m) => m.parse as unknown as ParseFn);
  try {
    return await (
      await parser
    )(sql);
  } catch {
    return undefined;
  }
}

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'location' || k === 'stmt_location' || k === 'stmt_len') continue;
    if (k === 'ColumnRef') {
      const fields = (v as { fields?: unknown[] }).fields ?? [];
      out[k] = { fields: strip(fields.slice(-1)) };
      continue;
    }
    out[k] = strip(v);
  }
  return out;
}

/** A comparable form of a query text (a view's definition); the trimmed text when it does not parse. */
export async function normalizeQuery(sql: string | null | undefined): Promise<string> {
  if (!sql) return '';
  const tree = await parse(sql);
  return tree === undefined ? sql.trim() : JSON.stringify(strip(tree));
}

/** A comparable form of an expression (a policy's USING, a default). */
export async function normalizeExpression(expr: string | null | undefined): Promise<string> {
  if (expr === null || expr === undefined) return '';
  const tree = await parse(`select ${expr}`);
  return tree === undefined ? expr.trim() : JSON.stringify(strip(tree));
}
