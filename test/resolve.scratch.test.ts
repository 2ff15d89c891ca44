/**
 * A project that keeps only a declarative schema (supabase/schemas/*.sql) is replayed from a numbered copy of its
 * files in a scratch folder: the folder goes when the command ends (CLI and API, success or failure), the user's
 * own folders are never touched, and `fix` does not write its migration into the copy.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tmpdirEnv } from './support/platform.js';

import { isScratchSource, releaseSource, resolveSource } from '../src/commands/resolve.js';
import { check } from '../src/index.js';
import { findProject } from '../src/supabase/project.js';
import { runInProcess, type CliResult } from './support/cli.js';
import { filesUnder } from './support/package-copy.js';

const made: string[] = [];

function folder(prefix: string, files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const declarative = () =>
  folder('sd-scratch-app-', {
    'supabase/config.toml': '[api]\nschemas = ["public"]\n',
    'supabase/schemas/b_notes.sql':
      'create table public.notes (id bigint primary key, author uuid references public.authors (id));\n',
    'supabase/schemas/a_authors.sql': 'create table public.authors (id uuid primary key);\n',
    'src/app/page.tsx': '',
  });

const scratchIn = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('schema-drift-schemas-'));

/** The command in this process: what it leaves in `tmp` when it ends is what a process would leave at exit. */
function run(args: string[], cwd: string, tmp: string): Promise<CliResult> {
  return runInProcess(args, { cwd, env: { ...tmpdirEnv(tmp), NO_COLOR: '1' } });
}

afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('the declarative schema copy', () => {
  it('is made in name order, removed by releaseSource, and only it: a folder the user named stays', () => {
    const root = declarative();
    const notices: string[] = [];
    const source = resolveSource({}, {}, findProject(root), (m) => notices.push(m));
    expect(source.kind).toBe('migrations');
    if (source.kind !== 'migrations') return;
    const [dir] = source.dirs;
    expect(isScratchSource(source)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['0001_a_authors.sql', '0002_b_notes.sql']);
    expect(notices.join('\n')).toMatch(/replaying the declarative schema/);
    releaseSource(source);
    expect(existsSync(dir)).toBe(false);
    releaseSource(source); // twice: harmless

    const own = { kind: 'migrations' as const, dirs: [join(root, 'supabase', 'schemas')] };
    expect(isScratchSource(own)).toBe(false);
    releaseSource(own);
    expect(readdirSync(join(root, 'supabase', 'schemas')).sort()).toEqual(['a_authors.sql', 'b_notes.sql']);
  });

  it('check from the command line leaves no copy behind, in sync or failing', async () => {
    const root = declarative();
    const tmp = folder('sd-scratch-tmp-');
    const ok = await run(['check', '--fail-on', 'never'], join(root, 'src', 'app'), tmp);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/replaying the declarative schema/);
    expect(scratchIn(tmp)).toEqual([]);
    // A replay that fails (exit 2) removes it too.
    writeFileSync(join(root, 'supabase', 'schemas', 'c_broken.sql'), 'create table public.broken (;\n');
    const bad = await run(['check', '--quiet'], root, tmp);
    expect(bad.status).toBe(2);
    // The one error line names the user's file, not the copy that is gone.
    expect(bad.stderr).toMatch(/^schema-drift: supabase[\\/]schemas[\\/]c_broken\.sql:1\b.*\n$/);
    expect(scratchIn(tmp)).toEqual([]);
  }, 120_000);

  it('the programmatic check leaves no copy behind', async () => {
    const root = declarative();
    const tmp = folder('sd-scratch-tmp-');
    const set = tmpdirEnv(tmp);
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, process.env[k]]));
    Object.assign(process.env, set);
    try {
      const report = await check({ cwd: root });
      expect(report.database.kind).toBe('migrations');
      expect(scratchIn(tmp)).toEqual([]);
    } finally {
      for (const [k, v] of Object.entries(before))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  }, 120_000);

  it('fix without --out refuses to write into the copy: exit 2, one line, nothing written or left', async () => {
    const root = declarative();
    writeFileSync(join(root, 'types.ts'), 'export type Database = { public: { Tables: {} } }\n');
    const tmp = folder('sd-scratch-tmp-');
    const before = filesUnder(root);
    const r = await run(['fix', '--types', 'types.ts', '--quiet'], root, tmp);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^schema-drift: this project keeps a declarative schema \(supabase\/schemas\).*--out DIR.*--stdout\n$/,
    );
    expect(filesUnder(root)).toEqual(before);
    expect(scratchIn(tmp)).toEqual([]);
  }, 120_000);
});
