/**
 * pgmq (Supabase Queues) and pg_cron: their schemas, tables and functions, with bodies that really work
 * on their own tables (pgmq.create makes the queue and archive tables; cron.schedule upserts a job), so migrations
 * that create queues or schedule jobs, and grant on what those create, replay as they do on Supabase.
 */
export const pgmq = () => `
create schema if not exists pgmq;
create table pgmq.meta (queue_name varchar not null unique, is_partitioned boolean not null, is_unlogged boolean not null,
  created_at timestamptz not null default now());
create type pgmq.message_record as (msg_id bigint, read_ct integer, enqueued_at timestamptz, vt timestamptz, message jsonb, headers jsonb);
create type pgmq.queue_record as (queue_name varchar, is_partitioned boolean, is_unlogged boolean, created_at timestamptz);
create type pgmq.metrics_result as (queue_name text, queue_length bigint, newest_msg_age_sec integer,
  oldest_msg_age_sec integer, total_messages bigint, scrape_time timestamptz, queue_visible_length bigint);

create function pgmq.create(queue_name text) returns void language plpgsql as $fn$
begin
  execute format('create table if not exists pgmq.%I (msg_id bigint primary key generated always as identity,
    read_ct integer not null default 0, enqueued_at timestamptz not null default now(), vt timestamptz not null,
    message jsonb, headers jsonb)', 'q_' || queue_name);
  execute format('create table if not exists pgmq.%I (msg_id bigint primary key, read_ct integer not null default 0,
    enqueued_at timestamptz not null default now(), archived_at timestamptz not null default now(), vt timestamptz not null,
    message jsonb, headers jsonb)', 'a_' || queue_name);
  insert into pgmq.meta (queue_name, is_partitioned, is_unlogged) values (queue_name, false, false) on conflict do nothing;
end
$fn$;
create function pgmq.create_unlogged(queue_name text) returns void language sql as 'select pgmq.create(queue_name)';
create function pgmq.send(queue_name text, msg jsonb, delay integer default 0) returns setof bigint language plpgsql as $fn$
begin
  return query execute format('insert into pgmq.%I (vt, message) values (now() + make_interval(secs => $1), $2) returning msg_id',
    'q_' || queue_name) using delay, msg;
end
$fn$;
create function pgmq.send_batch(queue_name text, msgs jsonb[], delay integer default 0) returns setof bigint language plpgsql as $fn$
begin
  return query execute format('insert into pgmq.%I (vt, message) select now() + make_interval(secs => $1), unnest($2) returning msg_id',
    'q_' || queue_name) using delay, msgs;
end
$fn$;
create function pgmq.read(queue_name text, vt integer, qty integer) returns setof pgmq.message_record language plpgsql as $fn$
begin
  return query execute format('with m as (select msg_id from pgmq.%1$I where vt <= now() order by msg_id limit $2 for update skip locked)
    update pgmq.%1$I q set vt = now() + make_interval(secs => $1), read_ct = q.read_ct + 1 from m where q.msg_id = m.msg_id
    returning q.msg_id, q.read_ct, q.enqueued_at, q.vt, q.message, q.headers', 'q_' || queue_name) using vt, qty;
end
$fn$;
create function pgmq.pop(queue_name text) returns setof pgmq.message_record language plpgsql as $fn$
begin
  return query execute format('delete from pgmq.%1$I where msg_id = (select msg_id from pgmq.%1$I where vt <= now()
    order by msg_id limit 1 for update skip locked) returning msg_id, read_ct, enqueued_at, vt, message, headers', 'q_' || queue_name);
end
$fn$;
create function pgmq.delete(queue_name text, msg_id bigint) returns boolean language plpgsql as $fn$
declare n integer;
begin
  execute format('delete from pgmq.%I where msg_id = $1', 'q_' || queue_name) using msg_id;
  get diagnostics n = row_count;
  return n > 0;
end
$fn$;
create function pgmq.archive(queue_name text, msg_id bigint) returns boolean language plpgsql as $fn$
declare n integer;
begin
  execute format('with d as (delete from pgmq.%I where msg_id = $1 returning *) insert into pgmq.%I
    (msg_id, read_ct, enqueued_at, vt, message, headers) select msg_id, read_ct, enqueued_at, vt, message, headers from d',
    'q_' || queue_name, 'a_' || queue_name) using msg_id;
  get diagnostics n = row_count;
  return n > 0;
end
$fn$;
create function pgmq.purge_queue(queue_name text) returns bigint language plpgsql as $fn$
declare n bigint;
begin
  execute format('delete from pgmq.%I', 'q_' || queue_name);
  get diagnostics n = row_count;
  return n;
end
$fn$;
create function pgmq.drop_queue(queue_name text) returns boolean language plpgsql as $fn$
begin
  execute format('drop table if exists pgmq.%I, pgmq.%I', 'q_' || queue_name, 'a_' || queue_name);
  delete from pgmq.meta m where m.queue_name = drop_queue.queue_name;
  return true;
end
$fn$;
create function pgmq.list_queues() returns setof pgmq.queue_record language sql as
  'select queue_name, is_partitioned, is_unlogged, created_at from pgmq.meta';
create function pgmq.metrics(queue_name text) returns pgmq.metrics_result language plpgsql as 'begin return null; end';
create function pgmq.metrics_all() returns setof pgmq.metrics_result language plpgsql as 'begin return; end';`;

export const pgCron = () => `
create schema if not exists cron;
create table cron.job (jobid bigserial primary key, schedule text not null, command text not null,
  nodename text not null default 'localhost', nodeport integer not null default 5432,
  database text not null default current_database(), username text not null default current_user,
  active boolean not null default true, jobname text, constraint jobname_username_uniq unique (jobname, username));
create table cron.job_run_details (jobid bigint, runid bigserial primary key, job_pid integer, database text,
  username text, command text, status text, return_message text, start_time timestamptz, end_time timestamptz);
alter table cron.job enable row level security;
alter table cron.job_run_details enable row level security;
create function cron.schedule(job_name text, schedule text, command text) returns bigint language sql as $fn$
  insert into cron.job (jobname, schedule, command) values (job_name, schedule, command)
  on conflict (jobname, username) do update set schedule = excluded.schedule, command = excluded.command
  returning jobid
$fn$;
create function cron.schedule(schedule text, command text) returns bigint language sql as
  'insert into cron.job (schedule, command) values (schedule, command) returning jobid';
create function cron.schedule_in_database(job_name text, schedule text, command text, database text,
  username text default null, active boolean default true) returns bigint language sql as $fn$
  insert into cron.job (jobname, schedule, command, database, username, active)
  values (job_name, schedule, command, database, coalesce(username, current_user), active) returning jobid
$fn$;
create function cron.unschedule(job_name text) returns boolean language sql as
  'with d as (delete from cron.job where jobname = job_name returning 1) select count(*) > 0 from d';
create function cron.unschedule(job_id bigint) returns boolean language sql as
  'with d as (delete from cron.job where jobid = job_id returning 1) select count(*) > 0 from d';
create function cron.alter_job(job_id bigint, schedule text default null, command text default null,
  database text default null, username text default null, active boolean default null) returns void language sql as $fn$
  update cron.job j set schedule = coalesce(alter_job.schedule, j.schedule), command = coalesce(alter_job.command, j.command),
    database = coalesce(alter_job.database, j.database), username = coalesce(alter_job.username, j.username),
    active = coalesce(alter_job.active, j.active) where j.jobid = job_id
$fn$;`;
