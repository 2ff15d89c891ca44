/**
 * The CI formats on in-memory reports: GitHub workflow commands (escaping, the per-level annotation limit),
 * Markdown (hostile names render as text), SARIF (valid against the SARIF 2.1.0 JSON Schema).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeFinding, type Finding, type FindingInput, type Severity } from '../src/findings/finding.js';
import type { Report } from '../src/report/report.js';
import { ANNOTATIONS_PER_LEVEL, renderGithub } from '../src/report/github.js';
import { COMMENT_LIMIT, escapeMarkdown, renderMarkdown } from '../src/report/markdown.js';
import { renderSarif } from '../src/report/sarif.js';
import { hintFor, ignoreEntry } from '../src/findings/hints.js';

const require = createRequire(import.meta.url);

function finding(over: Partial<FindingInput> & { severity?: Severity } = {}): Finding {
  const { severity, ...input } = over;
  const made = makeFinding({
    code: 'column_missing_in_database',
    schema: 'public',
    object: 'payments',
    column: 'amount_usd',
    message: 'column public.payments.amount_usd: types.ts has it, the database does not',
    location: { file: 'lib/supabase/types.ts', line: 212 },
    ...input,
  });
  return severity ? { ...made, severity } : made;
}

const report = (findings: Finding[]): Report => ({
  database: { kind: 'migrations', label: 'supabase/migrations' },
  types: 'lib/supabase/types.ts',
  findings,
});

describe('github', () => {
  it('writes one annotation per finding at file:line, escaped, then the summary', () => {
    const out = renderGithub(report([finding({ object: 'a,b:c', message: '100%\nsure\r' })]));
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::error file=lib/supabase/types.ts,line=212,title=column_missing_in_database%3A public.a%2Cb%3Ac.amount_usd::100%25%0Asure%0D',
    );
    expect(lines.at(-1)).toBe('1 finding: 1 error, 0 warnings, 0 info.');
  });

  it('keeps within the per-level annotation limit and lists the rest', () => {
    const many = Array.from({ length: ANNOTATIONS_PER_LEVEL + 3 }, (_, i) => finding({ object: `t${i}` }));
    const out = renderGithub(
      report([...many, finding({ severity: 'warning', code: 'table_missing_in_types', object: 'w' })]),
    );
    expect(out.match(/^::error /gm)).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(out.match(/^::warning /gm)).toHaveLength(1);
    expect(out).toContain('3 more findings');
    for (let i = ANNOTATIONS_PER_LEVEL; i < many.length; i++) expect(out).toContain(`public.t${i}.amount_usd`);
  });

  it('makes terminal escapes in names visible', () => {
    const out = renderGithub(report([finding({ object: 't\u001b[2K', message: 'm\u001b]8;;x\u0007' })]));
    expect(out).not.toContain('\u001b');
    expect(out).toContain('t\\e[2K');
  });

  it('says in sync when there is nothing', () => {
    expect(renderGithub(report([]))).toBe('In sync: no drift found.\n');
  });
});

describe('markdown', () => {
  it('renders hostile names as text', () => {
    const out = renderMarkdown(
      report([finding({ object: '<img src=x onerror=alert(1)> | `x` **b**', message: '[link](http://e)' })]),
    );
    expect(out).not.toMatch(/<img/);
    expect(out).not.toMatch(/\]\(http/);
    expect(out).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; \\| \\`x\\` \\*\\*b\\*\\*');
  });

  it('makes control characters visible', () => {
    expect(escapeMarkdown('a\u001b[2Kb\rc')).toBe('a\\u001b\\[2Kb\\u000dc');
  });

  it('has a summary table, one section per object, and the fix SQL collapsed', () => {
    const out = renderMarkdown(
      report([finding(), finding({ column: 'paid_at' }), finding({ object: 'stories', severity: 'warning' })]),
      {
        fixSql: 'alter table "public"."payments" add column "x" text;\n-- ```\n',
      },
    );
    expect(out).toContain('| 🔴 error | 2 |');
    expect(out).toContain('| 🟡 warning | 1 |');
    expect(out.match(/^### /gm)).toHaveLength(2);
    expect(out).toMatch(/<details><summary>/);
    // The fence is longer than any backtick run in the SQL, so the SQL cannot end the block.
    expect(out).toContain('````sql\n');
  });

  it('a fix too long for a GitHub comment is left out of it, saying how to see it', () => {
    const fixSql = 'create table "public"."t" (id integer);\n'.repeat(2000);
    const out = renderMarkdown(report([finding()]), { fixSql });
    expect(out.length).toBeLessThan(COMMENT_LIMIT);
    expect(out).not.toMatch(/create table/);
    expect(out).toMatch(
      /<details><summary>[^\n]*\n\nThe migration \(2000 lines\) is too long for a pull-request comment: run `schema-drift fix --stdout` to see it\.\n\n<\/details>/,
    );
  });
});

describe('sarif', () => {
  it('is valid SARIF 2.1.0 with one rule per code and a stable fingerprint', () => {
    const Ajv = require('ajv-draft-04').default;
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    const findings = [
      finding(),
      finding({ column: 'x' }),
      finding({ code: 'enum_missing_in_types', severity: 'warning', location: undefined, column: undefined }),
    ];
    const log = JSON.parse(renderSarif(report(findings), { version: '0.1.0' }));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'column_missing_in_database',
      'enum_missing_in_types',
    ]);
    expect(log.runs[0].results).toHaveLength(3);
    expect(log.runs[0].results[2].level).toBe('warning');
    expect(log.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(212);
    const again = JSON.parse(renderSarif(report(findings), { version: '0.1.0' }));
    expect(again.runs[0].results.map((r: any) => r.partialFingerprints)).toEqual(
      log.runs[0].results.map((r: any) => r.partialFingerprints),
    );
    expect(new Set(log.runs[0].results.map((r: any) => r.partialFingerprints['schemaDriftKey/v1'])).size).toBe(3);
  });

  it('is valid with no findings', () => {
    const Ajv = require('ajv-draft-04').default;
    const ajv = new Ajv({ strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(
      JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')),
    );
    expect(validate(JSON.parse(renderSarif(report([]), { version: '0.1.0' })))).toBe(true);
  });
});

describe('hints', () => {
  it('points each direction at the command that closes it, and gives the exact ignore line', () => {
    expect(hintFor(finding(), { typesFile: 'x.ts' })).toMatch(/^write the migration: schema-drift fix; or ignore/);
    expect(hintFor(finding({ code: 'table_missing_in_types', column: undefined }), { typesFile: 'x.ts' })).toMatch(
      /^regenerate types: schema-drift types --out x\.ts/,
    );
    expect(hintFor(finding({ code: 'column_type_mismatch' }))).toMatch(
      /if the database is right.*if types\.ts is right/,
    );
    expect(ignoreEntry(finding())).toBe('column_missing_in_database:public.payments.amount_usd');
  });
});
