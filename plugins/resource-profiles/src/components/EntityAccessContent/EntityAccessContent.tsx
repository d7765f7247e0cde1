import Grid from '@material-ui/core/Grid';
import { EntityViolationsCard } from '../EntityViolationsCard';
import { ResourceProfileCard } from '../ResourceProfileCard';
import { RoleMappingsCard } from '../RoleMappingsCard';

/**
 * The entity page's Access tab. Access requests (a request button on the
 * profile, the caller's requests and grants) get their own row when the
 * request workflow ships.
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
        <EntityViolationsCard />
      </Grid>
    </Grid>
  );
}
