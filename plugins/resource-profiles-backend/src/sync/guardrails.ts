import { AccountGuardrails, GuardrailStatement } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { accountGuardrails, CloudModel, PolicyStatement } from '@resource-profiles/backstage-plugin-resource-profiles-node';

function statementOf(st: PolicyStatement): GuardrailStatement {
  const { sid, effect, action, notAction, resource, notResource, condition } = st;
  return { sid, effect, action, notAction, resource, notResource, condition };
}

/** The SCPs over each account of the model, as a snapshot stores them and the API returns them. */
export function guardrailsOf(model: CloudModel): AccountGuardrails[] {
  return accountGuardrails(model).map(account => ({
    ...account,
    levels: account.levels.map(level => ({
      ...level,
      policies: level.policies.map(({ document, ...policy }) => ({ ...policy, statements: document.statements.map(statementOf) })),
    })),
  }));
}
