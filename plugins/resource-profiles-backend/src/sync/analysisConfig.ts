import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Environment } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import {
  defaultRuleSet,
  InputParseError,
  loadRuleSet,
  RuleSet,
} from '@resource-profiles/backstage-plugin-resource-profiles-node';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parseEnvironment } from '../profiles/parseProfileValues';

export interface AnalysisConfig {
  rules: RuleSet;
  /** Environment per AWS account id, for findings whose resources carry no tag. */
  accountEnvironments: Map<string, Environment>;
}

/**
 * Reads `resourceProfiles.analysis.rulesFile` (duties, conflicts, extra
 * escalation methods, severities) and `resourceProfiles.accounts`.
 */
export function readAnalysisConfig(config: RootConfigService): AnalysisConfig {
  const rulesFile = config.getOptionalString('resourceProfiles.analysis.rulesFile');
  let rules = defaultRuleSet();
  if (rulesFile) {
    const path = resolve(rulesFile);
    try {
      rules = loadRuleSet(readFileSync(path, 'utf8'), path);
    } catch (error) {
      if (error instanceof InputParseError) {
        throw new InputError(`Invalid rules file ${error.message}`);
      }
      throw new InputError(`Cannot read rules file ${path}: ${(error as Error).message}`);
    }
  }
  const accountEnvironments = new Map<string, Environment>();
  for (const account of config.getOptionalConfigArray('resourceProfiles.accounts') ?? []) {
    const id = account.getString('id');
    const text = account.getOptionalString('environment');
    if (!text) continue;
    const environment = parseEnvironment(text);
    if (!environment) {
      throw new InputError(`resourceProfiles.accounts: unknown environment "${text}" for account ${id}`);
    }
    accountEnvironments.set(id, environment);
  }
  return { rules, accountEnvironments };
}
