import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type AnalyzeOptions } from '../analyze';
import { mergeInputs } from '../merge';
import { parseAwsAuthorizationDetails } from '../parse/awsAuthorizationDetails';
import type { CloudModel } from '../model';

// Tests run from source, where the fixtures sit beside src/.
// eslint-disable-next-line no-restricted-syntax
export const fixturesDir = join(__dirname, '..', '..', '..', 'fixtures');
export const readFixture = (path: string) => readFileSync(join(fixturesDir, path), 'utf8');
export const now = new Date('2026-06-01T00:00:00Z');

export function modelFromSnapshot(data: unknown, source = 'test.json'): CloudModel {
  return mergeInputs([parseAwsAuthorizationDetails(JSON.stringify(data), source)]);
}

export function analyzeSnapshot(data: unknown, options: AnalyzeOptions = {}) {
  return analyze(modelFromSnapshot(data), { now, ...options });
}

export const account = '111111111111';
export const userArn = (name: string) => `arn:aws:iam::${account}:user/${name}`;
export const roleArn = (name: string) => `arn:aws:iam::${account}:role/${name}`;

type Statement = Record<string, unknown>;
export const doc = (...Statement: Statement[]) => ({ Version: '2012-10-17', Statement });

export function user(name: string, extra: Record<string, unknown> = {}) {
  return { UserName: name, Arn: userArn(name), UserPolicyList: [], AttachedManagedPolicies: [], GroupList: [], Tags: [], ...extra };
}

export function inline(...docs: unknown[]) {
  return docs.map((PolicyDocument, i) => ({ PolicyName: `p${i}`, PolicyDocument }));
}

/** Terraform state v4 holding the given resources, one instance each (`type.name` → attributes). */
export function terraformState(resources: Record<string, Record<string, unknown>>): string {
  return JSON.stringify({
    version: 4,
    resources: Object.entries(resources).map(([address, attributes]) => {
      const [type, name] = address.split('.');
      return { mode: 'managed', type, name, instances: [{ attributes }] };
    }),
  });
}
