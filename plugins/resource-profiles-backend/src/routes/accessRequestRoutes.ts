import { InputError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  accessDecisionSchema,
  accessRequestAdminPermission,
  accessRequestCreatePermission,
  accessRequestDecidePermission,
  accessRequestQuerySchema,
  accessRequestReadPermission,
  auditReadPermission,
  createAccessRequestSchema,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AccessRequestService } from '../access/AccessRequestService';
import { AuditLog } from '../audit/AuditLog';
import { Authorizer } from '../service/Authorizer';
import { parseQuery } from '../service/queryParams';

function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`Invalid ${what}: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

const reasonSchema = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();
const notesSchema = z.object({ notes: z.string().trim().min(10).max(4000) }).strict();

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Access requests, decisions and the audit trail. */
export function accessRequestRoutes(options: {
  authorizer: Authorizer;
  requests: AccessRequestService;
  audit: AuditLog;
}): express.Router {
  const { authorizer, requests, audit } = options;
  const router = Router();

  /** A signed-in user with the permission; identity never comes from the body. */
  async function user(req: Request, permission: Parameters<Authorizer['basic']>[1]) {
    await authorizer.basic(req, permission, ['user']);
    return authorizer.userCredentials(req);
  }

  async function isAdmin(req: Request) {
    return (await authorizer.decide(req, accessRequestAdminPermission)) === AuthorizeResult.ALLOW;
  }

  router.post('/access-requests/preview', async (req, res) => {
    const credentials = await user(req, accessRequestCreatePermission);
    const preview = createAccessRequestSchema.partial({ justification: true });
    res.json(await requests.preview(parseBody(preview, req.body, 'access request'), credentials));
  });

  router.post('/access-requests', async (req, res) => {
    const credentials = await user(req, accessRequestCreatePermission);
    const created = await requests.create(parseBody(createAccessRequestSchema, req.body, 'access request'), credentials);
    res.status(201).json(created);
  });

  router.get('/access-requests', async (req, res) => {
    const credentials = await user(req, accessRequestReadPermission);
    const query = parseQuery(accessRequestQuerySchema, req.query as Record<string, unknown>);
    res.json(await requests.list(query, credentials, await isAdmin(req)));
  });

  router.get('/access-requests/:id', async (req, res) => {
    const credentials = await user(req, accessRequestReadPermission);
    res.json(await requests.getVisible(req.params.id, credentials, await isAdmin(req)));
  });

  router.post('/access-requests/:id/decisions', async (req, res) => {
    const credentials = await user(req, accessRequestDecidePermission);
    res.json(await requests.decide(req.params.id, parseBody(accessDecisionSchema, req.body, 'decision'), credentials));
  });

  router.post('/access-requests/:id/cancel', async (req, res) => {
    const credentials = await user(req, accessRequestReadPermission);
    res.json(await requests.cancel(req.params.id, credentials));
  });

  router.post('/access-requests/:id/revoke', async (req, res) => {
    const credentials = await user(req, accessRequestReadPermission);
    const { reason } = parseBody(reasonSchema, req.body, 'revocation');
    res.json(await requests.revoke(req.params.id, reason, credentials, await isAdmin(req)));
  });

  router.post('/access-requests/:id/review', async (req, res) => {
    const credentials = await user(req, accessRequestDecidePermission);
    const { notes } = parseBody(notesSchema, req.body, 'review');
    res.json(await requests.completeReview(req.params.id, notes, credentials));
  });

  router.get('/audit', async (req, res) => {
    await authorizer.basic(req, auditReadPermission);
    const query = parseQuery(
      z.object({
        subject: z.string().max(1024).optional(),
        offset: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      req.query as Record<string, unknown>,
    );
    res.json(await audit.list(query));
  });

  router.get('/audit/verify', async (req, res) => {
    await authorizer.basic(req, auditReadPermission);
    res.json(await audit.verify());
  });

  router.get('/audit/export', async (req, res) => {
    await authorizer.basic(req, auditReadPermission);
    const format = req.query.format;
    if (format !== 'csv' && format !== 'json') throw new InputError('format must be csv or json');
    res.setHeader('Content-Disposition', `attachment; filename="audit-trail.${format}"`);
    res.type(format === 'csv' ? 'text/csv' : 'application/json');
    res.write(format === 'csv' ? 'seq,at,actor,action,subject,details,prev_hash,hash\n' : '[');
    let first = true;
    for await (const batch of audit.all()) {
      for (const e of batch) {
        if (format === 'csv') {
          res.write(`${[String(e.seq), e.at, e.actor, e.action, e.subject, JSON.stringify(e.details), e.prevHash, e.hash].map(csvCell).join(',')}\n`);
        } else {
          res.write(`${first ? '' : ','}\n${JSON.stringify(e)}`);
          first = false;
        }
      }
    }
    res.end(format === 'csv' ? '' : '\n]\n');
  });

  return router;
}
