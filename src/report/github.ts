/**
 * `--format github`: GitHub Actions workflow commands, so each finding shows as an annotation on the line of
 * types.ts (or the migration) it is about, then the summary.
 *
 * GitHub shows at most 10 annotations of each level per step; the rest would be dropped silently, so they are
 * listed as plain log lines with a count, and nothing is lost from the log.
 */
import type { Finding, Severity } from '../findings/finding.js';
import { escapeControlKeepNewlines } from './escape.js';
import { summaryLine } from './summary.js';
import type { Report } from './report.js';

/** Per level and step, what the Actions UI keeps. */
export const ANNOTATIONS_PER_LEVEL = 10;

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * A workflow command's message: `%`, CR and LF are special there; every other control character (an ANSI
 * sequence in a table name) is made visible so the log shows what is there.
 */
function escapeData(s: string): string {
  return escapeControlKeepNewlines(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A property value (file, title) additionally may not hold `:` or `,`. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function title(f: Finding): string {
  return `${f.code}: ${f.schema}.${f.object}${f.column ? `.${f.column}` : ''}`;
}

export function renderGithub(report: Report): string {
  const out: string[] = [];
  const shown: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const overflow: Finding[] = [];
  for (const f of report.findings) {
    if (shown[f.severity] >= ANNOTATIONS_PER_LEVEL) {
      overflow.push(f);
      continue;
    }
    shown[f.severity]++;
    const props = [
      ...(f.location ? [`file=${escapeProperty(f.location.file)}`, `line=${f.location.line}`] : []),
      `title=${escapeProperty(title(f))}`,
    ];
    const hint = f.hint;
    out.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(hint ? `${f.message}\n${hint}` : f.message)}`);
  }
  if (overflow.length) {
    out.push(
      `${overflow.length} more finding${overflow.length === 1 ? '' : 's'} (GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations per level):`,
    );
    for (const f of overflow) {
      const where = f.location ? ` (${f.location.file}:${f.location.line})` : '';
      out.push(`  ${f.severity} ${escapeData(title(f))}${where}: ${escapeData(f.message)}`);
    }
  }
  out.push(summaryLine(report.findings));
  return `${out.join('\n')}\n`;
}
