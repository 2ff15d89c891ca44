-- Database webhooks as the dashboard writes them: a trigger calling supabase_functions.http_request.
create trigger "notify-moderation" after insert on public.messages
  for each row execute function supabase_functions.http_request(
    'https://example.test/functions/v1/moderate', 'POST',
    '{"Content-type":"application/json","Authorization":"Bearer local-key"}', '{}', '5000');

create trigger "profile-changed" after update on public.profiles
  for each row execute function supabase_functions.http_request(
    'https://example.test/hooks/profile', 'POST', '{"Content-type":"application/json"}', '{}', '1000');

insert into public.rooms (slug, created_by) values ('general', 'aaaaaaaa-0000-4000-8000-000000000001');
insert into public.room_members (room_id, user_id, role)
  select id, 'aaaaaaaa-0000-4000-8000-000000000001', 'owner' from public.rooms where slug = 'general';
insert into public.messages (room_id, author_id, body)
  select id, 'aaaaaaaa-0000-4000-8000-000000000001', 'hello' from public.rooms where slug = 'general';
