/**
 * Views and functions: their bodies cannot be inferred from types.ts, so they are written as commented stubs with
 * the signature types.ts expects. Removing one that types.ts lacks is destructive.
 */
import type { FunctionDelta, ViewDelta } from '../diff/delta.js';
import type { FunctionSignature } from '../model/schema.js';
import { quoteIdent, quoteQualified } from '../model/quote.js';
import { signatureText, viewWritesText } from '../diff/same.js';
import { sqlTypeByName, sqlTypeOfTs } from './sqlType.js';
import { statement, type Statement } from './statement.js';

export function viewStatements(d: ViewDelta): Statement[] {
  if (d.op === 'removed') {
    const v = d.left;
    return [
      statement('drop', `drop ${v.materialized ? 'materialized view' : 'view'} ${quoteQualified(v.schema, v.name)}`, {
        delta: d,
        hazards: ['authz_change'],
        destructive: `types.ts has no view ${v.schema}.${v.name}`,
      }),
    ];
  }
  const v = d.right;
  if (d.op === 'changed') {
    const wanted = v.writes ? viewWritesText(v.writes) : 'writes';
    return [
      statement('stub', `-- view ${quoteQualified(v.schema, v.name)}: types.ts expects ${wanted} through it`, {
        delta: d,
        notes: [
          `view ${v.name}: make it updatable by PostgreSQL (one table, no DISTINCT, GROUP BY, aggregates or set operations) or add INSTEAD OF triggers; or regenerate types.ts if the view is right`,
        ],
      }),
    ];
  }
  const cols = v.columns.map(
    (c) => `${quoteIdent(c.name)} -- ${sqlTypeOfTs(c.tsType).sql}${c.nullable ? ', nullable' : ''}`,
  );
  return [
    statement(
      'stub',
      `create view ${quoteQualified(v.schema, v.name)} with (security_invoker = on) as\n  select\n    ${cols.join(',\n    ')}\n  from …;`,
      {
        delta: d,
        notes: [`view ${v.name}: types.ts gives its columns, not its query; write the body`],
      },
    ),
  ];
}

export function functionStatements(d: FunctionDelta): Statement[] {
  if (d.op === 'removed') {
    const f = d.left;
    return f.overloads.map((o) =>
      statement('drop', `drop function ${quoteQualified(f.schema, f.name)}(${o.identityArgs ?? ''})`, {
        delta: d,
        hazards: ['authz_change'],
        destructive: `types.ts has no function ${f.schema}.${f.name}`,
      }),
    );
  }
  const f = d.right;
  const why =
    d.op === 'added'
      ? 'types.ts gives its signature, not its body'
      : `the database has ${d.left.overloads.map(signatureText).join(' | ')}`;
  return f.overloads.map((o) =>
    statement(
      'stub',
      `create or replace function ${quoteQualified(f.schema, f.name)}(${args(o)})\n  returns ${returns(o.returns)}\n  language plpgsql\n  set search_path = ''\nas $$\nbegin\n  -- …\nend;\n$$;`,
      {
        delta: d,
        notes: [`function ${f.name}${signatureText(o)}: ${why}; write the body`],
      },
    ),
  );
}

/** Required arguments first (PostgreSQL wants defaults last); types by name (without a `p_` prefix) or TS type. */
function args(o: FunctionSignature): string {
  const ordered = [...o.args.filter((a) => !a.optional), ...o.args.filter((a) => a.optional)];
  return ordered
    .map((a) => {
      const type = (sqlTypeByName(a.name.replace(/^p_/, ''), a.tsType) ?? sqlTypeOfTs(a.tsType)).sql;
      return `${a.name ? `${quoteIdent(a.name)} ` : ''}${type}${a.optional ? ' default null' : ''}`;
    })
    .join(', ');
}

function returns(ts: string): string {
  if (ts === 'undefined') return 'void';
  const object = /^\{(.*)\}(\[\])?$/.exec(ts);
  if (object) {
    const members = object[1]
      .split(';')
      .filter(Boolean)
      .map((m) => {
        const i = m.indexOf(':');
        return `${quoteIdent(m.slice(0, i))} ${sqlTypeOfTs(m.slice(i + 1).replace(/\|null$/, '')).sql}`;
      });
    return `table (${members.join(', ')})`;
  }
  return sqlTypeOfTs(ts).sql;
}
