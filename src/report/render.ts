/** One entry point for every report format; each renderer is loaded only when its format is asked for. */
import type { Report } from './report.js';

export const FORMATS = ['text', 'json', 'markdown', 'github', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** Colour for the text format (a terminal, or FORCE_COLOR). */
  color?: boolean;
  version: string;
  /** The SQL `fix` would write, for the markdown format's collapsed block. */
  fixSql?: string;
}

export async function renderReport(report: Report, format: Format, opts: RenderOptions): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('./json.js')).renderJson(report);
    case 'markdown':
      return (await import('./markdown.js')).renderMarkdown(report, { fixSql: opts.fixSql });
    case 'github':
      return (await import('./github.js')).renderGithub(report);
    case 'sarif': {
      const { codeInfo } = await import('../findings/registry.js');
      return (await import('./sarif.js')).renderSarif(report, {
        version: opts.version,
        describe: (code) => codeInfo(code)?.title,
        helpUri: (code) => codeInfo(code)?.docs,
      });
    }
    case 'text': {
      const { renderText, ansiStyle, PLAIN } = await import('./text.js');
      return renderText(report, opts.color ? await ansiStyle() : PLAIN);
    }
  }
}
