/** The one summary line every human-facing format ends with. */
import { summarize, type Finding } from '../findings/finding.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryLine(findings: readonly Finding[]): string {
  const s = summarize(findings);
  const total = s.error + s.warning + s.info;
  if (total === 0) return 'In sync: no drift found.';
  return `${plural(total, 'finding')}: ${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info.`;
}
