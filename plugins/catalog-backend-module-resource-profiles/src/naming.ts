import { createHash } from 'node:crypto';
import { CloudInventoryItem } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { parseArn } from '@resource-profiles/backstage-plugin-resource-profiles-node';

/** Backstage's limit for `metadata.name`. */
const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 8;

/** Lower-case ASCII words joined by single dashes (`Payments Ledger_DB` → `payments-ledger-db`). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** First 8 hex digits of the SHA-256 of the ARN. */
export function arnHash(arn: string): string {
  return createHash('sha256').update(arn).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * The `metadata.name` of the entity provided for an inventory item:
 * `<type>-<name>-<hash>`, e.g. `iam-role-payments-engineer-1f0c3a9e`.
 *
 * The readable part is the slugged type and name, cut to fit; the hash of the
 * full ARN keeps names unique across accounts, regions and IAM paths. It is
 * always added, so that a name depends on its ARN alone and never changes
 * when another account gains a resource with the same name.
 *
 * @public
 */
export function entityNameForItem(
  item: Pick<CloudInventoryItem, 'arn' | 'type' | 'name'>,
): string {
  const type = slugify(item.type ?? '') || 'resource';
  const name =
    slugify(item.name ?? '') || slugify(parseArn(item.arn)?.resource ?? '');
  const readable = name.startsWith(`${type}-`) ? name : `${type}-${name}`;
  const room = MAX_NAME_LENGTH - HASH_LENGTH - 1;
  const prefix = readable.slice(0, room).replace(/-+$/g, '');
  return `${prefix}-${arnHash(item.arn)}`;
}
