-- Supabase Queues: a pgmq queue, exposed to the Data API through pgmq_public wrappers (what the dashboard's
-- "Expose Queues via PostgREST" switch creates), and a public function that enqueues a digest.
create extension if not exists pgmq;
select pgmq.create('digests');

create schema if not exists pgmq_public;
grant usage on schema pgmq_public to postgres, anon, authenticated, service_role;

create function pgmq_public.send(queue_name text, message jsonb, sleep_seconds integer default 0)
returns setof bigint language plpgsql security definer set search_path = ''
as $$ begin return query select * from pgmq.send(queue_name := queue_name, msg := message, delay := sleep_seconds); end; $$;

create function pgmq_public.pop(queue_name text) returns setof pgmq.message_record
language plpgsql security definer set search_path = ''
as $$ begin return query select * from pgmq.pop(queue_name := queue_name); end; $$;

create function pgmq_public.archive(queue_name text, message_id bigint) returns boolean
language plpgsql security definer set search_path = ''
as $$ begin return pgmq.archive(queue_name := queue_name, msg_id := message_id); end; $$;

revoke execute on all functions in schema pgmq_public from public, anon;
grant execute on all functions in schema pgmq_public to authenticated, service_role;

create function public.request_digest(p_room_id bigint) returns bigint
language plpgsql security definer set search_path = ''
as $$
declare id bigint;
begin
  select * into id from pgmq.send('digests', jsonb_build_object('room_id', p_room_id));
  return id;
end;
$$;
select public.request_digest(1);
