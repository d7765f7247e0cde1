import { readFileSync } from 'node:fs';
import {
  InputParseError,
  loadRuleSet,
  mergeInputs,
  parseAwsAuthorizationDetails,
  parseAwsOrganizations,
  parseAwsResourcePolicies,
  parseAwsS3Buckets,
  parseCloudFormation,
  parseTerraform,
  type CloudModel,
  type ParsedInput,
  type RuleSet,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { UsageError } from './UsageError';

export interface InputFiles {
  awsAuthz: string[];
  terraform: string[];
  cloudformation: string[];
  awsOrganizations?: string[];
  awsS3?: string[];
  awsResourcePolicies?: string[];
  accountId?: string;
}

export const maxInputBytes = 1024 * 1024 * 1024;

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read the file${code === 'ENOENT' ? ' (it does not exist)' : ` (${code ?? (e as Error).message})`}`);
  }
}

/** Reads and parses every input; any malformed file stops the scan with its location. */
export function loadModel(files: InputFiles): { model: CloudModel; texts: Map<string, string> } {
  const texts = new Map<string, string>();
  const parsed: ParsedInput[] = [];
  const options = { maxBytes: maxInputBytes, accountId: files.accountId };
  const read = (file: string, parse: (text: string, source: string) => ParsedInput) => {
    const text = readText(file);
    texts.set(file, text);
    parsed.push(parse(text, file));
  };
  for (const f of files.awsAuthz) read(f, (t, s) => parseAwsAuthorizationDetails(t, s, options));
  for (const f of files.terraform) read(f, (t, s) => parseTerraform(t, s, options));
  for (const f of files.cloudformation) read(f, (t, s) => parseCloudFormation(t, s, options));
  for (const f of files.awsOrganizations ?? []) read(f, (t, s) => parseAwsOrganizations(t, s, options));
  for (const f of files.awsS3 ?? []) read(f, (t, s) => parseAwsS3Buckets(t, s, options));
  for (const f of files.awsResourcePolicies ?? []) read(f, (t, s) => parseAwsResourcePolicies(t, s, options));
  return { model: mergeInputs(parsed), texts };
}

export function loadRules(file: string | undefined): RuleSet | undefined {
  if (!file) return undefined;
  return loadRuleSet(readText(file), file);
}

export { InputParseError };
