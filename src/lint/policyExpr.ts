/**
 * Policy expressions read with PostgreSQL's own grammar (libpg-query), never with patterns over the text: what
 * matters is where a call sits in the tree (inside a `(select …)` or not), which text matching cannot tell.
 *
 * An expression is parsed as `select <expr>`; node locations are byte offsets into that text.
 */

/** A node of libpg-query's JSON tree: `{ TypeName: { …fields } }`. */
export type PgNode = Record<string, any>;

export interface ParsedExpr {
  /** The expression as the catalog printed it. */
  expr: string;
  /** The expression's tree (the target of the wrapping `select`). */
  root: PgNode;
}

/** Parses one expression; null when it does not parse (the rules then skip it rather than guess). */
export type ExprParser = (expr: string) => ParsedExpr | null;

const PREFIX = 'select ';

/** Loads the parser (WASM, a few MB: only when lints run) and returns a synchronous expression parser. */
export async function loadExprParser(): Promise<ExprParser> {
  const pg = await import('libpg-query');
  await pg.loadModule();
  const cache = new Map<string, ParsedExpr | null>();
  return (expr) => {
    let parsed = cache.get(expr);
    if (parsed !== undefined) return parsed;
    try {
      const tree = pg.parseSync(`${PREFIX}${expr}`) as unknown as PgNode;
      const select = tree.stmts?.[0]?.stmt?.SelectStmt;
      const targets = select?.targetList;
      // Exactly one expression, nothing else (no FROM, no second statement smuggled in).
      parsed =
        tree.stmts.length === 1 && targets?.length === 1 && !select.fromClause
          ? { expr, root: targets[0].ResTarget.val as PgNode }
          : null;
    } catch {
      parsed = null;
    }
    cache.set(expr, parsed);
    return parsed;
  };
}

export interface Visit {
  type: string;
  body: PgNode;
}

