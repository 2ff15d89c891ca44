/** Supabase's roles (cluster-wide on a shared server, so created only when missing). */
const ROLES: Array<[string, string]> = [
  ['anon', 'nologin noinherit'],
  ['authenticated', 'nologin noinherit'],
  ['service_role', 'nologin noinherit bypassrls'],
  ['authenticator', 'login noinherit'],
  ['supabase_admin', 'nologin'],
  ['supabase_auth_admin', 'nologin noinherit'],
  ['supabase_storage_admin', 'nologin noinherit'],
  ['supabase_realtime_admin', 'nologin noinherit'],
  ['supabase_replication_admin', 'nologin'],
  ['supabase_read_only_user', 'nologin bypassrls'],
  ['dashboard_user', 'nologin'],
  ['pgbouncer', 'nologin'],
  ['supabase_functions_admin', 'nologin noinherit'],
];

export const ROLES_SQL =
  ROLES.map(
    ([name, opts]) => `do $$ begin
  if not exists (select 1 from pg_roles where rolname = '${name}') then create role ${name} ${opts}; end if;
end $$;`,
  ).join('\n') + '\ngrant anon, authenticated, service_role to authenticator;\n';
