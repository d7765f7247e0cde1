import Grid from '@material-ui/core/Grid';
import { EntityAccessRequestsCard } from '../AccessRequests';
import { EntityViolationsCard } from '../EntityViolationsCard';
import { ResourceProfileCard } from '../ResourceProfileCard';
import { RoleMappingsCard } from '../RoleMappingsCard';

/**
 * The entity page's Access tab: the profile, who can access the resource,
 * the caller's requests and grants (with "Request access"), and the open
 * violations.
 */
export function EntityAccessContent() {
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
    </Grid>
  );
}
