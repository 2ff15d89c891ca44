/**
 * What the database ⇄ database generators know besides a delta: both models (FROM, as it is; TO, as it should
 * be), which schemas each database has, and whose privileges count. Shared helpers: the grants an object created
 * by the migration must end up with, and the statements one delta's generator returns.
 */
import type { DbDelta } from '../../diff/database/pair.js';
import { TupleMap } from '../../diff/tupleMap.js';
import type { Grant } from '../../model/objects.js';
import { quoteIdent, quoteQualified } from '../../model/quote.js';
import type { SchemaModel, Table, View } from '../../model/schema.js';
import { statement, type Hazard, type Phase, type Statement } from '../statement.js';

export interface DbEmitOptions {
  /** Roles whose privileges are not compared (the platform's own). */
  ignoreGrantee?: (role: string) => boolean;
}

export class DbEmitContext {
  private readonly toTables: TupleMap<[string, string], Table>;
  private readonly toViews: TupleMap<[string, string], View>;
  private readonly fromTables: TupleMap<[string, string], Table>;
  private readonly toGrants: TupleMap<[string, string, string], Grant[]>;
  /** Roles holding any privilege in FROM (whom default privileges may have granted something on a new object). */
  readonly fromGrantees: string[];

  constructor(
    readonly from: SchemaModel,
    readonly to: SchemaModel,
    readonly schemas: { from: ReadonlySet<string>; to: ReadonlySet<string> },
    readonly options: DbEmitOptions = {},
  ) {
    this.toTables = new TupleMap(to.tables.map((t) => [[t.schema, t.name], t] as const));
    this.fromTables = new TupleMap(from.tables.map((t) => [[t.schema, t.name], t] as const));
    this.toViews = new TupleMap(to.views.map((v) => [[v.schema, v.name], v] as const));
    this.toGrants = new TupleMap();
    for (const g of this.grantsOf(to)) {
      const key: [string, string, string] = [g.kind === 'column' ? 'relation' : g.kind, g.schema, g.name];
      const list = this.toGrants.get(key);
      if (list) list.push(g);
      else this.toGrants.set(key, [g]);
    }
    this.fromGrantees = [...new Set(this.grantsOf(from).map((g) => g.grantee))].filter((r) => r !== 'PUBLIC').sort();
  }

  private grantsOf(m: SchemaModel): Grant[] {
    return (m.objects?.grants ?? []).filter((g) => !this.options.ignoreGrantee?.(g.grantee));
  }

  toTable(schema: string, name: string): Table | undefined {
    return this.toTables.get([schema, name]);
  }

  fromTable(schema: string, name: string): Table | undefined {
    return this.fromTables.get([schema, name]);
  }

  toView(schema: string, name: string): View | undefined {
    return this.toViews.get([schema, name]);
  }

  /** Names of the tables and views TO has and FROM lacks (what a function's signature may need to exist). */
  newRelationNames(): string[] {
    this.newNames ??= [...this.to.tables, ...this.to.views]
      .filter(
        (r) =>
          !this.fromTables.has([r.schema, r.name]) &&
          !this.from.views.some((v) => v.schema === r.schema && v.name === r.name),
      )
      .map((r) => r.name);
    return this.newNames;
  }

  private newNames: string[] | undefined;

  isSequence(schema: string, name: string): boolean {
    return [this.to, this.from].some((m) =>
      (m.objects?.sequences ?? []).some((s) => s.schema === schema && s.name === name),
    );
  }

  /** TO's grants on a relation (and its columns), function (by identity arguments) or schema. */
  grantsOn(kind: 'relation' | 'function' | 'schema', schema: string, name: string, detail?: string): Grant[] {
    return (this.toGrants.get([kind, schema, name]) ?? []).filter(
      (g) => kind !== 'function' || g.detail === (detail ?? null),
    );
  }

  /**
   * An object this migration creates (or drops and recreates) gets exactly TO's privileges: whatever PUBLIC and
   * FROM's default privileges gave it on creation is revoked first, then TO's grants are made.
   */
  privilegesOfNew(
    kind: 'relation' | 'function',
    schema: string,
    name: string,
    delta: DbDelta,
    detail?: string,
  ): Statement[] {
    const on = this.grantTarget({ kind, schema, name, detail: detail ?? null });
    const everyone = ['public', ...this.fromGrantees.map(quoteIdent)].join(', ');
    return [
      statement('revoke', `revoke all on ${on} from ${everyone}`, {
        dbDelta: delta,
        notes: ["the new object's privileges are TO's: first none but the owner's"],
        hazards: ['authz_change'],
      }),
      ...this.grantsOn(kind, schema, name, detail).map((g) => grantStatement(this, g, 'grant', delta)),
    ];
  }

  /** `table s.t`, `sequence s.q`, `routine s.f(args)`, `schema s` (a column grant's column goes in the privilege). */
  grantTarget(g: Pick<Grant, 'kind' | 'schema' | 'name' | 'detail'>): string {
    switch (g.kind) {
      case 'relation':
      case 'column':
        return `${this.isSequence(g.schema, g.name) ? 'sequence' : 'table'} ${quoteQualified(g.schema, g.name)}`;
      case 'function':
        return `routine ${quoteQualified(g.schema, g.name)}(${g.detail ?? ''})`;
      case 'schema':
        return `schema ${quoteIdent(g.name)}`;
    }
  }
}

/** A role as GRANT and REVOKE name it (PUBLIC is a keyword, not a role). */
export function grantee(role: string): string {
  return role === 'PUBLIC' ? 'public' : quoteIdent(role);
}

/**
 * GRANT or REVOKE of one privilege. Privilege keywords come from the catalog's fixed set (SELECT, INSERT, …);
 * anything else is refused rather than written into SQL.
 */
export function grantStatement(ctx: DbEmitContext, g: Grant, how: 'grant' | 'revoke', delta: DbDelta): Statement {
  if (!/^[A-Z]+( [A-Z]+)?$/.test(g.privilege)) throw new Error(`unexpected privilege ${JSON.stringify(g.privilege)}`);
  const keyword = g.privilege.toLowerCase();
  const privilege = g.kind === 'column' ? `${keyword} (${quoteIdent(g.detail ?? '')})` : keyword;
  const on = ctx.grantTarget(g);
  const sql =
    how === 'grant'
      ? `grant ${privilege} on ${on} to ${grantee(g.grantee)}${g.grantable ? ' with grant option' : ''}`
      : `revoke ${privilege} on ${on} from ${grantee(g.grantee)}`;
  return statement(how, sql, { dbDelta: delta, hazards: ['authz_change'] });
}

/** A statement for a delta: shorthand the generators share. */
export function dbStatement(
  phase: Phase,
  sql: string,
  delta: DbDelta,
  extra: { hazards?: Hazard[]; notes?: string[]; destructive?: string } = {},
): Statement {
  return statement(phase, sql, { dbDelta: delta, hazards: extra.hazards ?? [], notes: extra.notes ?? [], ...extra });
}

/** Whether a definition is one of these kinds of constraint (pg_get_constraintdef's leading keyword). */
export function constraintKind(definition: string): 'foreign' | 'check' | 'other' {
  if (definition.startsWith('FOREIGN KEY')) return 'foreign';
  if (definition.startsWith('CHECK')) return 'check';
  return 'other';
}
