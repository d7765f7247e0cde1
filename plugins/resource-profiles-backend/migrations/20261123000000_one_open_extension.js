// @ts-check

/**
 * A grant may have one open extension at a time (pending, approved, active or
 * waiting for a retry). The database enforces it, so two requests racing to
 * extend the same grant cannot both be recorded.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(
    `CREATE UNIQUE INDEX access_requests_one_open_extension ON access_requests (extends_id)
     WHERE extends_id IS NOT NULL AND state IN ('pending', 'approved', 'active', 'grant-failed')`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX access_requests_one_open_extension');
};
