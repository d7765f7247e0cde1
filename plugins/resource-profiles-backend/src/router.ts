import { stringifyEntityRef } from '@backstage/catalog-model';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  inventoryReadPermission,
  resourceProfileReadPermission,
  resourceProfilesSyncPermission,
  riskAcceptanceRequestSchema,
  roleMappingQuerySchema,
  roleMappingReadPermission,
  syncStatusReadPermission,
  violationAcceptRiskPermission,
  violationQuerySchema,
  violationReadPermission,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AccessRequestService } from './access/AccessRequestService';
import { AuditLog } from './audit/AuditLog';
import { SnapshotStore } from './database/SnapshotStore';
import { ViolationStore } from './database/ViolationStore';
import { ProfileService } from './profiles/ProfileService';
import { Authorizer } from './service/Authorizer';
import { accessRequestRoutes } from './routes/accessRequestRoutes';
import { parseQuery } from './service/queryParams';
import { csvHeader, csvRows } from './service/violationsExport';

export interface RouterOptions {
  authorizer: Authorizer;
  profiles: ProfileService;
  snapshots: SnapshotStore;
  violations: ViolationStore;
  requests: AccessRequestService;
  audit: AuditLog;
  /** Starts a sync of every source through the scheduler. */
  triggerSync: () => Promise<void>;
  now?: () => Date;
}

const MAX_ACCEPTANCE_DAYS = 365;
const EXPORT_PAGE = 500;
const EXPORT_LIMIT = 100_000;

