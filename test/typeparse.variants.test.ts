/**
 * Every shape of types.ts the generator has written (or an editor saved) describes the same schema: each variant,
 * derived from the generator's own output, must give zero findings against the database it came from.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/commands/check.js';
import { fastParse } from '../src/typeparse/fastParse.js';
import { parseWithCompiler } from '../src/typeparse/fromCompiler.js';
import { parseTypesFile } from '../src/typeparse/parseTypes.js';
import { readSourceText } from '../src/typeparse/readSource.js';
import { createTestDatabase, resolveServer, type TestDatabase } from './support/db.js';
import { generateTypes } from './support/typegen.js';

const server = await resolveServer();
if (!server) console.warn('skipping types.ts variant tests: no PostgreSQL server');

/** Prettier with `semi: true, singleQuote: true`, as many projects reformat the generated file. */
function prettierStyle(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let l = line.replace(/"([^"\\]*)"/g, "'$1'");
      if (/^\s+['\w]+\??: [^{[(]+$/.test(l) && !/[|,]$/.test(l)) l += ';';
      return l;
    })
    .join('\n');
}

/** Removes every `    Name: { … }` block (a schema's section, at its indentation) from generated text. */
function dropSection(text: string, name: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === `    ${name}: {`) {
      while (lines[i] !== '    }') i++;
      continue;
    }
    out.push(lines[i]);
  }
  return out.join('\n');
}

type Variant = { name: string; make: (text: string, internal: string) => string | Buffer };
const VARIANTS: Variant[] = [
  { name: 'as generated', make: (t) => t },
  { name: 'interface Database', make: (t) => t.replace('export type Database = {', 'export interface Database {') },
  { name: 'prettier style (semicolons, single quotes)', make: prettierStyle },
  { name: 'UTF-8 with BOM', make: (t) => `\uFEFF${t}` },
  { name: 'UTF-16LE with BOM', make: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]) },
  {
    name: 'UTF-16BE with BOM',
    make: (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]),
  },
  { name: 'CRLF line ends', make: (t) => t.replace(/\n/g, '\r\n') },
  { name: 'with __InternalSupabase (postgrestVersion)', make: (_t, internal) => internal },
  {
    name: 'old generator: no Relationships',
    make: (t) => t.replace(/\n\s+Relationships: \[\]/g, '').replace(/\n\s+Relationships: \[[\s\S]*?\n\s+\]/g, ''),
  },
  // (Identity ALWAYS has been `?: never` since postgres-meta's first typegen, 0.37: typing it `?: number` is drift.)
  {
    name: 'old generator: Args never, Json for NOT NULL json',
    make: (t) => t.replace(/Args: Record<PropertyKey, never>/g, 'Args: never').replace(/NonNullable<Json>/g, 'Json'),
  },
  {
    name: 'old generator (2022): empty sections as {}',
    make: (t) => t.replace(/\{\n\s+\[_ in never\]: never\n\s+\}/g, '{}'),
  },
  {
    name: 'old generator: no Views, Functions or CompositeTypes sections',
    make: (t) => ['Views', 'Functions', 'CompositeTypes'].reduce(dropSection, t),
  },
  // isOneToOne is compared: the one-to-one key (book_details.book_id is its primary key) says true.
  {
    name: 'newer generator: isOneToOne in relationships',
    make: (t) =>
      t
        .replace(/(\n(\s+)columns: \[[^\]]*\])/g, '$1\n$2isOneToOne: false')
        .replace(
          /(foreignKeyName: "book_details_book_id_fkey"\n\s+columns: \[[^\]]*\]\n\s+isOneToOne: )false/g,
          '$1true',
        ),
  },
];

describe.runIf(server)('types.ts shapes', () => {
  let db: TestDatabase;
  let dir: string;
  let text: string;
  let internal: string;

  beforeAll(async () => {
    db = await createTestDatabase('sd_variants');
    await db.exec(readFileSync(new URL('./fixtures/features.sql', import.meta.url), 'utf8'));
    text = await generateTypes(db.url, ['public', 'billing']);
    internal = await generateTypes(db.url, ['public', 'billing'], { postgrestVersion: '12' });
    dir = mkdtempSync(join(tmpdir(), 'sd-variants-'));
  });
  afterAll(async () => db?.drop());

  it('the variants really differ from the generated text', () => {
    for (const v of VARIANTS.slice(1)) expect(v.make(text, internal), v.name).not.toEqual(text);
    expect(internal).toContain('__InternalSupabase');
    expect(VARIANTS.find((v) => v.name.includes('no Relationships'))!.make(text, internal)).not.toContain(
      'Relationships',
    );
    const sectionless = VARIANTS.find((v) => v.name.includes('no Views'))!.make(text, internal) as string;
    for (const s of ['Views: {', 'Functions: {', 'CompositeTypes: {']) expect(sectionless).not.toContain(s);
    expect(sectionless).toContain('Tables: {');
  });

  it.each(VARIANTS)('$name → zero findings', async (v) => {
    const file = join(dir, `${v.name.replace(/\W+/g, '_')}.ts`);
    writeFileSync(file, v.make(text, internal));
    const report = await runCheck({
      only: 'structural',
      source: { kind: 'live', url: db.url },
      typesFile: file,
      config: {},
    });
    expect(report.findings).toEqual([]);
  });

  it.each(VARIANTS)('$name: the fast parser reads it, into the same tree as the TypeScript compiler', (v) => {
    const file = join(dir, `tree-${v.name.replace(/\W+/g, '_')}.ts`);
    writeFileSync(file, v.make(text, internal));
    const source = readSourceText(file);
    const fast = fastParse(source);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(parseWithCompiler(source, file));
  });

  it('keeps the line of every table, column, enum and function', async () => {
    const file = join(dir, 'lines.ts');
    writeFileSync(file, text);
    const model = await parseTypesFile(file);
    const lines = text.split('\n');
    const at = (loc: { line: number } | undefined) => lines[(loc?.line ?? 0) - 1] ?? '';
    const authors = model.tables.find((t) => t.name === 'authors')!;
    expect(at(authors.location)).toMatch(/^\s+authors: \{/);
    expect(at(authors.columns.find((c) => c.name === 'nick')!.location)).toMatch(/^\s+nick: string \| null/);
    expect(at(model.enums.find((e) => e.name === 'mood')!.location)).toMatch(/^\s+mood: "happy"/);
    expect(at(model.functions.find((f) => f.name === 'add')!.location)).toMatch(/^\s+add: \{/);
    expect(at(model.views.find((f) => f.name === 'mood_counts')!.location)).toMatch(/^\s+mood_counts: \{/);
  });
});
