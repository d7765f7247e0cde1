/**
 * @public One cloud resource or IAM principal from the latest snapshot, as
 * served to the catalog module by `GET /inventory` (service callers only).
 */
export interface CloudInventoryItem {
  arn: string;
  /** Kebab-case type, e.g. `s3-bucket`, `rds-instance`, `iam-role`, `iam-user`. */
  type: string;
  name: string;
  accountId: string;
  region?: string;
  tags: Record<string, string>;
  /** `principal` for IAM users, groups and roles. */
  category: 'resource' | 'principal';
  /** ARNs this item depends on, where the source says so (e.g. a function's role). */
  dependsOn: string[];
  /** The input file and the address inside it. */
  source: { file: string; address?: string };
  /** Only in a Terraform plan, not yet applied. */
  planned: boolean;
}

/** @public */
export interface CloudInventoryPage {
  items: CloudInventoryItem[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
  /** Id of the snapshot the page comes from. */
  snapshotId?: number;
}
