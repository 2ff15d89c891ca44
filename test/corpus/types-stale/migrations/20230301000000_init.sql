create type public.plan as enum ('free', 'pro');
create table public.teams (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  plan public.plan not null default 'free'
);
create table public.members (
  team_id uuid not null references public.teams (id),
  user_id uuid not null references auth.users (id),
  role text not null default 'member',
  primary key (team_id, user_id)
);
