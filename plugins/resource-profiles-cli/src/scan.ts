import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { analyze, InputParseError, severities, type Severity } from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { readBaseline } from './baseline';
import { UsageError } from './UsageError';
import { loadModel, loadRules, readText } from './inputs';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatTable } from './formats/table';
import type { ScanReport } from './formats/report';
import { atOrAbove } from './severity';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const version = '0.1.0';

const humansSchema = z.object({ humans: z.array(z.object({ id: z.string().min(1), principalArns: z.array(z.string()).min(1) })) });

interface Options {
  awsAuthz: string[];
  terraform: string[];
  cloudformation: string[];
  awsOrganizations: string[];
  awsS3: string[];
  awsResourcePolicies: string[];
  rules?: string;
  humans?: string;
  format: 'table' | 'json' | 'sarif';
  failOn: Severity;
  baseline?: string;
  accountId?: string;
  now?: string;
}

function program(io: Io): Command {
  return new Command('resource-profiles-scan')
    .description('Scan IAM snapshots, Terraform and CloudFormation for privilege escalation, separation-of-duties conflicts and risky access')
    .version(version)
    .addOption(new Option('--aws-authz <files...>', 'aws iam get-account-authorization-details JSON').default([]))
    .addOption(new Option('--terraform <files...>', 'Terraform state (v4) or `terraform show -json` state/plan').default([]))
    .addOption(new Option('--cloudformation <files...>', 'CloudFormation templates (JSON or YAML)').default([]))
    .addOption(new Option('--aws-organizations <files...>', 'AWS Organizations export: service control policies and the OU tree (see docs/engine.md)').default([]))
    .addOption(new Option('--aws-s3 <files...>', 'S3 bucket export: bucket policies, Block Public Access and tags of one account (see docs/engine.md)').default([]))
    .addOption(new Option('--aws-resource-policies <files...>', 'resource policy export: KMS keys, SQS queues, SNS topics, secrets and Lambda functions of one account, with their policies and tags (see docs/engine.md)').default([]))
    .option('--rules <file>', 'YAML/JSON rule file: duties, conflicts, extra escalation methods, severities')
    .option('--humans <file>', 'JSON {"humans": [{"id", "principalArns": [...]}]} mapping people to principals')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'sarif']).default('table'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([...severities]).default('high'))
    .option('--baseline <file>', 'an earlier --format json output; only findings not in it fail the gate')
    .option('--account-id <id>', 'account id for IaC principals whose ARN is not known yet')
    .option('--now <iso-date>', 'evaluation time for date conditions and unused-role checks')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
}

/** Runs a scan; returns the exit code: 0 pass, 1 findings at or above --fail-on, 2 usage or input error. */
export async function runScan(argv: string[], io: Io): Promise<number> {
  const cmd = program(io);
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const opts = cmd.opts<Options>();
  try {
    if (opts.awsAuthz.length + opts.terraform.length + opts.cloudformation.length + opts.awsS3.length + opts.awsResourcePolicies.length === 0) {
      throw new UsageError('nothing to scan: pass at least one of --aws-authz, --terraform, --cloudformation, --aws-s3 or --aws-resource-policies');
    }
    const now = opts.now ? new Date(opts.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now: "${opts.now}" is not a date`);
    const { model, texts } = loadModel({ awsAuthz: opts.awsAuthz, terraform: opts.terraform, cloudformation: opts.cloudformation, awsOrganizations: opts.awsOrganizations, awsS3: opts.awsS3, awsResourcePolicies: opts.awsResourcePolicies, accountId: opts.accountId });
    const rules = loadRules(opts.rules);
    let humans;
    if (opts.humans) {
      const parsed = humansSchema.safeParse(JSON.parse(readText(opts.humans)));
      if (!parsed.success) throw new UsageError(`${opts.humans}: $.${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
      humans = parsed.data.humans;
    }
    const known = opts.baseline ? readBaseline(readText(opts.baseline), opts.baseline) : undefined;
    const result = analyze(model, { rules, now, humans });
    const findings = result.findings.map(f => ({ ...f, isNew: !known?.has(f.id) }));
    const failing = findings.filter(f => f.isNew && atOrAbove(f.severity, opts.failOn));
    const report: ScanReport = { result, findings, failOn: opts.failOn, failing, baseline: opts.baseline, texts };
    if (opts.format === 'json') io.stdout(formatJson(report));
    else if (opts.format === 'sarif') io.stdout(formatSarif(report, version));
    else io.stdout(formatTable(report));
    if (opts.format !== 'table') for (const w of result.warnings) io.stderr(`warning: ${w}\n`);
    return failing.length ? 1 : 0;
  } catch (e) {
    if (e instanceof InputParseError) {
      io.stderr(`error: ${e.source}: malformed input at ${e.location}: ${e.detail}\n`);
      return 2;
    }
    if (e instanceof UsageError || e instanceof SyntaxError) {
      io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
