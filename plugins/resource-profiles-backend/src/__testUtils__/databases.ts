// A shared helper for test files, so it registers its own skipped cases.
/* eslint-disable jest/no-export */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const WANTED: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];

/**
 * The engines every store and router test runs on: SQLite always, and
 * PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING points
 * at a server (./run test sets it when the local server answers). A missing
 * engine shows up as a skipped test with the reason in its name, never as a
 * silent pass.
 */
export function createTestDatabases(): {
  databases: TestDatabases;
  ids: TestDatabaseId[];
} {
  const databases = TestDatabases.create({ ids: WANTED });
  const ids = WANTED.filter(id => databases.supports(id));
  for (const missing of WANTED.filter(id => !ids.includes(id))) {
    // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
    it.skip(`${missing}: skipped, no server configured (set BACKSTAGE_TEST_DATABASE_${missing.replace('_', '')}_CONNECTION_STRING)`, () => {});
  }
  return { databases, ids };
}
