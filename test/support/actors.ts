/** Acting as a Supabase user on the server or the embedded database: the API role and the JWT claims, as PostgREST sets them. */
import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Role = 'anon' | 'authenticated' | 'service_role';
export type Query = <R = any>(sql: string, params?: unknown[]) => Promise<R[]>;

/** One connection to a database, whichever engine serves it. */
interface Connection {
  query: Query;
  close(): Promise<void>;
}

export class Session {
  private constructor(private readonly conn: Connection) {}

  static async open(url: string): Promise<Session> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new Session({
      query: async (sql, params) => (await client.query(sql, params as any[])).rows,
      close: () => client.end(),
    });
  }

  /** A session on an embedded PGlite (one connection; closing the session leaves the database open). */
  static embedded(db: PGlite): Session {
    return new Session({
      query: async (sql, params) => (await db.query<any>(sql, params as any[])).rows,
      close: async () => {},
    });
  }

  /** Runs `fn` in one transaction as `role`, with `sub` as the JWT subject (none for anon/service_role). */
  async as<T>(role: Role, sub: string | null, fn: (q: Query) => Promise<T>): Promise<T> {
    const claims = JSON.stringify({ role, ...(sub ? { sub } : {}) });
    await this.conn.query('begin');
    try {
      await this.conn.query(`select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)`, [
        claims,
        role,
      ]);
      const result = await fn(this.conn.query);
      await this.conn.query('commit');
      return result;
    } catch (err) {
      await this.conn.query('rollback');
      throw err;
    }
  }

  /** As the database owner (migrations, setup): no role switch. */
  admin<R = any>(sql: string, params?: unknown[]): Promise<R[]> {
    return this.conn.query<R>(sql, params);
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}

/** Signs up a user the way GoTrue does: a row in auth.users; the app's trigger makes the profile. */
export async function signUp(s: Session, name: string): Promise<string> {
  const id = randomUUID();
  await s.admin(`insert into auth.users (id, email, raw_user_meta_data, created_at) values ($1, $2, $3, now())`, [
    id,
    `${name}@example.test`,
    { full_name: name },
  ]);
  return id;
}
