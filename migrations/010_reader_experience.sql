-- 010 (phase 3): the reader's side (progress, library, usage) and the cover generation system.

create type public.reading_status as enum ('want_to_read', 'reading', 'completed', 'dropped');
create type public.cover_style as enum ('realistic', 'artistic', 'fantasy', 'minimalist', 'vintage');
create type public.cover_generation_status as enum ('pending', 'generating', 'completed', 'failed');

create table public.reading_progress (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  story_id uuid not null references public.stories (id) on delete cascade,
  chapter_id uuid references public.chapters (id) on delete set null,
  progress_percentage numeric(5, 2) not null default 0 check (progress_percentage between 0 and 100),
  last_read_at timestamptz not null default now(),
  reading_time_minutes integer not null default 0 check (reading_time_minutes >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, story_id)
);
-- A user's progress, most recent first (cross-device sync); the unique key covers (user_id, story_id).
create index reading_progress_user_recent_idx on public.reading_progress (user_id, last_read_at desc);
create index reading_progress_story_id_idx on public.reading_progress (story_id);
create index reading_progress_chapter_id_idx on public.reading_progress (chapter_id);
create trigger reading_progress_updated_at before update on public.reading_progress
  for each row execute function public.set_updated_at();

create table public.user_library (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  story_id uuid not null references public.stories (id) on delete cascade,
  added_at timestamptz not null default now(),
  is_favorite boolean not null default false,
  reading_status public.reading_status not null default 'want_to_read',
  personal_rating smallint check (personal_rating between 1 and 5),
  personal_notes text,
  unique (user_id, story_id)
);
create index user_library_user_status_idx on public.user_library (user_id, reading_status, added_at desc);
create index user_library_story_id_idx on public.user_library (story_id);

create table public.subscription_usage (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  subscription_tier public.subscription_tier not null,
  credits_used_this_month integer not null default 0 check (credits_used_this_month >= 0),
  stories_read_this_month integer not null default 0 check (stories_read_this_month >= 0),
  downloads_this_month integer not null default 0 check (downloads_this_month >= 0),
  period_start date not null,
  period_end date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, period_start),
  check (period_end > period_start)
);
create trigger subscription_usage_updated_at before update on public.subscription_usage
  for each row execute function public.set_updated_at();

create table public.story_covers (
  id uuid primary key default gen_random_uuid(),
  story_id uuid not null references public.stories (id) on delete cascade,
  cover_url text not null,
  cover_style public.cover_style not null,
  generation_prompt text,
  is_primary boolean not null default false,
  generation_cost numeric(10, 4) not null default 0 check (generation_cost >= 0),
  sd_model_used text,
  created_at timestamptz not null default now()
);
create index story_covers_story_id_idx on public.story_covers (story_id);
create unique index story_covers_one_primary on public.story_covers (story_id) where is_primary;