function entityRefOf(req: Request): string {
  return stringifyEntityRef({
    kind: req.params.kind,
    namespace: req.params.namespace,
    name: req.params.name,
  });
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { authorizer, profiles, snapshots, violations } = options;
  const now = () => options.now?.() ?? new Date();
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  /** The entity's resolved profile, once the caller holds `permission`; 404 when it has none. */
  const profileOf = async (req: Request, permission: BasicPermission) => {
    const credentials = await authorizer.basic(req, permission);
    const entityRef = entityRefOf(req);
    const profile = await profiles.getProfile(entityRef, credentials);
    if (!profile) {
      throw new NotFoundError(`No resource profile for ${entityRef}`);
    }
    return profile;
  };

  router.get('/profiles/:kind/:namespace/:name', async (req, res) => {
    res.json(await profileOf(req, resourceProfileReadPermission));
  });

  router.get('/role-mappings/:kind/:namespace/:name', async (req, res) => {
    const profile = await profileOf(req, roleMappingReadPermission);
    const query = parseQuery(roleMappingQuerySchema, req.query as Record<string, unknown>);
    if (!profile.arn) {
      res.json({ items: [], totalCount: 0, offset: query.offset ?? 0, limit: query.limit ?? 50 });
      return;
    }
    res.json(await snapshots.queryRoleMappings(profile.arn, query));
  });

  router.get('/guardrails/:kind/:namespace/:name', async (req, res) => {
    const profile = await profileOf(req, roleMappingReadPermission);
    res.json(await snapshots.guardrailsOf(profile.arn));
  });

  router.get('/violations', async (req, res) => {
    const { scope } = await authorizer.violationScope(req, violationReadPermission);
    const query = parseQuery(violationQuerySchema, req.query as Record<string, unknown>);
    res.json(await violations.queryViolations(query, scope, now()));
  });

  router.get('/violations/export', async (req, res) => {
    const { scope } = await authorizer.violationScope(req, violationReadPermission);
    const { format, ...raw } = req.query as Record<string, unknown>;
    if (format !== 'csv' && format !== 'json') {
      throw new InputError('format must be csv or json');
    }
    const query = parseQuery(violationQuerySchema.omit({ offset: true, limit: true }), raw);
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    res.setHeader('Content-Disposition', `attachment; filename="violations-${stamp}.${format}"`);
    res.type(format === 'csv' ? 'text/csv' : 'application/json');
    res.write(format === 'csv' ? csvHeader() : '[');
    let first = true;
    for (let offset = 0; offset < EXPORT_LIMIT; offset += EXPORT_PAGE) {
      const page = await violations.queryViolations(
        { ...query, offset, limit: EXPORT_PAGE },
        scope,
        now(),
      );
      if (format === 'csv') {
        res.write(csvRows(page.items));
      } else {
        for (const item of page.items) {
          res.write(`${first ? '' : ','}\n${JSON.stringify(item)}`);
          first = false;
        }
      }
      if (page.items.length < EXPORT_PAGE) break;
    }
    res.end(format === 'csv' ? '' : '\n]\n');
  });

  router.get('/violations/:id', async (req, res) => {
    await authorizer.violation(req, violationReadPermission, req.params.id, ['user', 'service']);
    const violation = await violations.getViolation(req.params.id, now());
    if (!violation) throw new NotFoundError(`No violation ${req.params.id}`);
    res.json(violation);
  });

  router.put('/violations/:id/acceptance', async (req, res) => {
    const credentials = await authorizer.violation(req, violationAcceptRiskPermission, req.params.id, ['user']);
    const parsed = riskAcceptanceRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`Invalid risk acceptance: ${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const at = now();
    const expiresAt = new Date(parsed.data.expiresAt);
    if (expiresAt <= at) {
      throw new InputError('expiresAt must be in the future');
    }
    if (expiresAt.getTime() - at.getTime() > MAX_ACCEPTANCE_DAYS * 86_400_000) {
      throw new InputError(`A risk can be accepted for at most ${MAX_ACCEPTANCE_DAYS} days`);
    }
    const existing = await violations.getViolation(req.params.id, at);
    if (!existing) throw new NotFoundError(`No violation ${req.params.id}`);
    if (existing.status === 'resolved') {
      throw new InputError('A resolved violation needs no risk acceptance');
    }
    const acceptance = {
      justification: parsed.data.justification,
      expiresAt: expiresAt.toISOString(),
      acceptedBy: credentials.principal.userEntityRef,
      acceptedAt: at.toISOString(),
    };
    await violations.setAcceptance(req.params.id, acceptance);
    await options.audit.append({
      actor: acceptance.acceptedBy,
      action: 'violation.risk-accepted',
      subject: req.params.id,
      details: { justification: acceptance.justification, expiresAt: acceptance.expiresAt, rule: existing.rule, title: existing.title },
    });
    res.json(await violations.getViolation(req.params.id, at));
  });

  router.delete('/violations/:id/acceptance', async (req, res) => {
    const credentials = await authorizer.violation(req, violationAcceptRiskPermission, req.params.id, ['user']);
    const existing = await violations.getViolation(req.params.id, now());
    if (!existing) throw new NotFoundError(`No violation ${req.params.id}`);
    await violations.setAcceptance(req.params.id, undefined);
    await options.audit.append({
      actor: credentials.principal.userEntityRef,
      action: 'violation.acceptance-revoked',
      subject: req.params.id,
    });
    res.json(await violations.getViolation(req.params.id, now()));
  });

  router.get('/dashboard', async (req, res) => {
    const { scope } = await authorizer.violationScope(req, violationReadPermission);
    const { trendSnapshots, ...raw } = req.query as Record<string, unknown>;
    const query = parseQuery(violationQuerySchema.omit({ offset: true, limit: true }), raw);
    const trend = z.coerce.number().int().min(1).max(365).default(30).safeParse(trendSnapshots ?? undefined);
    if (!trend.success) throw new InputError('trendSnapshots must be a number from 1 to 365');
    res.json(await violations.aggregate(query, scope, now(), trend.data));
  });

  router.get('/sync/status', async (req, res) => {
    await authorizer.basic(req, syncStatusReadPermission);
    res.json({
      sources: await snapshots.listSources(),
      lastSnapshot: await snapshots.latestSnapshot(),
    });
  });

  router.post('/sync', async (req, res) => {
    await authorizer.basic(req, resourceProfilesSyncPermission);
    await options.triggerSync();
    res.status(202).json({ status: 'started' });
  });

  router.get('/inventory', async (req, res) => {
    await authorizer.basic(req, inventoryReadPermission, ['service']);
    const { cursor, limit } = parseQuery(
      z.object({
        cursor: z.string().max(2048).optional(),
        limit: z.coerce.number().int().min(1).max(5000).default(1000),
      }),
      req.query as Record<string, unknown>,
    );
    const page = await snapshots.inventoryPage(cursor, limit);
    res.json({ ...page, snapshotId: (await snapshots.latestSnapshot())?.id });
  });

  router.use(
    accessRequestRoutes({ authorizer, requests: options.requests, audit: options.audit }),
  );

  return router;
}
