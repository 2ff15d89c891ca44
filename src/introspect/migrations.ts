/**
 * Migration files → statements → a database (the replay sources' shared part). Reads folders the way the
 * Supabase CLI does (replay/list), splits each file so a failure names its file, line and statement
 * (replay/split), and applies them (replay/apply).
 */
export { continuation, isMigrationName, listMigrations, type MigrationFile } from './replay/list.js';
export { splitStatements, type Statement } from './replay/split.js';
export {
  applyMigrations,
  extensionsNamedIn,
  extensionsUsed,
  StatementTimeoutError,
  parseMigrations,
  parseMigrationTexts,
  readMigrationTexts,
  type MigrationText,
  type ApplyOptions,
  type MigrationTarget,
  type ParsedMigration,
} from './replay/apply.js';
