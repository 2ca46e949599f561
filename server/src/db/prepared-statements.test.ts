import { describe, expect, it } from 'vitest';
import { PreparingClient, preparedStatement } from './prepared-statements';

const adminUrl = process.env.TEST_DATABASE_URL;

describe('prepared statements', () => {
  it.runIf(adminUrl)(
    'runs a marked text as a named statement on its connection, other SQL as before',
    async () => {
      const client = new PreparingClient({ connectionString: adminUrl });
      await client.connect();
      try {
        const marked = preparedStatement('select $1::int + 1 as next /* prepared-statements.test */');
        expect((await client.query(marked, [1])).rows).toEqual([{ next: 2 }]);
        expect((await client.query(marked, [41])).rows).toEqual([{ next: 42 }]);
        expect((await client.query('select $1::int * 2 as twice', [21])).rows).toEqual([{ twice: 42 }]);
        const { rows } = await client.query<{ statement: string }>(
          'select statement from pg_prepared_statements',
        );
        expect(rows.map((row) => row.statement)).toEqual([marked]);
      } finally {
        await client.end();
      }
    },
  );
});
