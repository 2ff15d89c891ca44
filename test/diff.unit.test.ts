/** Pairing, drift rules, the code registry and finding keys, on in-memory models (no database). */
import { describe, expect, it } from 'vitest';
import { compareModels } from '../src/diff/compare.js';
import { pairModels } from '../src/diff/pair.js';
import { columnChanges } from '../src/diff/same.js';
import { findingKey, makeFinding } from '../src/findings/finding.js';
import { allCodes, codeInfo, registerCodes, unregisterCodes } from '../src/findings/registry.js';
import type { View } from '../src/model/schema.js';
import { col, enumType, fk, model, table } from './support/build.js';

describe('pairing', () => {
  it('keys by (schema, name) tuples: schema a + table b.c is not schema a.b + table c', () => {
    const db = model({ tables: [table('a', 'b.c', [col('id', 'number')])] });
    const types = model({ tables: [table('a.b', 'c', [col('id', 'number')])] });
    const deltas = pairModels(db, types, ['a', 'a.b']);
    expect(deltas.map((d) => [d.kind, d.op])).toEqual([
      ['table', 'added'],
      ['table', 'removed'],
    ]);
  });

  it('names like __proto__ and constructor are ordinary names', () => {
    const t = (cols: string[]) =>
      table(
        'constructor',
        '__proto__',
        cols.map((c) => col(c, 'string')),
      );
    const db = model({ tables: [t(['toString', 'hasOwnProperty'])] });
    const types = model({ tables: [t(['toString', '__proto__'])] });
    const deltas = pairModels(db, types, ['constructor']);
    expect(deltas.map((d) => [d.kind, d.op, d.kind === 'column' ? (d.left ?? d.right)!.name : ''])).toEqual([
      ['column', 'added', '__proto__'],
      ['column', 'removed', 'hasOwnProperty'],
    ]);
  });

  it('an added table carries the whole object and its columns are not paired again', () => {
    const wanted = table(
      'public',
      'posts',
      [col('id', 'string'), col('author_id', 'string')],
      [fk('posts_author_id_fkey', ['author_id'], 'authors', ['id'])],
    );
    const deltas = pairModels(model({ schemas: ['public'] }), model({ tables: [wanted] }), ['public']);
    expect(deltas).toEqual([{ kind: 'table', op: 'added', right: wanted }]);
  });

  it('a column on both sides gives a delta only when something differs, with what differs', () => {
    const db = model({
      tables: [
        table('public', 't', [
          col('a', 'string'),
          col('b', 'number'),
          col('c', 'string', { nullable: true }),
          col('d', 'string'),
        ]),
      ],
    });
    const types = model({
      tables: [
        table('public', 't', [
          col('a', 'string'),
          col('b', 'string'),
          col('c', 'string'),
          col('d', 'string', { insertOptional: true }),
        ]),
      ],
    });
    const deltas = pairModels(db, types, ['public']);
    expect(deltas.map((d) => (d.kind === 'column' ? [d.op, d.right?.name, d.changes] : d.kind))).toEqual([
      ['changed', 'b', ['type']],
      ['changed', 'c', ['nullability']],
      ['changed', 'd', ['optionality']],
    ]);
  });

  it('foreign keys pair by name, columns and target; enums by labels in order', () => {
    const key = fk('t_a_fkey', ['a'], 'u', ['id']);
    const db = model({
      tables: [table('public', 't', [col('a', 'string')], [key])],
      enums: [enumType('public', 'e', ['x', 'y'])],
    });
    const types = model({
      tables: [table('public', 't', [col('a', 'string')], [{ ...key, referencedTable: 'v' }])],
      enums: [enumType('public', 'e', ['y', 'x'])],
    });
    const deltas = pairModels(db, types, ['public']);
    expect(deltas.map((d) => [d.kind, d.op])).toEqual([
      ['foreignKey', 'added'],
      ['foreignKey', 'removed'],
      ['enum', 'changed'],
    ]);
  });

  it('only schemas in scope are paired', () => {
    const db = model({ tables: [table('private', 'x', [])] });
    expect(pairModels(db, model(), ['public'])).toEqual([]);
  });
});

describe('drift rules', () => {
  it('every structural finding is an error, in both directions, with a stable key', () => {
    const db = model({
      tables: [table('public', 'only_db', []), table('public', 't', [col('old', 'string', { sqlType: 'text' })])],
    });
    const types = model({ tables: [table('public', 'only_types', []), table('public', 't', [col('new', 'string')])] });
    const findings = compareModels(types, db, ['public']);
    expect(findings.map((f) => [f.code, f.severity, f.key])).toEqual([
      ['table_missing_in_database', 'error', 'table_missing_in_database:public.only_types'],
      ['column_missing_in_database', 'error', 'column_missing_in_database:public.t.new'],
      ['column_missing_in_types', 'error', 'column_missing_in_types:public.t.old'],
      ['table_missing_in_types', 'error', 'table_missing_in_types:public.only_db'],
    ]);
  });

  it('a foreign key finding is keyed by its constraint name', () => {
    const types = model({ tables: [table('public', 't', [col('a', 'string')], [fk('t_a_fkey', ['a'], 'u', ['id'])])] });
    const db = model({ tables: [table('public', 't', [col('a', 'string')])] });
    const [f] = compareModels(types, db, ['public']);
    expect(f).toMatchObject({
      code: 'foreign_key_missing_in_database',
      kind: 'foreign key',
      column: 'a',
      key: 'foreign_key_missing_in_database:public.t.t_a_fkey',
    });
  });
});

