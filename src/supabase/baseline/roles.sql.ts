/** Supabase's roles (cluster-wide on a shared server, so created only when missing); the list is platform.ts's. */
import { SUPABASE_ROLES } from '../platform.js';

export const ROLES_SQL =
  SUPABASE_ROLES.filter((r) => r.baseline !== undefined)
    .map(
      ({ name, baseline }) => `do $$ begin
  if not exists (select 1 from pg_roles where rolname = '${name}') then create role ${name} ${baseline}; end if;
end $$;`,
    )
    .join('\n') + '\ngrant anon, authenticated, service_role to authenticator;\n';
