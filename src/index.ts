/**
 * The programmatic API: what the command line does, as functions that return the report object instead of
 * printing it. `import { check } from 'schema-drift'`.
 */
import { loadConfig } from './config.js';
import { releaseSource, resolveSource, resolveTypes, shown, type SourceFlags } from './commands/resolve.js';
import { findProject } from './supabase/project.js';
import type { Report } from './report/report.js';

export type { Report, DatabaseLabel } from './report/report.js';
export type { Finding, Severity } from './findings/finding.js';
export { allCodes, codeInfo, type CodeInfo } from './findings/registry.js';

export interface CheckOptions extends SourceFlags {
  /** Where the project is looked for (default: the current folder). */
  cwd?: string;
  /** The types file; default: "types" in the config, else the one found in the project. */
  types?: string;
  schemas?: string[];
  /** Only the types comparison, or only the schema lints. */
  only?: 'structural' | 'lints';
  /** The config file (default: schema-drift.config.json at the project root, when present). */
  config?: string;
  /** Where notices go (default: nowhere). */
  notice?: (message: string) => void;
}

/** `schema-drift check` without the printing: the report, with findings, hints and the next command. */
export async function check(options: CheckOptions = {}): Promise<Report> {
  const project = findProject(options.cwd);
  const config = await loadConfig(options.config ?? (project.configFile ? shown(project.configFile) : undefined));
  const notice = options.notice ?? (() => {});
  const { runCheck } = await import('./commands/check.js');
  const typesFile = resolveTypes(options.types, config, project, notice);
  const source = resolveSource(options, config, project, notice);
  let failure: unknown;
  try {
    return await runCheck({
      source,
      typesFile,
      schemas: options.schemas ?? config.schemas,
      apiSchemas: project.supabase.apiSchemas?.filter((s) => s !== 'graphql_public'),
      only: options.only,
      config,
      notice,
    });
  } catch (err) {
    failure = err;
    throw err;
  } finally {
    releaseSource(source, failure);
  }
}

/** The exit code the command line would give for this report (0 in sync, 1 drift). */
export { exitCodeFor } from './commands/check.js';
