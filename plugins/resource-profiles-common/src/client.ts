import { ResponseError } from '@backstage/errors';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import {
  AccessDecisionRequest,
  AccessRequest,
  AccessRequestQuery,
  ApprovalRequirement,
  AuditEvent,
  AuditVerification,
  CreateAccessRequest,
} from './accessRequests';
import { EntityGuardrails } from './guardrails';
import { ResourceProfile, resourceProfileSchema } from './profile';
import {
  DashboardAggregates,
  Page,
  RiskAcceptanceRequest,
  RoleMappingEntry,
  RoleMappingQuery,
  SyncStatus,
  Violation,
  ViolationQuery,
} from './violations';

/** @public The HTTP API of the resource-profiles backend plugin. */
export interface ResourceProfilesApi {
  /** The resolved profile of an entity, or undefined if it has none. */
  getProfile(entityRef: string | CompoundEntityRef): Promise<ResourceProfile | undefined>;
  /** Who can do what to an entity's cloud resource, paged. */
  getRoleMappings(
    entityRef: string | CompoundEntityRef,
    query?: RoleMappingQuery,
  ): Promise<Page<RoleMappingEntry>>;
  /** The service control policies over the account of an entity's cloud resource. */
  getGuardrails(entityRef: string | CompoundEntityRef): Promise<EntityGuardrails>;
  /** Violations the caller may see, filtered, sorted and paged. */
  getViolations(query?: ViolationQuery): Promise<Page<Violation>>;
  /** Counts by severity, rule and owner, and the trend over snapshots. */
  getDashboard(query?: ViolationQuery & { trendSnapshots?: number }): Promise<DashboardAggregates>;
  /** Suppresses a violation until the acceptance expires. */
  acceptRisk(violationId: string, request: RiskAcceptanceRequest): Promise<Violation>;
  /** Ends a risk acceptance early. */
  revokeRiskAcceptance(violationId: string): Promise<Violation>;
  /** Violations as a CSV or JSON document, with the same filters. */
  exportViolations(query: ViolationQuery, format: 'csv' | 'json'): Promise<string>;
  getSyncStatus(): Promise<SyncStatus>;
  /** Starts a sync of every source now. */
  triggerSync(): Promise<void>;

  /** What a request would need (approvals, SoD risks), without creating it. */
  previewAccessRequest(request: CreateAccessRequest): Promise<ApprovalRequirement>;
  /** Creates a request for the signed-in user. */
  createAccessRequest(request: CreateAccessRequest): Promise<AccessRequest>;
  getAccessRequests(query?: AccessRequestQuery): Promise<Page<AccessRequest>>;
  getAccessRequest(id: string): Promise<AccessRequest>;
  decideAccessRequest(id: string, decision: AccessDecisionRequest): Promise<AccessRequest>;
  cancelAccessRequest(id: string): Promise<AccessRequest>;
  revokeAccessRequest(id: string, reason: string): Promise<AccessRequest>;
  /** Completes the mandatory review after a break-glass activation. */
  completeBreakGlassReview(id: string, notes: string): Promise<AccessRequest>;

  getAuditEvents(query?: { subject?: string; offset?: number; limit?: number }): Promise<Page<AuditEvent>>;
  verifyAuditTrail(): Promise<AuditVerification>;
  exportAuditTrail(format: 'csv' | 'json'): Promise<string>;
}

/** @public */
export interface ResourceProfilesClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** Adds the caller's Backstage token; plain `fetch` sends none. */
  fetchApi?: { fetch: typeof fetch };
}

