/** realtime: the publication migrations add tables to. */
export const REALTIME_SQL = `
-- realtime: the publication migrations add tables to.
do $$ begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end $$;
`;
