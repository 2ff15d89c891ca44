-- Written after types.ts was last generated: the file is stale.
alter type public.plan add value 'enterprise';
alter table public.teams add column seats integer not null default 5;
alter table public.members alter column role drop default;
create table public.invoices (id bigint primary key, team_id uuid not null references public.teams (id), cents integer not null);
