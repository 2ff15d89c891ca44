-- Applied to production (the types were regenerated from it) but never committed to the repository.
alter table public.notes add column visibility public.visibility not null default 'private';
alter type public.visibility add value 'public';
create table public.note_shares (
  note_id bigint not null references public.notes (id) on delete cascade,
  shared_with uuid not null references auth.users (id),
  primary key (note_id, shared_with)
);
create function public.share_note(note bigint, target uuid) returns void language sql
  as $$ insert into public.note_shares values (note, target) $$;
