// @ts-check

/**
 * Access requests, their decisions, and the append-only, hash-chained audit
 * trail.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('access_requests', table => {
    table.comment('Just-in-time access requests and the grants they lead to');
    table.string('id', 64).primary();
    table.string('entity_ref', 512).notNullable();
    table.string('resource_arn', 1024).nullable();
    table.string('role_name', 255).notNullable();
    table.string('role_target', 1024).notNullable();
    table.string('requester', 512).notNullable();
    table.text('principal_arns').notNullable();
    table.text('justification').notNullable();
    table.string('ticket', 255).nullable();
    table.float('duration_hours').notNullable();
    table.boolean('break_glass').notNullable().defaultTo(false);
    table.string('state', 32).notNullable();
    table.text('requirement').notNullable().comment('ApprovalRequirement as JSON');
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('pending_until', { useTz: true }).nullable();
    table.timestamp('activated_at', { useTz: true }).nullable();
    table.timestamp('expires_at', { useTz: true }).nullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.string('end_reason', 64).nullable();
    table.integer('grant_attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.timestamp('expiry_notified_at', { useTz: true }).nullable();
    table.string('extends_id', 64).nullable();
    table.boolean('review_required').notNullable().defaultTo(false);
    table.string('review_completed_by', 512).nullable();
    table.timestamp('review_completed_at', { useTz: true }).nullable();
    table.text('review_notes').nullable();
    table.index(['requester', 'created_at'], 'access_requests_requester_idx');
    table.index(['state', 'expires_at'], 'access_requests_state_idx');
    table.index(['entity_ref'], 'access_requests_entity_idx');
  });

  await knex.schema.createTable('access_decisions', table => {
    table.comment('One decision per approver per request');
    table.string('request_id', 64).notNullable().references('id').inTable('access_requests').onDelete('CASCADE');
    table.string('approver', 512).notNullable();
    table.string('decision', 16).notNullable();
    table.text('comment').nullable();
    table.boolean('as_security').notNullable().defaultTo(false);
    table.timestamp('decided_at', { useTz: true }).notNullable();
    // Each approver decides once, enforced by the database.
    table.primary(['request_id', 'approver']);
  });

  await knex.schema.createTable('audit_events', table => {
    table.comment('Append-only audit trail; each row hashes the previous one');
    table.bigIncrements('seq');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 512).notNullable();
    table.string('action', 64).notNullable();
    table.string('subject', 1024).notNullable();
    table.text('details').notNullable();
    table.string('prev_hash', 64).notNullable();
    table.string('hash', 64).notNullable();
    table.index(['subject'], 'audit_events_subject_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('access_decisions');
  await knex.schema.dropTable('access_requests');
};
