// @ts-check

/**
 * Sources and their last good input, analysis snapshots, the current
 * inventory and role mappings, and findings tracked across snapshots.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sources', table => {
    table.comment('Configured IAM and IaC sources, their sync status and last good input');
    table.string('id', 255).primary();
    table.string('kind', 64).notNullable();
    table.string('target', 2048).notNullable();
    table.string('status', 16).notNullable().defaultTo('never');
    table.timestamp('last_run_at', { useTz: true }).nullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table.integer('duration_ms').nullable();
    table.text('error').nullable();
    table.text('counts').nullable();
    table.string('content_sha256', 64).nullable();
    table.binary('input').nullable().comment('gzip of the parsed inputs, JSON');
  });

  await knex.schema.createTable('snapshots', table => {
    table.comment('One row per analysis run');
    table.increments('id');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.text('stats').notNullable();
  });

  await knex.schema.createTable('inventory', table => {
    table.comment('Cloud resources and IAM principals of the latest snapshot');
    table.string('arn', 1024).primary();
    table.string('type', 64).notNullable();
    table.string('name', 512).notNullable();
    table.string('account_id', 32).notNullable();
    table.string('region', 32).nullable();
    table.string('category', 16).notNullable();
    table.text('tags').notNullable();
    table.text('depends_on').notNullable();
    table.text('source').notNullable();
    table.boolean('planned').notNullable();
  });

  await knex.schema.createTable('role_mappings', table => {
    table.comment('Who holds which access level on which resource, latest snapshot');
    table.bigIncrements('id');
    table.string('resource_arn', 1024).notNullable();
    table.string('account_id', 32).notNullable();
    table.string('principal_arn', 1024).notNullable();
    table.string('principal_name', 512).notNullable();
    table.string('principal_type', 16).notNullable();
    table.string('access_level', 32).notNullable();
    table.string('path_kind', 16).notNullable();
    table.text('path_via').notNullable();
    table.boolean('conditional').notNullable();
    table.integer('action_count').notNullable();
    table.text('sample_actions').notNullable();
    table.index(['resource_arn', 'principal_name'], 'role_mappings_resource_idx');
  });

  await knex.schema.createTable('findings', table => {
    table.comment('Findings tracked across snapshots');
    table.string('id', 64).primary();
    table.string('rule', 64).notNullable();
    table.string('method', 255).nullable();
    table.string('severity', 16).notNullable();
    table.integer('severity_rank').notNullable().comment('0 = critical … 3 = low');
    table.string('title', 1024).notNullable();
    table.string('principal_arn', 1024).nullable();
    table.string('principal_name', 512).nullable();
    table.string('principal_type', 16).nullable();
    table.string('human', 512).nullable();
    table.text('resources').notNullable();
    table.text('evidence').notNullable();
    table.text('remediation').notNullable();
    table.boolean('conditional').notNullable();
    table.string('owner', 512).nullable();
    table.string('environment', 16).nullable();
    table.text('search_text').notNullable().comment('lower-case text for filtering');
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.string('accepted_by', 512).nullable();
    table.timestamp('accepted_at', { useTz: true }).nullable();
    table.text('acceptance_justification').nullable();
    table.timestamp('acceptance_expires_at', { useTz: true }).nullable();
    table.index(['resolved_at', 'severity_rank'], 'findings_status_idx');
    table.index(['owner'], 'findings_owner_idx');
  });

  await knex.schema.createTable('finding_entities', table => {
    table.comment('Catalog entities a finding concerns');
    table.string('finding_id', 64).notNullable().references('id').inTable('findings').onDelete('CASCADE');
    table.string('entity_ref', 512).notNullable();
    table.primary(['finding_id', 'entity_ref']);
    table.index(['entity_ref'], 'finding_entities_entity_idx');
  });

  await knex.schema.createTable('snapshot_counts', table => {
    table.comment('Open findings per snapshot, owner, environment, rule and severity, for trends');
    table.integer('snapshot_id').notNullable().references('id').inTable('snapshots').onDelete('CASCADE');
    table.string('owner', 512).nullable();
    table.string('environment', 16).nullable();
    table.string('rule', 64).notNullable();
    table.string('severity', 16).notNullable();
    table.integer('count').notNullable();
    table.index(['snapshot_id'], 'snapshot_counts_snapshot_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'snapshot_counts',
    'finding_entities',
    'findings',
    'role_mappings',
    'inventory',
    'snapshots',
    'sources',
  ]) {
    await knex.schema.dropTable(table);
  }
};
