create function public.todo_count(owner uuid) returns bigint language sql stable
  as $$ select count(*) from public.todos where user_id = owner $$;

create or replace function public.handle_new_user() returns trigger language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, username) values (new.id, new.raw_user_meta_data ->> 'username');
  return new;
end;
$$;
create trigger on_auth_user_created after insert on auth.users for each row execute procedure public.handle_new_user();
