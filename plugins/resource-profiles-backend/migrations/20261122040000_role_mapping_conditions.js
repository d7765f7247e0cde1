// @ts-check

/**
 * The IAM conditions a conditional role mapping depends on, for display.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('role_mappings', table => {
    table.text('conditions').nullable().comment('Condition blocks as JSON');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('role_mappings', table => {
    table.dropColumn('conditions');
  });
};