/** Serializes a query object; arrays become repeated parameters. */
function queryString(query: object | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function entityPath(entityRef: string | CompoundEntityRef): string {
  const ref = typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
  return [ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/');
}

/** @public Typed client usable from the browser and from Node. */
export class ResourceProfilesClient implements ResourceProfilesApi {
  private readonly discoveryApi: ResourceProfilesClientOptions['discoveryApi'];
  private readonly fetchImpl: typeof fetch;

  constructor(options: ResourceProfilesClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchImpl = options.fetchApi?.fetch ?? fetch;
  }

  async getProfile(
    entityRef: string | CompoundEntityRef,
  ): Promise<ResourceProfile | undefined> {
    const response = await this.request(`/profiles/${entityPath(entityRef)}`, {
      allowNotFound: true,
    });
    if (response.status === 404) {
      return undefined;
    }
    return resourceProfileSchema.parse(await response.json());
  }

  async getRoleMappings(
    entityRef: string | CompoundEntityRef,
    query?: RoleMappingQuery,
  ): Promise<Page<RoleMappingEntry>> {
    return this.json(`/role-mappings/${entityPath(entityRef)}${queryString(query)}`);
  }

  async getGuardrails(entityRef: string | CompoundEntityRef): Promise<EntityGuardrails> {
    return this.json(`/guardrails/${entityPath(entityRef)}`);
  }

  async getViolations(query?: ViolationQuery): Promise<Page<Violation>> {
    return this.json(`/violations${queryString(query)}`);
  }

  async getDashboard(
    query?: ViolationQuery & { trendSnapshots?: number },
  ): Promise<DashboardAggregates> {
    return this.json(`/dashboard${queryString(query)}`);
  }

  async acceptRisk(
    violationId: string,
    request: RiskAcceptanceRequest,
  ): Promise<Violation> {
    return this.json(
      `/violations/${encodeURIComponent(violationId)}/acceptance`,
      this.body('PUT', request),
    );
  }

  async revokeRiskAcceptance(violationId: string): Promise<Violation> {
    return this.json(`/violations/${encodeURIComponent(violationId)}/acceptance`, {
      method: 'DELETE',
    });
  }

  async exportViolations(
    query: ViolationQuery,
    format: 'csv' | 'json',
  ): Promise<string> {
    const response = await this.request(
      `/violations/export${queryString({ ...query, format })}`,
    );
    return response.text();
  }

  async getSyncStatus(): Promise<SyncStatus> {
    return this.json('/sync/status');
  }

  async triggerSync(): Promise<void> {
    await this.request('/sync', { method: 'POST' });
  }

  async previewAccessRequest(request: CreateAccessRequest): Promise<ApprovalRequirement> {
    return this.json('/access-requests/preview', this.body('POST', request));
  }

  async createAccessRequest(request: CreateAccessRequest): Promise<AccessRequest> {
    return this.json('/access-requests', this.body('POST', request));
  }

  async getAccessRequests(query?: AccessRequestQuery): Promise<Page<AccessRequest>> {
    return this.json(`/access-requests${queryString(query)}`);
  }

  async getAccessRequest(id: string): Promise<AccessRequest> {
    return this.json(`/access-requests/${encodeURIComponent(id)}`);
  }

  async decideAccessRequest(id: string, decision: AccessDecisionRequest): Promise<AccessRequest> {
    return this.json(`/access-requests/${encodeURIComponent(id)}/decisions`, this.body('POST', decision));
  }

  async cancelAccessRequest(id: string): Promise<AccessRequest> {
    return this.json(`/access-requests/${encodeURIComponent(id)}/cancel`, this.body('POST', {}));
  }

  async revokeAccessRequest(id: string, reason: string): Promise<AccessRequest> {
    return this.json(`/access-requests/${encodeURIComponent(id)}/revoke`, this.body('POST', { reason }));
  }

  async completeBreakGlassReview(id: string, notes: string): Promise<AccessRequest> {
    return this.json(`/access-requests/${encodeURIComponent(id)}/review`, this.body('POST', { notes }));
  }

  async getAuditEvents(query?: { subject?: string; offset?: number; limit?: number }): Promise<Page<AuditEvent>> {
    return this.json(`/audit${queryString(query)}`);
  }

  async verifyAuditTrail(): Promise<AuditVerification> {
    return this.json('/audit/verify');
  }

  async exportAuditTrail(format: 'csv' | 'json'): Promise<string> {
    return (await this.request(`/audit/export${queryString({ format })}`)).text();
  }

  private body(method: string, value: unknown): RequestInit {
    return {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(value),
    };
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.request(path, init);
    return (await response.json()) as T;
  }

  private async request(
    path: string,
    init?: RequestInit & { allowNotFound?: boolean },
  ): Promise<Response> {
    const { allowNotFound, ...requestInit } = init ?? {};
    const baseUrl = await this.discoveryApi.getBaseUrl('resource-profiles');
    const response = await this.fetchImpl(`${baseUrl}${path}`, requestInit);
    if (!response.ok && !(allowNotFound && response.status === 404)) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
