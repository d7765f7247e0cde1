import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ApprovalRequirement } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { requirementSentence, riskLabel, securitySentence } from './wording';

/**
 * What the approval policy requires for a request, the SoD and escalation
 * risks the grant would create, and why it would be refused.
 */
export function RequirementSummary(props: {
  requirement: ApprovalRequirement;
  /** Leave the refusal out, e.g. when the caller shows it elsewhere. */
  hideRefusal?: boolean;
  /** The request extends an active grant. */
  extending?: boolean;
}) {
  const { requirement, hideRefusal, extending } = props;
  const security = securitySentence(requirement);
  return (
    <Box
      display="flex"
      flexDirection="column"
      style={{ gap: 8 }}
      data-testid="requirement-summary"
    >
      {requirement.refusal && !hideRefusal ? (
        <Alert severity="error">{requirement.refusal}</Alert>
      ) : (
        <Typography variant="body2" data-testid="requirement-sentence">
          {requirementSentence(requirement, extending)}
        </Typography>
      )}
      {security && (
        <Typography variant="body2" data-testid="requirement-security">
          {security}
        </Typography>
      )}
      {requirement.risks.map(risk => (
        <Alert
          key={`${risk.rule}|${risk.method ?? ''}|${risk.title}`}
          severity="warning"
          data-testid="grant-risk"
        >
          <strong>{risk.title}</strong> ({riskLabel(risk)})
        </Alert>
      ))}
    </Box>
  );
}
