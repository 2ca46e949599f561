import type { Migration } from '../../migration';

/** The address of the server `npm start` ran beside this studio last time (one row at most). */
export const migration0002: Migration = {
  name: '0002-local-server',
  up(db) {
    db.exec(`
      CREATE TABLE local_server (
        only_one INTEGER PRIMARY KEY CHECK (only_one = 1),
        url TEXT NOT NULL
      ) STRICT;
    `);
  },
};
