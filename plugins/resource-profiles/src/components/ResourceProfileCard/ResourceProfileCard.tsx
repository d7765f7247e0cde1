import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { ResourceProfile } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { ClassificationChip } from './ClassificationChip';
import { OpenViolationsCount } from './OpenViolationsCount';
import { useResourceProfile } from './useResourceProfile';

function formatDate(iso: string | undefined): string {
  return iso ? new Date(iso).toISOString().slice(0, 10) : 'never';
}

function approvalText(profile: ResourceProfile): string {
  const { mode, requiredApprovals } = profile.approvalPolicy;
  if (mode === 'auto') return 'Automatic';
  return requiredApprovals === 1
    ? 'One approver'
    : `${requiredApprovals} distinct approvers`;
}

function ReviewStatus(props: { profile: ResourceProfile }) {
  const { profile } = props;
  return (
    <span>
      {formatDate(profile.lastReviewedAt)}
      {profile.reviewOverdue && (
        <Chip
          size="small"
          label="review overdue"
          style={{ marginLeft: 8, background: '#ffebee', color: '#b71c1c' }}
          data-testid="review-overdue"
        />
      )}
    </span>
  );
}

/** The profile's fields, for the Access tab (full) or the overview card (summary). */
export function ResourceProfileDetails(props: {
  profile: ResourceProfile;
  variant: 'summary' | 'full';
}) {
  const { profile, variant } = props;
  const summary: Record<string, unknown> = {
    Owner: profile.owner ? (
      <EntityRefLink entityRef={profile.owner} defaultKind="group" />
    ) : (
      <Typography color="error" component="span">
        No owner
      </Typography>
    ),
    Environment: profile.environment,
    'Data classification': (
      <ClassificationChip value={profile.dataClassification} />
    ),
    'Compliance scopes': profile.complianceScopes.length
      ? profile.complianceScopes.join(', ')
      : 'none',
    'Last access review': <ReviewStatus profile={profile} />,
  };
  if (variant === 'summary') {
    return <StructuredMetadataTable metadata={summary} dense />;
  }
  const full: Record<string, unknown> = {
    ...summary,
    System: profile.system ? (
      <EntityRefLink entityRef={profile.system} defaultKind="system" />
    ) : (
      'none'
    ),
    'Review every': `${profile.reviewIntervalDays} days`,
    'Next review due': formatDate(profile.reviewDueAt),
    'Approval policy': approvalText(profile),
    Approvers: profile.approverGroups.length
      ? profile.approverGroups.map(ref => (
          <div key={ref}>
            <EntityRefLink entityRef={ref} defaultKind="group" />
          </div>
        ))
      : 'owner group',
    'Longest grant': `${profile.maxGrantDurationHours} hours`,
    'Break-glass': profile.breakGlassAllowed ? 'allowed' : 'not allowed',
    'Requestable roles': profile.requestableRoles.length
      ? profile.requestableRoles.map(role => (
          <div key={role.name}>
            <strong>{role.name}</strong>: <code>{role.target}</code>
          </div>
        ))
      : 'none',
  };
  if (profile.arn) {
    full.ARN = <code>{profile.arn}</code>;
  }
  return <StructuredMetadataTable metadata={full} />;
}

/** Card with the entity's resource profile. */
export function ResourceProfileCard(props: { variant?: 'summary' | 'full' }) {
  const { value: profile, loading, error } = useResourceProfile();
  const variant = props.variant ?? 'summary';
  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!profile) {
    content = (
      <Typography>This entity has no resource profile.</Typography>
    );
  } else {
    content = (
      <>
        <ResourceProfileDetails profile={profile} variant={variant} />
        {variant === 'summary' && <OpenViolationsCount />}
        {variant === 'full' && profile.warnings.length > 0 && (
          <Typography variant="body2" color="error" data-testid="profile-warnings">
            {profile.warnings.join('. ')}
          </Typography>
        )}
      </>
    );
  }
  return <InfoCard title="Resource profile">{content}</InfoCard>;
}
