import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { connect, type DbHandle } from '../../src/db/connect.js';

/** A fresh, empty database of one kind, opened and migrated; `dispose` closes and drops it. */
export interface FreshDatabase {
  handle: DbHandle;
  /** How to reach it again from another process (`--db` value). */
  dbArg: string;
  dispose(): Promise<void>;
}

export interface TestTarget {
  name: 'embedded' | 'server';
  fresh(): Promise<FreshDatabase>;
}

const embedded: TestTarget = {
  name: 'embedded',
  async fresh() {
    const dbArg = 'memory://';
    const handle = await connect({ kind: 'embedded', dir: dbArg });
    return { handle, dbArg, dispose: () => handle.close() };
  },
};

/** Creates `cm_test_<random>` on the TEST_DATABASE_URL server and drops it afterwards. */
function server(adminUrl: string): TestTarget {
  return {
    name: 'server',
    async fresh() {
      const name = `cm_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const handle = await connect({ kind: 'server', url: url.toString() });
      return {
        handle,
        dbArg: url.toString(),
        async dispose() {
          await handle.close();
          const dropper = new pg.Client({ connectionString: adminUrl });
          await dropper.connect();
          try {
            await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          } finally {
            await dropper.end();
          }
        },
      };
    },
  };
}

/** PGlite always; the real server too when TEST_DATABASE_URL is set (CI sets it). */
export function testTargets(): TestTarget[] {
  const url = process.env['TEST_DATABASE_URL'];
  return url ? [embedded, server(url)] : [embedded];
}
