/** Fresh databases on the benchmark server, created and dropped by the bench itself. */
import pg from 'pg';

export const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function serverVersion(adminUrl: string): Promise<string | null> {
  try {
    return await admin(adminUrl, async (c) => String((await c.query('SELECT version() AS v')).rows[0]?.v ?? '').split(' on ')[0] ?? null);
  } catch {
    return null;
  }
}

export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name}`).then(() => c.query(`CREATE DATABASE ${name}`)));
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export async function query(url: string, sql: string): Promise<pg.QueryResult> {
  return admin(url, (c) => c.query(sql));
}
