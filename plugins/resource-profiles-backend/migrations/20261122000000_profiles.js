// @ts-check

/**
 * Resolved resource profiles, one row per catalog entity, rewritten by each
 * profile refresh. Columns used for filtering are lifted out of the JSON.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('resource_profiles', table => {
    table.comment('The resolved resource profile of each catalog entity');
    table.string('entity_ref', 512).primary().notNullable();
    table.string('arn', 2048).nullable();
    table.string('owner', 512).nullable().index();
    table.string('environment', 32).notNullable().index();
    table.string('data_classification', 32).notNullable();
    table.text('profile').notNullable().comment('ResourceProfile as JSON');
    table.timestamp('resolved_at', { useTz: true }).notNullable().index();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('resource_profiles');
};
