/**
 * The schema lints' codes: Supabase's advisor lint names (splinter), so users recognise them, with DESIGN.md's
 * severities (README lists where they differ from splinter's levels). The rules are in src/lint/rules/.
 */
import type { CodeInfo } from './registry.js';

export interface LintCodeInfo extends CodeInfo {
  category: 'security' | 'performance';
  /** splinter's level for the same lint, kept to document the differences. */
  splinterLevel: 'ERROR' | 'WARN' | 'INFO';
  /** What to do about it, in one line. */
  remediation: string;
}

/** Supabase's advisor documentation for a lint (splinter's `remediation` link). */
const advisorDocs = (id: string) => `https://supabase.com/docs/guides/database/database-linter?lint=${id}`;

export const LINT_CODES: LintCodeInfo[] = [
  {
    code: 'rls_disabled_in_public',
    severity: 'error',
    splinterLevel: 'ERROR',
    kind: 'table',
    title: 'RLS disabled in public',
    category: 'security',
    description:
      'A table in a schema the Data API exposes, readable by anon or authenticated, has row level security off.',
    remediation: 'ALTER TABLE … ENABLE ROW LEVEL SECURITY, then add policies for what each role may do.',
    docs: advisorDocs('0013_rls_disabled_in_public'),
  },
  {
    code: 'policy_exists_rls_disabled',
    severity: 'error',
    splinterLevel: 'ERROR',
    kind: 'table',
    title: 'Policy exists, RLS disabled',
    category: 'security',
    description:
      'A table has row level security policies, but row level security is not enabled, so none of them applies.',
    remediation: 'ALTER TABLE … ENABLE ROW LEVEL SECURITY (or drop the policies if the table is meant to be open).',
    docs: advisorDocs('0007_policy_exists_rls_disabled'),
  },
  {
    code: 'security_definer_view',
    severity: 'error',
    splinterLevel: 'ERROR',
    kind: 'view',
    title: 'Security definer view',
    category: 'security',
    description:
      "A view the Data API exposes runs with its owner's privileges and RLS (no security_invoker), not the querying user's.",
    remediation: 'ALTER VIEW … SET (security_invoker = true), or move the view out of the exposed schemas.',
    docs: advisorDocs('0010_security_definer_view'),
  },
  {
    code: 'rls_references_user_metadata',
    severity: 'warning',
    splinterLevel: 'ERROR',
    kind: 'policy',
    title: 'RLS references user metadata',
    category: 'security',
    description:
      "A policy reads the JWT's user_metadata (or auth.users.raw_user_meta_data), which users can edit themselves.",
    remediation: 'Decide access from app_metadata (set only by the server) or from your own tables.',
    docs: advisorDocs('0015_rls_references_user_metadata'),
  },
  {
    code: 'rls_enabled_no_policy',
    severity: 'warning',
    splinterLevel: 'INFO',
    kind: 'table',
    title: 'RLS enabled, no policy',
    category: 'security',
    description: 'A table has row level security enabled but no policy, so only roles that bypass RLS can use it.',
    remediation:
      "Add policies for the roles that should use the table, or revoke the API roles' privileges if it is service-role only.",
    docs: advisorDocs('0008_rls_enabled_no_policy'),
  },
  {
    code: 'function_search_path_mutable',
    severity: 'warning',
    splinterLevel: 'WARN',
    kind: 'function',
    title: 'Function search path mutable',
    category: 'security',
    description: "A function does not set search_path, so the names it uses resolve through the caller's search_path.",
    remediation: "ALTER FUNCTION … SET search_path = '' and schema-qualify the names in its body.",
    docs: advisorDocs('0011_function_search_path_mutable'),
  },
  {
    code: 'extension_in_public',
    severity: 'warning',
    splinterLevel: 'WARN',
    kind: 'extension',
    title: 'Extension in public',
    category: 'security',
    description: 'An extension is installed in the public schema.',
    remediation:
      'Install it into the extensions schema (ALTER EXTENSION … SET SCHEMA extensions, where the extension allows it).',
    docs: advisorDocs('0014_extension_in_public'),
  },
  {
    code: 'unindexed_foreign_keys',
    severity: 'warning',
    splinterLevel: 'INFO',
    kind: 'foreign key',
    title: 'Unindexed foreign keys',
    category: 'performance',
    description: 'A foreign key has no index whose leading columns are its columns.',
    remediation: 'CREATE INDEX on the foreign key columns (CONCURRENTLY on a live database).',
    docs: advisorDocs('0001_unindexed_foreign_keys'),
  },
  {
    code: 'auth_rls_initplan',
    severity: 'warning',
    splinterLevel: 'WARN',
    kind: 'policy',
    title: 'Auth RLS initialization plan',
    category: 'performance',
    description:
      'A policy calls auth.uid(), auth.jwt(), auth.role(), auth.email() or current_setting() outside a (select …), so it is evaluated for every row.',
    remediation: 'Write the call as (select auth.uid()) so PostgreSQL evaluates it once per statement.',
    docs: advisorDocs('0003_auth_rls_initplan'),
  },
  {
    code: 'multiple_permissive_policies',
    severity: 'warning',
    splinterLevel: 'WARN',
    kind: 'table',
    title: 'Multiple permissive policies',
    category: 'performance',
    description:
      'A table has several permissive policies for the same role and command; each is evaluated for every row.',
    remediation: 'Merge them into one policy per role and command (OR the conditions), or make some restrictive.',
    docs: advisorDocs('0006_multiple_permissive_policies'),
  },
  {
    code: 'duplicate_index',
    severity: 'warning',
    splinterLevel: 'WARN',
    kind: 'index',
    title: 'Duplicate index',
    category: 'performance',
    description: 'Two or more indexes of a table are identical but for their names.',
    remediation: 'Drop all but one of them (keep the one a constraint uses).',
    docs: advisorDocs('0009_duplicate_index'),
  },
  {
    code: 'no_primary_key',
    severity: 'warning',
    splinterLevel: 'INFO',
    kind: 'table',
    title: 'No primary key',
    category: 'performance',
    description: 'A table has no primary key.',
    remediation: 'Add a primary key (an identity or uuid column if the table has no natural key).',
    docs: advisorDocs('0004_no_primary_key'),
  },
];
