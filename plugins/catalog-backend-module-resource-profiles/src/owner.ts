import {
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DEFAULT_TAG_KEYS, tagValue } from './tags';

/** @public */
export const DEFAULT_UNOWNED_GROUP = 'group:default/unowned';

/**
 * A tag value or configured ref as a full group (or user) entity ref:
 * `payments` → `group:default/payments`, `user:jane` → `user:default/jane`.
 * Undefined when it cannot be one (spaces, an e-mail address, another kind).
 *
 * @public
 */
export function normalizeOwnerRef(value: string): string | undefined {
  return normalizeRef(value, 'group', ['group', 'user']);
}

/** Like {@link normalizeOwnerRef} for a System. */
export function normalizeSystemRef(value: string): string | undefined {
  return normalizeRef(value, 'system', ['system']);
}

function normalizeRef(
  value: string,
  defaultKind: string,
  allowedKinds: string[],
): string | undefined {
  let ref;
  try {
    ref = parseEntityRef(value.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (
    !allowedKinds.includes(kind) ||
    !KubernetesValidatorFunctions.isValidNamespace(ref.namespace) ||
    !KubernetesValidatorFunctions.isValidObjectName(ref.name)
  ) {
    return undefined;
  }
  return stringifyEntityRef({ kind, namespace: ref.namespace, name: ref.name });
}

/** @public Where an owner came from, or why none could be found. */
export type OwnerResolution =
  | { resolved: true; ref: string; source: 'mapping' | 'tag'; tagValue: string }
  | {
      resolved: false;
      /** The fallback group. */
      ref: string;
      reason: 'no-tag' | 'invalid' | 'unknown';
      tagValue?: string;
    };

/** @public */
export interface OwnerOptions {
  /** Tag keys tried in order. Default: `owner`, `team`. */
  ownerTagKeys?: readonly string[];
  /** Tag value → entity ref; tried before reading the value as a group name. */
  ownerMapping?: Record<string, string>;
  /** Owner of entities whose owner cannot be resolved. */
  unownedGroup?: string;
  /**
   * Lower-cased refs of the Groups and Users in the catalog. When given, an
   * owner outside the set counts as unresolved.
   */
  knownOwners?: ReadonlySet<string>;
}

function lookupMapping(
  mapping: Record<string, string> | undefined,
  value: string,
): string | undefined {
  if (!mapping) return undefined;
  if (Object.hasOwn(mapping, value)) return mapping[value];
  const lower = value.toLocaleLowerCase('en-US');
  const key = Object.keys(mapping).find(
    candidate => candidate.toLocaleLowerCase('en-US') === lower,
  );
  return key === undefined ? undefined : mapping[key];
}

/**
 * Resolves the owner group from a resource's tags: the first owner tag, looked
 * up in the explicit mapping, else read as a group name or ref. A resource
 * without a usable owner is flagged with the fallback group, never dropped.
 *
 * @public
 */
export function resolveOwner(
  tags: Record<string, string>,
  options: OwnerOptions = {},
): OwnerResolution {
  const unowned = options.unownedGroup ?? DEFAULT_UNOWNED_GROUP;
  const value = tagValue(tags, options.ownerTagKeys ?? DEFAULT_TAG_KEYS.owner);
  if (!value) return { resolved: false, ref: unowned, reason: 'no-tag' };

  const mapped = lookupMapping(options.ownerMapping, value);
  const ref = normalizeOwnerRef(mapped ?? value);
  if (!ref) {
    return {
      resolved: false,
      ref: unowned,
      reason: 'invalid',
      tagValue: value,
    };
  }
  if (
    options.knownOwners &&
    !options.knownOwners.has(ref.toLocaleLowerCase('en-US'))
  ) {
    return {
      resolved: false,
      ref: unowned,
      reason: 'unknown',
      tagValue: value,
    };
  }
  return {
    resolved: true,
    ref,
    source: mapped ? 'mapping' : 'tag',
    tagValue: value,
  };
}
