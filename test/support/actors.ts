/** Acting as a Supabase user on the server: the API role and the JWT claims, as PostgREST sets them. */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export type Role = 'anon' | 'authenticated' | 'service_role';

export class Session {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<Session> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new Session(client);
  }

  /** Runs `fn` in one transaction as `role`, with `sub` as the JWT subject (none for anon/service_role). */
  async as<T>(role: Role, sub: string | null, fn: (q: <R = any>(sql: string, params?: unknown[]) => Promise<R[]>) => Promise<T>): Promise<T> {
    const claims = JSON.stringify({ role, ...(sub ? { sub } : {}) });
    await this.client.query('begin');
    try {
      await this.client.query(`select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)`, [claims, role]);
      const result = await fn(async (sql, params) => (await this.client.query(sql, params as any[])).rows);
      await this.client.query('commit');
      return result;
    } catch (err) {
      await this.client.query('rollback');
      throw err;
    }
  }

  /** As the database owner (migrations, setup): no role switch. */
  async admin<R = any>(sql: string, params?: unknown[]): Promise<R[]> {
    return (await this.client.query(sql, params as any[])).rows;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** Signs up a user the way GoTrue does: a row in auth.users; the app's trigger makes the profile. */
export async function signUp(s: Session, name: string): Promise<string> {
  const id = randomUUID();
  await s.admin(`insert into auth.users (id, email, raw_user_meta_data, created_at) values ($1, $2, $3, now())`, [id, `${name}@example.test`, { full_name: name }]);
  return id;
}
