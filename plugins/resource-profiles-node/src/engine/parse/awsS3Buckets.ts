import { z } from 'zod';
import type { ParsedInput, PublicAccessBlock } from '../model';
import { parseJsonExport, type ParseOptions } from './InputParseError';
import { parsePolicyDocument } from './policyDocument';

/** `GetPublicAccessBlock`'s configuration (bucket or account). */
const publicAccessBlockSchema = z
  .object({
    BlockPublicAcls: z.boolean().optional(),
    IgnorePublicAcls: z.boolean().optional(),
    BlockPublicPolicy: z.boolean().optional(),
    RestrictPublicBuckets: z.boolean().optional(),
  })
  .strict();

/**
 * One account's S3 buckets: `ListBuckets`, and per bucket `GetBucketPolicy` (`Policy`, the JSON
 * text or the document), `GetPublicAccessBlock` and `GetBucketTagging` (`Tags`). The backend's
 * live `aws-s3` reader writes this shape, and `docs/engine.md` shows how to write it with the
 * AWS CLI.
 */
const exportSchema = z
  .object({
    AccountId: z.string().regex(/^\d{12}$/, 'expected a 12-digit account id'),
    /** The account-wide Block Public Access setting (S3 Control `GetPublicAccessBlock`). */
    PublicAccessBlock: publicAccessBlockSchema.optional(),
    Buckets: z.array(
      z
        .object({
          Name: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name'),
          Region: z.string().optional(),
          Tags: z.array(z.object({ Key: z.string(), Value: z.string() }).strict()).default([]),
          Policy: z.unknown().optional(),
          PublicAccessBlock: publicAccessBlockSchema.optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** Parses an S3 bucket export: the buckets as resources, their policies and Block Public Access settings. */
export function parseAwsS3Buckets(text: string, source: string, options: ParseOptions = {}): ParsedInput {
  const data = parseJsonExport(text, source, options, exportSchema, ['Buckets'], 'an S3 bucket export: expected an object with AccountId and Buckets');
  const { AccountId: accountId, Buckets: buckets } = data;
  const publicAccessBlocks: PublicAccessBlock[] = [];
  const block = (target: string, config: z.infer<typeof publicAccessBlockSchema> | undefined, address: string) => {
    if (config) publicAccessBlocks.push({ target, restrictPublicBuckets: config.RestrictPublicBuckets === true, source: { file: source, address } });
  };
  block(accountId, data.PublicAccessBlock, '$.PublicAccessBlock');
  const resources: ParsedInput['resources'] = [];
  const resourcePolicies: NonNullable<ParsedInput['resourcePolicies']> = [];
  buckets.forEach((b, i) => {
    const arn = `arn:aws:s3:::${b.Name}`;
    const address = `$.Buckets[${i}]`;
    resources.push({ arn, type: 's3-bucket', name: b.Name, accountId, region: b.Region, tags: Object.fromEntries(b.Tags.map(t => [t.Key, t.Value])), source: { file: source, address } });
    if (b.Policy !== undefined && b.Policy !== null && b.Policy !== '') {
      resourcePolicies.push({ resourceArn: arn, name: 'bucket policy', document: parsePolicyDocument(b.Policy, source, `${address}.Policy`), source: { file: source, address: `${address}.Policy` } });
    }
    block(arn, b.PublicAccessBlock, `${address}.PublicAccessBlock`);
  });
  return { kind: 'aws-s3-buckets', source, principals: [], policies: [], resources, resourcePolicies, publicAccessBlocks, warnings: [] };
}
