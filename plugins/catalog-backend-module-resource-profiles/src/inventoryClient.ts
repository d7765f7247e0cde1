import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  CloudInventoryItem,
  CloudInventoryPage,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';

/** The backend plugin that serves `GET /inventory`. */
const TARGET_PLUGIN_ID = 'resource-profiles';
const DEFAULT_PAGE_SIZE = 500;
/** A guard against a cursor that never ends. */
const MAX_PAGES = 10_000;
const PAGE_TIMEOUT_MS = 60_000;
/** Restarts from the first page when the snapshot changes while paging. */
const MAX_ATTEMPTS = 3;

/** @public The whole inventory of one snapshot. */
export interface Inventory {
  items: CloudInventoryItem[];
  /** Undefined when the backend has no snapshot yet. */
  snapshotId?: number;
}

/** @public */
export interface InventoryClientOptions {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials' | 'getPluginRequestToken'>;
  fetch?: typeof fetch;
  pageSize?: number;
}

function fail(where: string, message: string): never {
  throw new Error(`Malformed inventory ${where}: ${message}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkItem(value: unknown, where: string): CloudInventoryItem {
  if (!isRecord(value)) fail(where, 'not an object');
  for (const key of ['arn', 'type', 'name', 'accountId'] as const) {
    if (typeof value[key] !== 'string') fail(where, `${key} is not a string`);
  }
  if (!(value.arn as string).trim()) fail(where, 'arn is empty');
  if (
    value.region !== undefined &&
    value.region !== null &&
    typeof value.region !== 'string'
  ) {
    fail(where, 'region is not a string');
  }
  if (
    !isRecord(value.tags) ||
    Object.values(value.tags).some(tag => typeof tag !== 'string')
  ) {
    fail(where, 'tags is not an object of strings');
  }
  if (value.category !== 'resource' && value.category !== 'principal') {
    fail(where, 'category is neither resource nor principal');
  }
  if (
    !Array.isArray(value.dependsOn) ||
    value.dependsOn.some(arn => typeof arn !== 'string')
  ) {
    fail(where, 'dependsOn is not an array of strings');
  }
  if (
    !isRecord(value.source) ||
    typeof value.source.file !== 'string' ||
    (value.source.address !== undefined &&
      value.source.address !== null &&
      typeof value.source.address !== 'string')
  ) {
    fail(where, 'source is not { file, address? }');
  }
  if (typeof value.planned !== 'boolean')
    fail(where, 'planned is not a boolean');
  return value as unknown as CloudInventoryItem;
}

/**
 * Checks a page against the shared contract, item by item, so that a broken
 * backend can never turn into a full mutation of half-read entities.
 *
 * @public
 */
export function parseInventoryPage(value: unknown): CloudInventoryPage {
  if (!isRecord(value)) fail('page', 'not an object');
  if (!Array.isArray(value.items)) fail('page', 'items is not an array');
  if (value.nextCursor !== undefined && value.nextCursor !== null) {
    if (typeof value.nextCursor !== 'string' || !value.nextCursor) {
      fail('page', 'nextCursor is not a non-empty string');
    }
  }
  if (
    value.snapshotId !== undefined &&
    value.snapshotId !== null &&
    typeof value.snapshotId !== 'number'
  ) {
    fail('page', 'snapshotId is not a number');
  }
  return {
    items: value.items.map((item, index) => checkItem(item, `item ${index}`)),
    nextCursor: (value.nextCursor as string | null) ?? undefined,
    snapshotId: (value.snapshotId as number | null) ?? undefined,
  };
}

class SnapshotChangedError extends Error {}

/**
 * Reads the inventory from the resource-profiles backend, page by page, with
 * a service token. Any failure (network, non-2xx, malformed page) throws.
 *
 * @public
 */
export class InventoryClient {
  private readonly fetchImpl: typeof fetch;
  private readonly pageSize: number;

  constructor(private readonly options: InventoryClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  async readAll(): Promise<Inventory> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.readOnce();
      } catch (error) {
        if (
          !(error instanceof SnapshotChangedError) ||
          attempt >= MAX_ATTEMPTS
        ) {
          throw error;
        }
      }
    }
  }

  private async readOnce(): Promise<Inventory> {
    const baseUrl = await this.options.discovery.getBaseUrl(TARGET_PLUGIN_ID);
    const items: CloudInventoryItem[] = [];
    const seenCursors = new Set<string>();
    let snapshotId: number | undefined;
    let cursor: string | undefined;
    for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
      const page = await this.readPage(baseUrl, cursor);
      if (pageNumber === 0) {
        snapshotId = page.snapshotId;
      } else if (page.snapshotId !== snapshotId) {
        throw new SnapshotChangedError(
          `Inventory snapshot changed from ${snapshotId} to ${page.snapshotId} while paging`,
        );
      }
      items.push(...page.items);
      if (!page.nextCursor) return { items, snapshotId };
      if (seenCursors.has(page.nextCursor)) {
        throw new Error(`Inventory cursor ${page.nextCursor} repeats`);
      }
      seenCursors.add(page.nextCursor);
      cursor = page.nextCursor;
    }
    throw new Error(`Inventory has more than ${MAX_PAGES} pages`);
  }

  private async readPage(
    baseUrl: string,
    cursor: string | undefined,
  ): Promise<CloudInventoryPage> {
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: TARGET_PLUGIN_ID,
    });
    const params = new URLSearchParams({ limit: String(this.pageSize) });
    if (cursor) params.set('cursor', cursor);
    const url = `${baseUrl}/inventory?${params}`;
    const response = await this.fetchImpl(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(PAGE_TIMEOUT_MS),
    });
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      throw new Error(
        `GET ${url} answered ${response.status} ${response.statusText}${
          body ? `: ${body.slice(0, 300)}` : ''
        }`,
      );
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      throw new Error(`GET ${url} did not answer JSON: ${error}`);
    }
    return parseInventoryPage(json);
  }
}
