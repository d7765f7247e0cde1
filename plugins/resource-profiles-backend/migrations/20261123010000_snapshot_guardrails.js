// @ts-check

/**
 * Each snapshot keeps the service control policies over every account the
 * analysis knew of (JSON), so that the Access tab can show the guardrails the
 * role mappings were computed under.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('snapshots', table => {
    table.text('guardrails').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('snapshots', table => {
    table.dropColumn('guardrails');
  });
};
