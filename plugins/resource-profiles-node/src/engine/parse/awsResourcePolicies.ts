import { z } from 'zod';
import { nameFromArn, parseArn } from '../arn';
import type { ParsedInput } from '../model';
import { InputParseError, parseJsonExport, type ParseOptions } from './InputParseError';
import { parsePolicyDocument } from './policyDocument';

/** What each service's resources are called, and their policy. */
const services: Record<string, { type: string; policyName: string }> = {
  kms: { type: 'kms-key', policyName: 'key policy' },
  sqs: { type: 'sqs-queue', policyName: 'queue policy' },
  sns: { type: 'sns-topic', policyName: 'topic policy' },
  secretsmanager: { type: 'secretsmanager-secret', policyName: 'secret policy' },
  lambda: { type: 'lambda-function', policyName: 'function policy' },
};

const accountId = z.string().regex(/^\d{12}$/, 'expected a 12-digit account id');

/**
 * One account's KMS keys, SQS queues, SNS topics, Secrets Manager secrets and Lambda functions,
 * each with its resource policy (`Policy`: the JSON text or the document; absent when it has
 * none) and tags. The backend's live `aws-resource-policies` reader writes this shape, and
 * `docs/engine.md` shows how to write it with the AWS CLI.
 */
const exportSchema = z
  .object({
    AccountId: accountId,
    Region: z.string().optional(),
    Resources: z.array(
      z
        .object({
          Arn: z
            .string()
            .refine(arn => (parseArn(arn)?.service ?? '') in services, `expected the ARN of a ${Object.keys(services).join(', ')} resource`),
          Name: z.string().optional(),
          Tags: z.array(z.object({ Key: z.string(), Value: z.string() }).strict()).default([]),
          Policy: z.unknown().optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** Parses a resource policy export: its resources, with their tags, and their policies. */
export function parseAwsResourcePolicies(text: string, source: string, options: ParseOptions = {}): ParsedInput {
  const { AccountId: owner, Resources: listed } = parseJsonExport(text, source, options, exportSchema, ['Resources'], 'a resource policy export: expected an object with AccountId and Resources');
  const resources: ParsedInput['resources'] = [];
  const resourcePolicies: NonNullable<ParsedInput['resourcePolicies']> = [];
  listed.forEach((r, i) => {
    const address = `$.Resources[${i}]`;
    const arn = parseArn(r.Arn)!;
    if (arn.accountId !== owner) throw new InputParseError(source, `${address}.Arn`, `the resource belongs to account ${arn.accountId}, not to the export's ${owner}`);
    const { type, policyName } = services[arn.service];
    resources.push({ arn: r.Arn, type, name: r.Name ?? nameFromArn(r.Arn), accountId: owner, region: arn.region || undefined, tags: Object.fromEntries(r.Tags.map(t => [t.Key, t.Value])), source: { file: source, address } });
    if (r.Policy !== undefined && r.Policy !== null && r.Policy !== '') {
      resourcePolicies.push({ resourceArn: r.Arn, name: policyName, document: parsePolicyDocument(r.Policy, source, `${address}.Policy`), source: { file: source, address: `${address}.Policy` } });
    }
  });
  return { kind: 'aws-resource-policies', source, principals: [], policies: [], resources, resourcePolicies, warnings: [] };
}
