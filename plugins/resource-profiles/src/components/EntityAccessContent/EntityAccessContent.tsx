import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { EntityAccessRequestsCard } from '../AccessRequests';
import { EntityViolationsCard } from '../EntityViolationsCard';
import { GuardrailsCard, useGuardrails } from '../GuardrailsCard';
import { ResourceProfileCard } from '../ResourceProfileCard';
import { RoleMappingsCard } from '../RoleMappingsCard';

/**
 * The entity page's Access tab: the profile, who can access the resource, the
 * caller's requests and grants (with "Request access"), the open violations,
 * and the organization's guardrails over the resource's account.
 */
export function EntityAccessContent() {
  const { entity } = useEntity();
  const guardrails = useGuardrails(stringifyEntityRef(entity));
  // Only once loaded, and only where some synced source describes an organization.
  const showGuardrails = !!guardrails.error || !!guardrails.value?.organizationKnown;
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} lg={5}>
        <ResourceProfileCard variant="full" />
      </Grid>
      <Grid item xs={12} lg={7}>
        <RoleMappingsCard />
      </Grid>
      <Grid item xs={12}>
        <EntityAccessRequestsCard />
      </Grid>
      <Grid item xs={12}>
        <EntityViolationsCard />
      </Grid>
      {showGuardrails && (
        <Grid item xs={12}>
          <GuardrailsCard guardrails={guardrails} />
        </Grid>
      )}
    </Grid>
  );
}
