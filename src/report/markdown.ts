/**
 * `--format markdown`: a pull-request comment. A summary table, then the findings per object, then (when `fix`
 * produced one) the migration it would write, collapsed. Every name and message is escaped: a table called
 * `<img src=x>` or `| x |` must render as text, not as markup.
 */
import { summarize, type Finding, type Severity } from '../findings/finding.js';
import type { Report } from './report.js';
import { summaryLine } from './summary.js';

/** Backslash-escapes Markdown's punctuation, entity-escapes HTML's, and makes control characters visible. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`)
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A fenced block whose fence is longer than any backtick run inside, so the content cannot close it. */
function fenced(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟡', info: 'ℹ️' };

export interface MarkdownExtras {
  /** The SQL `schema-drift fix` would write for these findings. */
  fixSql?: string;
}

export function renderMarkdown(report: Report, extras: MarkdownExtras = {}): string {
  const s = summarize(report.findings);
  const lines: string[] = ['## schema-drift', ''];
  lines.push(`${escapeMarkdown(summaryLine(report.findings))}`, '');
  lines.push(
    `Database: ${escapeMarkdown(report.database.label)} (${report.database.kind}) · types: ${report.types === null ? 'none (lints only)' : escapeMarkdown(report.types)}`,
    '',
  );
  if (report.findings.length === 0) return `${lines.join('\n')}\n`;

  lines.push('| severity | count |', '|---|---|');
  for (const sev of ['error', 'warning', 'info'] as const)
    if (s[sev]) lines.push(`| ${ICON[sev]} ${sev} | ${s[sev]} |`);
  lines.push('');

  const groups = new Map<string, { schema: string; object: string; findings: Finding[] }>();
  for (const f of report.findings) {
    // A tuple key: a dot inside a name cannot merge two objects.
    const key = JSON.stringify([f.schema, f.object]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { schema: f.schema, object: f.object, findings: [] }));
    g.findings.push(f);
  }
  const sorted = [...groups.values()].sort((a, b) =>
    a.schema === b.schema ? cmp(a.object, b.object) : cmp(a.schema, b.schema),
  );
  for (const g of sorted) {
    lines.push(`### ${escapeMarkdown(`${g.schema}.${g.object}`)}`, '');
    for (const f of g.findings) {
      const where = f.location ? ` (${escapeMarkdown(`${f.location.file}:${f.location.line}`)})` : '';
      lines.push(
        `- ${ICON[f.severity]} **${escapeMarkdown(f.code)}**${f.column ? ` ${escapeMarkdown(f.column)}` : ''}${where}: ${escapeMarkdown(f.message)}`,
      );
      const hint = f.hint;
      if (hint) lines.push(`  - ${escapeMarkdown(hint)}`);
    }
    lines.push('');
  }
  if (extras.fixSql) {
    const sql = fenced(extras.fixSql.trimEnd(), 'sql');
    const room = COMMENT_LIMIT - lines.join('\n').length - 200;
    const lineCount = extras.fixSql.trimEnd().split('\n').length;
    lines.push('<details><summary>The migration <code>schema-drift fix</code> would write</summary>', '');
    // A comment GitHub would refuse helps nobody: past its limit the block says how to see the SQL instead.
    if (sql.length <= room) lines.push(sql);
    else
      lines.push(
        `The migration (${lineCount} lines) is too long for a pull-request comment: run \`schema-drift fix --stdout\` to see it.`,
      );
    lines.push('', '</details>', '');
  }
  return `${lines.join('\n')}\n`;
}

/** GitHub refuses a pull-request comment longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
