import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  EntityGuardrails,
  GuardrailLevel,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import useAsync from 'react-use/esm/useAsync';
import { resourceProfilesApiRef } from '../../api';
import { AsyncContent } from '../AsyncContent';
import { levelLabel, statementSentence } from './guardrailWording';

function accountLabel(value: EntityGuardrails): string {
  const name = value.guardrails?.accountName;
  return name ? `${name} (${value.accountId})` : `${value.accountId ?? 'unknown'}`;
}

function LevelList(props: { levels: GuardrailLevel[]; label: string; testId: string }) {
  return (
    <Box component="ol" m={0} pl={2} aria-label={props.label}>
      {props.levels.map(level => (
        <li key={level.targetId} data-testid={props.testId}>
          <Typography variant="subtitle2">{levelLabel(level)}</Typography>
          <Box component="ul" mt={0.5} mb={1} pl={2}>
            {level.policies.map(policy => (
              <li key={policy.id} data-testid="guardrail-policy">
                <Typography variant="body2" component="span">
                  <strong>{policy.name}</strong>
                </Typography>
                {policy.statements.map((statement, index) => (
                  <Typography
                    key={index}
                    variant="body2"
                    color="textSecondary"
                    data-testid="guardrail-statement"
                  >
                    {statementSentence(statement)}
                  </Typography>
                ))}
              </li>
            ))}
            {level.impliedFullAccess && (
              <li data-testid="guardrail-implied">
                <Typography variant="body2" color="textSecondary">
                  FullAWSAccess is assumed here: the synced sources show only
                  policies that deny, and AWS attaches FullAWSAccess to every
                  level by default.
                </Typography>
              </li>
            )}
          </Box>
        </li>
      ))}
    </Box>
  );
}

function Levels(props: { value: EntityGuardrails }) {
  const { value } = props;
  const guardrails = value.guardrails;
  if (!guardrails) {
    return (
      <Typography data-testid="guardrails-none">
        No service or resource control policy is known to apply to account{' '}
        {accountLabel(value)}.
      </Typography>
    );
  }
  if (guardrails.managementAccount) {
    return (
      <Typography data-testid="guardrails-management">
        Account {accountLabel(value)} is the organization's management account:
        service and resource control policies do not apply to it.
      </Typography>
    );
  }
  const controls = guardrails.resourceControlLevels ?? [];
  return (
    <>
      {guardrails.levels.length > 0 && (
        <>
          <Typography variant="body2" color="textSecondary" paragraph>
            Service control policies over account {accountLabel(value)}.
            Every action needs an Allow at each level, and a Deny at any level
            removes it; the account's own principals who can access this
            resource are already counted within them (other accounts answer to
            their own).
          </Typography>
          <LevelList
            levels={guardrails.levels}
            label="Guardrail levels"
            testId="guardrail-level"
          />
        </>
      )}
      {controls.length > 0 && (
        <>
          <Typography variant="body2" color="textSecondary" paragraph>
            Resource control policies over the resources of account{' '}
            {accountLabel(value)}. Their Denies apply to every caller of its
            S3, KMS, SQS, Secrets Manager, ECR, DynamoDB, CloudWatch Logs,
            Cognito user pool and OpenSearch Serverless resources, other
            accounts included; the access shown is already counted within
            them.
          </Typography>
          <LevelList
            levels={controls}
            label="Resource control levels"
            testId="resource-control-level"
          />
        </>
      )}
    </>
  );
}

/** The guardrails over the account of an entity's resource, loaded once per entity. */
export function useGuardrails(entityRef: string) {
  const api = useApi(resourceProfilesApiRef);
  return useAsync(() => api.getGuardrails(entityRef), [api, entityRef]);
}

/**
 * The AWS Organizations service control policies over the account of the
 * entity's resource, root first, and the resource control policies over its
 * resources: the guardrails the role mappings were computed under.
 */
export function GuardrailsCard(props: {
  guardrails: { value?: EntityGuardrails; error?: Error };
}) {
  const { value, error } = props.guardrails;
  return (
    <InfoCard title="Organization guardrails">
      <AsyncContent value={value} error={error}>
        {loaded => <Levels value={loaded} />}
      </AsyncContent>
    </InfoCard>
  );
}