describe("a view's Insert/Update (view_updatability_mismatch)", () => {
  const view = (extra: Partial<View>): View => ({
    schema: 'public',
    name: 'v',
    materialized: false,
    columns: [col('id', 'number', { nullable: true })],
    ...extra,
  });
  const UPDATE = 4;
  const INSERT = 8;
  const DELETE = 16;
  const ALL = UPDATE | INSERT | DELETE;
  const codes = (events: { auto: number; withTriggers: number }, insert: boolean, update: boolean) =>
    compareModels(
      model({ views: [view({ writes: { insert, update } })] }),
      model({ views: [view({ updatableEvents: events })] }),
      ['public'],
    ).map((f) => f.code);

  it('an updatable view with Insert and Update, a non-updatable one without: no finding', () => {
    expect(codes({ auto: ALL, withTriggers: ALL }, true, true)).toEqual([]);
    expect(codes({ auto: 0, withTriggers: 0 }, false, false)).toEqual([]);
    // Only DELETE (no updatable column): neither rule writes Insert or Update.
    expect(codes({ auto: DELETE, withTriggers: DELETE }, false, false)).toEqual([]);
  });

  it('a view that became non-updatable, or updatable, is a finding', () => {
    expect(codes({ auto: 0, withTriggers: 0 }, true, true)).toEqual(['view_updatability_mismatch']);
    expect(codes({ auto: ALL, withTriggers: ALL }, false, false)).toEqual(['view_updatability_mismatch']);
  });

  it('INSTEAD OF triggers: postgres-meta wrote neither, postgrest-typegen writes the events they handle', () => {
    const insertTrigger = { auto: 0, withTriggers: INSERT };
    expect(codes(insertTrigger, false, false)).toEqual([]);
    expect(codes(insertTrigger, true, false)).toEqual([]);
    expect(codes(insertTrigger, true, true)).toEqual(['view_updatability_mismatch']);
    expect(codes(insertTrigger, false, true)).toEqual(['view_updatability_mismatch']);
  });

  it('a materialized view never has Insert or Update', () => {
    const matview = (insert: boolean) =>
      compareModels(
        model({ views: [view({ writes: { insert, update: insert } })] }),
        model({ views: [view({ materialized: true, updatableEvents: { auto: 0, withTriggers: 0 } })] }),
        ['public'],
      ).map((f) => f.code);
    expect(matview(false)).toEqual([]);
    expect(matview(true)).toEqual(['view_updatability_mismatch']);
  });
});

describe('finding keys and the code registry', () => {
  it('quotes parts that are not plain names, so keys never collide', () => {
    expect(findingKey('c', 'a', 'b.c')).toBe('c:a."b.c"');
    expect(findingKey('c', 'a.b', 'c')).toBe('c:"a.b".c');
    expect(findingKey('c', 'public', 'x"y', 'Ünïcode_1')).toBe('c:public."x""y".Ünïcode_1');
    expect(findingKey('c', 'public', 'has space', '')).toBe('c:public."has space".""');
  });

  it('has every code DESIGN.md lists as structural, each an error', () => {
    const drift = allCodes().filter((c) => c.category === 'drift');
    // DESIGN.md's 18, plus foreign_key_cardinality_mismatch (issue 7: isOneToOne changes how the client reads an embed)
    // view_updatability_mismatch (issue 7: whether a client may write through a view) and types_override_stale
    // (issue 12: a MergeDeep override that names nothing real).
    expect(drift).toHaveLength(21);
    for (const c of drift)
      expect(c).toMatchObject({ severity: 'error', title: expect.any(String), docs: expect.any(String) });
  });

  it('registers new codes, refuses a conflicting registration and unregistered codes', () => {
    registerCodes([
      {
        code: 'test_only_code',
        severity: 'warning',
        kind: 'table',
        title: 't',
        category: 'performance',
        description: 'd',
        docs: 'x',
      },
    ]);
    expect(codeInfo('test_only_code')?.severity).toBe('warning');
    expect(makeFinding({ code: 'test_only_code', schema: 's', object: 'o', message: 'm' }).severity).toBe('warning');
    expect(() =>
      registerCodes([
        {
          code: 'test_only_code',
          severity: 'error',
          kind: 'table',
          title: 't',
          category: 'performance',
          description: 'd',
          docs: 'x',
        },
      ]),
    ).toThrow(/twice/);
    expect(() => makeFinding({ code: 'no_such_code', schema: 's', object: 'o', message: 'm' })).toThrow(
      /not registered/,
    );
    // Files share a worker (isolate: false): the published list of codes must not keep this one.
    unregisterCodes(['test_only_code']);
    expect(codeInfo('test_only_code')).toBeUndefined();
  });
});

describe('interval as the older releases wrote it', () => {
  const db = (tsType: string, sqlType: string) => col('span', tsType, { sqlType, nullable: true });
  it('`unknown` stands for an interval, `unknown[]` for an interval[], but `unknown` is no interval[]', () => {
    expect(columnChanges(db('string', 'interval'), col('span', 'unknown', { nullable: true }))).toEqual([]);
    expect(columnChanges(db('string[]', 'interval[]'), col('span', 'unknown[]', { nullable: true }))).toEqual([]);
    expect(columnChanges(db('string[]', 'interval[]'), col('span', 'unknown', { nullable: true }))).toContain('type');
  });
});