create table public.cover_generation_queue (
  id uuid primary key default gen_random_uuid(),
  story_id uuid not null references public.stories (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  generation_prompt text not null,
  cover_style public.cover_style not null,
  status public.cover_generation_status not null default 'pending',
  priority smallint not null default 0 check (priority between 0 and 10),
  retry_count smallint not null default 0 check (retry_count between 0 and 5),
  error_message text,
  webui_task_id text,
  estimated_completion timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Workers take the highest priority, oldest job among those waiting.
create index cover_generation_queue_next_idx on public.cover_generation_queue (status, priority desc, created_at);
create index cover_generation_queue_story_id_idx on public.cover_generation_queue (story_id);
create index cover_generation_queue_user_id_idx on public.cover_generation_queue (user_id, created_at desc);
create trigger cover_generation_queue_updated_at before update on public.cover_generation_queue
  for each row execute function public.set_updated_at();

alter table public.reading_progress enable row level security;
alter table public.user_library enable row level security;
alter table public.subscription_usage enable row level security;
alter table public.story_covers enable row level security;
alter table public.cover_generation_queue enable row level security;

-- A reader points their rows only at stories they can read (published, or their own). RLS checks a new row
-- before its foreign keys, so a hidden story and a missing one fail alike: no existence probe through the FK.
create policy "reading_progress: read own" on public.reading_progress for select to authenticated
  using ((select auth.uid()) = user_id);
create policy "reading_progress: insert own" on public.reading_progress for insert to authenticated
  with check (
    (select auth.uid()) = user_id
    and exists (select 1 from public.stories s
                 where s.id = story_id and (s.status = 'published' or s.user_id = (select auth.uid())))
  );
create policy "reading_progress: update own" on public.reading_progress for update to authenticated
  using ((select auth.uid()) = user_id)
  with check (
    (select auth.uid()) = user_id
    and exists (select 1 from public.stories s
                 where s.id = story_id and (s.status = 'published' or s.user_id = (select auth.uid())))
  );
create policy "reading_progress: delete own" on public.reading_progress for delete to authenticated
  using ((select auth.uid()) = user_id);

create policy "user_library: read own" on public.user_library for select to authenticated
  using ((select auth.uid()) = user_id);
create policy "user_library: insert own" on public.user_library for insert to authenticated
  with check (
    (select auth.uid()) = user_id
    and exists (select 1 from public.stories s
                 where s.id = story_id and (s.status = 'published' or s.user_id = (select auth.uid())))
  );
create policy "user_library: update own" on public.user_library for update to authenticated
  using ((select auth.uid()) = user_id)
  with check (
    (select auth.uid()) = user_id
    and exists (select 1 from public.stories s
                 where s.id = story_id and (s.status = 'published' or s.user_id = (select auth.uid())))
  );
create policy "user_library: delete own" on public.user_library for delete to authenticated
  using ((select auth.uid()) = user_id);

create policy "subscription_usage: read own" on public.subscription_usage for select to authenticated
  using ((select auth.uid()) = user_id);

create policy "story_covers: read published or own" on public.story_covers for select to anon, authenticated
  using (exists (
    select 1 from public.stories s
     where s.id = story_id and (s.status = 'published' or s.user_id = (select auth.uid()))
  ));

create policy "cover_generation_queue: read own" on public.cover_generation_queue for select to authenticated
  using ((select auth.uid()) = user_id);
create policy "cover_generation_queue: request for own story" on public.cover_generation_queue for insert to authenticated
  with check (
    (select auth.uid()) = user_id
    and exists (select 1 from public.stories s where s.id = story_id and s.user_id = (select auth.uid()))
  );

-- A reading position names a chapter of the story it is for. Checked as the definer, since readers cannot see
-- the chapters of others' stories. For an API caller the story must also be one they can read, and every failure
-- gives the same answer, so nothing here tells a hidden row from a missing one.
create function public.check_reading_progress_target() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid := (select auth.uid());
begin
  if (not private.is_trusted_caller() and not exists (
        select 1 from public.stories s where s.id = new.story_id and (s.status = 'published' or s.user_id = v_user)))
     or (new.chapter_id is not null and not exists (
        select 1 from public.chapters c where c.id = new.chapter_id and c.story_id = new.story_id)) then
    -- Worded as RLS words its refusals: the caller learns no more than a policy would tell them.
    raise exception 'new row violates row-level security policy for table "reading_progress"' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke all on function public.check_reading_progress_target from public, anon, authenticated;
create trigger reading_progress_check_target before insert or update of story_id, chapter_id on public.reading_progress
  for each row execute function public.check_reading_progress_target();

-- Queue rows are requested by users but scheduled by the queue: users name only the story, the prompt and the
-- style; this trigger sets status, priority (from the subscription tier, which users cannot change) and the
-- worker's fields, and caps each user's open requests so nobody floods the generator.
revoke insert, update, delete on public.cover_generation_queue from anon, authenticated;
grant insert (story_id, user_id, generation_prompt, cover_style) on public.cover_generation_queue to authenticated;

create function public.schedule_cover_generation() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  max_open constant integer := 3;
  v_tier public.subscription_tier;
begin
  if not private.is_trusted_caller() and new.user_id is distinct from (select auth.uid()) then
    raise exception 'cover requests are made for oneself' using errcode = '42501';
  end if;
  -- One request at a time per user, so the open-request count below cannot be raced past.
  select p.subscription_tier into v_tier from public.profiles p where p.id = new.user_id for update;
  if (select count(*) from public.cover_generation_queue q
       where q.user_id = new.user_id and q.status in ('pending', 'generating')) >= max_open then
    raise exception 'too many cover requests in progress (at most %)', max_open using errcode = '54000';
  end if;
  if length(new.generation_prompt) > 2000 then
    raise exception 'the cover prompt is too long (at most 2000 characters)' using errcode = '22001';
  end if;
  new.status := 'pending';
  new.priority := case v_tier when 'premium' then 9 when 'pro' then 6 when 'starter' then 3 else 0 end;
  new.retry_count := 0;
  new.error_message := null;
  new.webui_task_id := null;
  new.estimated_completion := null;
  return new;
end
$$;
revoke all on function public.schedule_cover_generation from public, anon, authenticated;
create trigger cover_generation_queue_schedule before insert on public.cover_generation_queue
  for each row execute function public.schedule_cover_generation();
