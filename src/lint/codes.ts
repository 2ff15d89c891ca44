/** The schema lints' codes: Supabase's advisor names (splinter), as DESIGN.md lists them. */
export const LINT_CODES = [
  'rls_disabled_in_public', 'policy_exists_rls_disabled', 'rls_enabled_no_policy', 'unindexed_foreign_keys',
  'auth_rls_initplan', 'multiple_permissive_policies', 'duplicate_index', 'no_primary_key',
  'function_search_path_mutable', 'security_definer_view', 'extension_in_public', 'rls_references_user_metadata',
] as const;

export type LintCode = (typeof LINT_CODES)[number];
