// @ts-check

/**
 * Dashboard aggregates count open findings by severity, rule, owner and
 * environment; a partial index over exactly those columns lets the database
 * answer them from the index alone, and the acceptance index finds the few
 * findings whose risk is currently accepted.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('findings', table => {
    table.index(
      ['severity', 'rule', 'owner', 'environment', 'acceptance_expires_at'],
      'findings_open_counts_idx',
      { predicate: knex.whereNull('resolved_at') },
    );
    table.index(['acceptance_expires_at'], 'findings_acceptance_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('findings', table => {
    table.dropIndex([], 'findings_open_counts_idx');
    table.dropIndex([], 'findings_acceptance_idx');
  });
};
