import {
  ENVIRONMENTS,
  Environment,
  SEVERITIES,
  Severity,
  VIOLATION_ORDER_FIELDS,
  VIOLATION_STATUSES,
  ViolationQuery,
  ViolationStatus,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';

export type OrderField = (typeof VIOLATION_ORDER_FIELDS)[number];

export interface DashboardFilters {
  severity: Severity[];
  rule: string[];
  owner: string[];
  environment: Environment[];
  /** Empty means every status. */
  status: ViolationStatus[];
  text: string;
}

/** Everything a shared dashboard link carries. */
export interface DashboardState {
  filters: DashboardFilters;
  orderBy?: OrderField;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100];
export const DEFAULT_STATUS: ViolationStatus[] = ['open'];
/** The value of `status` in the URL when the user chose every status. */
const ALL = 'all';

function oneOf<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return values.filter((v): v is T => (allowed as readonly string[]).includes(v));
}

function nonNegativeInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** Reads the dashboard state from the query string, ignoring unknown values. */
export function readState(params: URLSearchParams): DashboardState {
  const status = params.getAll('status');
  const orderBy = params.get('orderBy');
  const order = params.get('order');
  const pageSize = nonNegativeInt(params.get('pageSize'), PAGE_SIZES[0]);
  return {
    filters: {
      severity: oneOf(SEVERITIES, params.getAll('severity')),
      rule: params.getAll('rule').filter(Boolean),
      owner: params.getAll('owner').filter(Boolean),
      environment: oneOf(ENVIRONMENTS, params.getAll('environment')),
      status: status.length === 0 ? DEFAULT_STATUS : oneOf(VIOLATION_STATUSES, status),
      text: params.get('q') ?? '',
    },
    orderBy: oneOf(VIOLATION_ORDER_FIELDS, orderBy ? [orderBy] : [])[0],
    order: order === 'asc' || order === 'desc' ? order : undefined,
    page: nonNegativeInt(params.get('page'), 0),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : PAGE_SIZES[0],
  };
}

/** The query string of a state; defaults are left out to keep links short. */
export function writeState(state: DashboardState): URLSearchParams {
  const params = new URLSearchParams();
  const { filters } = state;
  for (const key of ['severity', 'rule', 'owner', 'environment'] as const) {
    for (const value of filters[key]) params.append(key, value);
  }
  const isDefaultStatus =
    filters.status.length === DEFAULT_STATUS.length &&
    DEFAULT_STATUS.every(s => filters.status.includes(s));
  if (filters.status.length === 0) {
    params.append('status', ALL);
  } else if (!isDefaultStatus) {
    for (const value of filters.status) params.append('status', value);
  }
  if (filters.text.trim()) params.set('q', filters.text.trim());
  if (state.orderBy) params.set('orderBy', state.orderBy);
  if (state.order) params.set('order', state.order);
  if (state.page > 0) params.set('page', String(state.page));
  if (state.pageSize !== PAGE_SIZES[0]) params.set('pageSize', String(state.pageSize));
  return params;
}

/** The API filters of a dashboard state (no paging or sorting). */
export function filterQuery(filters: DashboardFilters): ViolationQuery {
  const list = <T>(values: T[]) => (values.length ? values : undefined);
  return {
    severity: list(filters.severity),
    rule: list(filters.rule),
    owner: list(filters.owner),
    environment: list(filters.environment),
    status: list(filters.status),
    text: filters.text.trim() || undefined,
  };
}

/** The filters, sorting and page of the violations table. */
export function tableQuery(state: DashboardState): ViolationQuery {
  return {
    ...filterQuery(state.filters),
    orderBy: state.orderBy,
    order: state.orderBy ? state.order : undefined,
    offset: state.page * state.pageSize,
    limit: state.pageSize,
  };
}