/** Depth-first over every node; `fn` returns false to skip a node's children. `ancestors` is nearest last. */
export function visitNodes(
  value: unknown,
  fn: (node: Visit, ancestors: readonly Visit[]) => boolean | void,
  ancestors: Visit[] = [],
): void {
  if (Array.isArray(value)) {
    for (const v of value) visitNodes(v, fn, ancestors);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const keys = Object.keys(value);
  if (keys.length === 1 && /^[A-Z]/.test(keys[0]) && typeof (value as PgNode)[keys[0]] === 'object') {
    const node: Visit = { type: keys[0], body: (value as PgNode)[keys[0]] };
    if (fn(node, ancestors) === false) return;
    ancestors.push(node);
    for (const child of Object.values(node.body)) visitNodes(child, fn, ancestors);
    ancestors.pop();
    return;
  }
  for (const child of Object.values(value)) visitNodes(child, fn, ancestors);
}

const names = (list: PgNode[] | undefined): string[] => (list ?? []).map((n) => n.String?.sval ?? '');

/** The auth helper a call is (`auth.uid` … or `current_setting`), else null. */
export function authFunction(call: PgNode): string | null {
  const n = names(call.funcname);
  if (n.length === 2 && n[0] === 'auth' && ['uid', 'jwt', 'role', 'email'].includes(n[1])) return `auth.${n[1]}`;
  if ((n.length === 1 || (n.length === 2 && n[0] === 'pg_catalog')) && n[n.length - 1] === 'current_setting')
    return 'current_setting';
  return null;
}

export interface AuthCall {
  name: string;
  /** Character offsets of the whole call in the expression. */
  start: number;
  end: number;
}

/**
 * Calls of auth.uid()/jwt()/role()/email() or current_setting() that PostgreSQL evaluates once per row: those not
 * inside a `(select …)` of their own. A call inside a subquery that reads a table (`exists (select 1 from m where
 * m.user_id = auth.uid())`) still runs once per row of that subquery, so only a FROM-less select counts.
 */
export function unwrappedAuthCalls(p: ParsedExpr): AuthCall[] {
  const text = `${PREFIX}${p.expr}`;
  const bytes = Buffer.from(text, 'utf8');
  const out: AuthCall[] = [];
  visitNodes(p.root, (node, ancestors) => {
    if (node.type !== 'FuncCall') return;
    const name = authFunction(node.body);
    if (!name) return;
    const select = [...ancestors].reverse().find((a) => a.type === 'SelectStmt');
    if (!select || select.body.fromClause) {
      const start = bytes.subarray(0, node.body.location).toString('utf8').length;
      out.push({ name, start: start - PREFIX.length, end: callEnd(text, start) - PREFIX.length });
    }
    return false;
  });
  return out;
}

/** The same expression with each of `calls` wrapped as `(select <call>)`. */
export function wrapCalls(expr: string, calls: readonly AuthCall[]): string {
  let out = expr;
  for (const c of [...calls].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, c.start)}(select ${out.slice(c.start, c.end)})${out.slice(c.end)}`;
  }
  return out;
}

/** Where the call starting at `start` ends: after the `)` matching its argument list (quotes respected). */
function callEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      // A doubled quote inside is an escaped one; E'' strings may also escape with a backslash.
      const escapes = ch === "'" && /[eE]/.test(text[i - 1] ?? '');
      for (i++; i < text.length; i++) {
        if (escapes && text[i] === '\\') i++;
        else if (text[i] === ch && text[i + 1] === ch) i++;
        else if (text[i] === ch) break;
      }
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

const JSON_OPERATORS = new Set(['->', '->>', '#>', '#>>']);
const JSON_PATH_FUNCTIONS = new Set([
  'jsonb_extract_path',
  'jsonb_extract_path_text',
  'json_extract_path',
  'json_extract_path_text',
]);
const USER_EDITABLE = new Set(['user_metadata', 'raw_user_meta_data']);

/** A string constant's value, through casts (`'x'::text`). */
function constString(node: PgNode | undefined): string | null {
  if (!node) return null;
  if (node.TypeCast) return constString(node.TypeCast.arg);
  return node.A_Const?.sval?.sval ?? null;
}

/** Through casts and `(select x)` to the expression itself. */
function unwrap(node: PgNode | undefined): PgNode | undefined {
  if (node?.TypeCast) return unwrap(node.TypeCast.arg);
  const sub = node?.SubLink;
  if (sub?.subLinkType === 'EXPR_SUBLINK' && !sub.subselect?.SelectStmt?.fromClause) {
    const targets = sub.subselect?.SelectStmt?.targetList;
    if (targets?.length === 1) return unwrap(targets[0].ResTarget.val);
  }
  return node;
}

/** `auth.jwt()` or `current_setting('request.jwt.claims', …)`: the user's JWT. */
function isJwt(node: PgNode | undefined): boolean {
  const call = unwrap(node)?.FuncCall;
  if (!call) return false;
  const fn = authFunction(call);
  return (
    fn === 'auth.jwt' ||
    (fn === 'current_setting' && (constString(call.args?.[0]) ?? '').startsWith('request.jwt.claim'))
  );
}

/** A path step that names user-editable metadata: `'user_metadata'` or a path `'{user_metadata,…}'`. */
function namesUserMetadata(node: PgNode | undefined): boolean {
  const s = constString(node);
  if (s === null) return false;
  const steps =
    s.startsWith('{') && s.endsWith('}')
      ? s
          .slice(1, -1)
          .split(',')
          .map((x) => x.trim().replace(/^"|"$/g, ''))
      : [s];
  return steps.some((x) => USER_EDITABLE.has(x));
}

/**
 * Whether the expression reads the JWT's `user_metadata` (which the user can edit through the Auth API) or the
 * `raw_user_meta_data` column of auth.users behind it.
 */
export function readsUserMetadata(p: ParsedExpr): boolean {
  let found = false;
  visitNodes(p.root, (node) => {
    if (found) return false;
    if (node.type === 'ColumnRef' && USER_EDITABLE.has(names(node.body.fields).at(-1) ?? '')) found = true;
    if (node.type === 'A_Expr' && JSON_OPERATORS.has(names(node.body.name).at(-1) ?? '')) {
      // Walk the chain of operators down to its root, collecting the path steps on the way.
      const steps: PgNode[] = [];
      let cur: PgNode | undefined = node.body;
      while (cur) {
        steps.push(cur.rexpr);
        const left: PgNode | undefined = unwrap(cur.lexpr);
        if (left?.A_Expr && JSON_OPERATORS.has(names(left.A_Expr.name).at(-1) ?? '')) cur = left.A_Expr;
        else {
          if (isJwt(left) && steps.some(namesUserMetadata)) found = true;
          cur = undefined;
        }
      }
    }
    if (node.type === 'FuncCall' && JSON_PATH_FUNCTIONS.has(names(node.body.funcname).at(-1) ?? '')) {
      const [first, ...rest] = node.body.args ?? [];
      if (isJwt(first) && rest.some(namesUserMetadata)) found = true;
    }
  });
  return found;
}
