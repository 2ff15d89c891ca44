/**
 * Every format on the example app, drifted (fixture alone) and complete (with migrations/): file snapshots a
 * reviewer can read, the JSON report valid against schema/report.v1.json, the SARIF against SARIF 2.1.0's schema.
 * Run as the CLI from the checkout with relative paths, so the output has no machine-specific part.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './support/cli.js';
import { ROOT } from './support/package-copy.js';

const require = createRequire(import.meta.url);
const FIXTURE = ['--migrations', 'fixtures/creator-platform/supabase/migrations'];
const COMPLETE = [...FIXTURE, '--migrations', 'migrations'];
const TYPES = ['--types', 'fixtures/creator-platform/lib/supabase/types.ts'];

// The CLI's output for the same arguments is the same: each command runs once and later tests read its output.
const runs = new Map<string, { code: number | null; stdout: string; stderr: string }>();

async function run(args: string[], command = 'check') {
  const key = JSON.stringify([command, ...args]);
  const done = runs.get(key);
  if (done) return done;
  const r = await runInProcess([command, ...args, ...TYPES, '--quiet'], {
    cwd: ROOT,
    env: { NO_COLOR: '1', FORCE_COLOR: '' },
  });
  const out = { code: r.status, stdout: r.stdout, stderr: r.stderr };
  runs.set(key, out);
  return out;
}

function validator(schemaFile: string, draft04 = false) {
  const Ajv = draft04 ? require('ajv-draft-04').default : require('ajv').default;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
}

const FORMATS = ['text', 'json', 'markdown', 'github', 'sarif'] as const;
const EXT = { text: 'txt', json: 'json', markdown: 'md', github: 'txt', sarif: 'sarif.json' } as const;

describe.each([
  ['drifted', FIXTURE, 1],
  ['complete', COMPLETE, 0],
] as const)('the example, %s', (state, source, code) => {
  it.each(FORMATS)(
    '%s',
    async (format) => {
      const r = await run([...source, '--format', format]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(code);
      await expect(r.stdout).toMatchFileSnapshot(`./__snapshots__/example-${state}.${format}.${EXT[format]}`);
      if (format === 'json') {
        const validate = validator(fileURLToPath(new URL('../schema/report.v1.json', import.meta.url)));
        expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors)).toBe(true);
      }
      if (format === 'sarif') {
        const validate = validator(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), true);
        expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors)).toBe(true);
      }
    },
    300_000,
  );
});

describe('the markdown comment embeds the migration fix would write', () => {
  const sqlBody = (text: string) => text.slice(text.indexOf('\n\n') + 2);

  it('drifted: the collapsed block holds `fix --stdout` but for its header; in sync: no block', async () => {
    const md = (await run([...FIXTURE, '--format', 'markdown'])).stdout;
    const block =
      /<details><summary>The migration <code>schema-drift fix<\/code> would write<\/summary>\n\n```sql\n([\s\S]*?)\n```\n\n<\/details>\n/.exec(
        md,
      );
    expect(block).not.toBeNull();
    expect(block![1]).toMatch(/^-- schema-drift fix would write this migration/);
    const fix = await run([...FIXTURE, '--stdout'], 'fix');
    expect(fix.code, fix.stderr).toBe(0);
    expect(sqlBody(`${block![1]}\n`)).toBe(sqlBody(fix.stdout));
    expect((await run([...COMPLETE, '--format', 'markdown'])).stdout).not.toMatch(/<details>/);
    // Only the markdown format carries it.
    expect((await run([...FIXTURE, '--format', 'json'])).stdout).not.toMatch(/fixSql|create type/);
  }, 300_000);
});
