import Grid from '@material-ui/core/Grid';
import { ResourceProfileCard } from '../ResourceProfileCard';

/** The entity page's Access tab. */
export function EntityAccessContent() {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <ResourceProfileCard variant="full" />
      </Grid>
    </Grid>
  );
}
