/**
 * Splitting is linear: a 20 MB, 230k-statement migration splits in about a second (it took minutes when each
 * statement's line was counted from the file's start), with every statement's line right.
 */
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/introspect/replay/split.js';

/** Statements of every lexical shape the splitter must step over: quotes, escapes, dollar quotes, comments. */
const SHAPES = [
  (i: number) => `insert into public.t (id, name) values (${i}, 'it''s ${i}; é "x"');\n`,
  (i: number) => `-- comment ${i};\nupdate public.t set name = $tag$a;b$tag$ where id = ${i};\n`,
  (i: number) => `/* c; /* nested; */ */ delete from public.t\n  where id = ${i} and name <> E'\\';';\n`,
  (i: number) => `select ${i} /* ; */, "we;ird" from public.t;\n`,
];

describe('splitting a 20 MB migration', () => {
  it('230k+ statements in ≤ 4 s (target 2 s), each on its line', async () => {
    const parts: string[] = [];
    const lines: number[] = [];
    let size = 0;
    let line = 1;
    for (let i = 0; size < 20e6; i++) {
      const s = SHAPES[i % SHAPES.length](i);
      parts.push(s);
      lines.push(line + (s.startsWith('--') ? 1 : 0)); // a leading line comment puts the statement on the next line
      line += s.split('\n').length - 1;
      size += s.length;
    }
    const text = parts.join('');
    const started = performance.now();
    const statements = await splitStatements(text, 'big.sql');
    const ms = performance.now() - started;
    console.log(`split ${(text.length / 1e6).toFixed(1)} MB, ${statements.length} statements in ${ms.toFixed(0)} ms`);
    expect(statements.length).toBe(parts.length);
    expect(statements.length).toBeGreaterThan(230_000);
    expect(statements.map((s) => s.line)).toEqual(lines);
    expect(statements[1].sql).toBe('update public.t set name = $tag$a;b$tag$ where id = 1');
    expect(statements[2].sql).toBe("delete from public.t\n  where id = 2 and name <> E'\\';'");
    expect(ms).toBeLessThan(4_000);
  });

  it("DDL is parsed by PostgreSQL's grammar; BEGIN ATOMIC bodies and CASE … END stay whole", async () => {
    const text = [
      'create table public.a (id int);',
      'create or replace function public.f(x int) returns int language sql\nbegin atomic\n  select case when x > 0 then 1 else 0 end;\n  select 2;\nend;',
      'create procedure public.p() language sql begin atomic insert into public.a values (1); end;',
      'create index concurrently a_idx on public.a (id);',
    ].join('\n');
    const statements = await splitStatements(text, 'ddl.sql');
    expect(statements.map((s) => Object.keys(s.node)[0])).toEqual([
      'CreateStmt',
      'CreateFunctionStmt',
      'CreateFunctionStmt',
      'IndexStmt',
    ]);
    expect(statements.map((s) => s.line)).toEqual([1, 2, 7, 8]);
  });

  it('a syntax error in DDL names the line inside a long file', async () => {
    const text = `${'insert into public.t values (1);\n'.repeat(10_000)}create tabel public.b (id int);\n`;
    await expect(splitStatements(text, 'long.sql')).rejects.toThrow(/long\.sql:10001: syntax error/);
  });
});
