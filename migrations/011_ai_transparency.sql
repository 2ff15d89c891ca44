-- 011 (phase 4): AI cost transparency and cache rewards.

create type public.ai_operation_type as enum ('foundation', 'character', 'cover', 'chapter', 'improvement');

create table public.ai_usage_logs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  story_id uuid references public.stories (id) on delete set null,
  chapter_id uuid references public.chapters (id) on delete set null,
  operation_type public.ai_operation_type not null,
  tokens_input integer not null default 0 check (tokens_input >= 0),
  tokens_output integer not null default 0 check (tokens_output >= 0),
  actual_cost_usd numeric(12, 6) not null check (actual_cost_usd >= 0),
  charged_amount_usd numeric(12, 6) not null check (charged_amount_usd >= 0),
  markup_percentage numeric(6, 2) not null default 0 check (markup_percentage >= 0),
  ai_model_used text not null,
  generation_time_seconds numeric(8, 3) check (generation_time_seconds >= 0),
  created_at timestamptz not null default now()
);
create index ai_usage_logs_user_id_idx on public.ai_usage_logs (user_id, created_at desc);
create index ai_usage_logs_story_id_idx on public.ai_usage_logs (story_id);
create index ai_usage_logs_chapter_id_idx on public.ai_usage_logs (chapter_id);

create table public.cache_rewards (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  story_id uuid references public.stories (id) on delete set null,
  chapter_id uuid references public.chapters (id) on delete set null,
  cache_key text not null,
  credits_saved integer not null default 0 check (credits_saved >= 0),
  original_cost numeric(12, 6) not null check (original_cost >= 0),
  discounted_cost numeric(12, 6) not null check (discounted_cost >= 0 and discounted_cost <= original_cost),
  hit_count integer not null default 1 check (hit_count > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, cache_key)
);
create index cache_rewards_story_id_idx on public.cache_rewards (story_id);
-- The daily cap of record_cache_hit sums a user's rewards of the day.
create index cache_rewards_user_day_idx on public.cache_rewards (user_id, created_at);
create index cache_rewards_chapter_id_idx on public.cache_rewards (chapter_id);
create trigger cache_rewards_updated_at before update on public.cache_rewards
  for each row execute function public.set_updated_at();

-- What each cached result cost to generate, recorded by the generation backend (the service role or the owner,
-- never the API: it is in private). Cache rewards are computed from this, never from a cost a caller names.
create table private.cache_entries (
  cache_key text primary key check (length(cache_key) between 1 and 200),
  story_id uuid references public.stories (id) on delete cascade,
  chapter_id uuid references public.chapters (id) on delete cascade,
  generation_cost_usd numeric(12, 6) not null check (generation_cost_usd between 0 and 10),
  created_at timestamptz not null default now()
);
create index cache_entries_story_id_idx on private.cache_entries (story_id);
create index cache_entries_chapter_id_idx on private.cache_entries (chapter_id);
alter table private.cache_entries enable row level security;
create policy "cache_entries: service role only" on private.cache_entries
  for all to service_role using (true) with check (true);
grant usage on schema private to service_role;
grant select, insert, update, delete on private.cache_entries to service_role;

-- Credits a user got from cache rewards and has not spent yet, and how many of them each story purchase spent.
-- A user can earn these without paying anyone, so they buy stories but never become a creator's earnings.
create table private.promotional_credits (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  credits integer not null default 0 check (credits >= 0)
);
create table private.purchase_promotional_credits (
  purchase_id uuid primary key references public.story_purchases (id) on delete cascade,
  credits integer not null check (credits > 0)
);
alter table private.promotional_credits enable row level security;
alter table private.purchase_promotional_credits enable row level security;
create policy "promotional_credits: service role only" on private.promotional_credits
  for all to service_role using (true) with check (true);
create policy "purchase_promotional_credits: service role only" on private.purchase_promotional_credits
  for all to service_role using (true) with check (true);

alter table public.ai_usage_logs enable row level security;
alter table public.cache_rewards enable row level security;

create policy "ai_usage_logs: read own" on public.ai_usage_logs for select to authenticated
  using ((select auth.uid()) = user_id);
create policy "cache_rewards: read own" on public.cache_rewards for select to authenticated
  using ((select auth.uid()) = user_id);
