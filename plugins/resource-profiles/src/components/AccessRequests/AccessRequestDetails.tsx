import Box from '@material-ui/core/Box';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { AccessRequestTimeline } from './AccessRequestTimeline';
import { Field } from './Field';
import { RequirementSummary } from './RequirementSummary';
import { requestSubject } from './wording';

/**
 * Everything about one request: why it was asked for, what it grants to
 * which IAM principals, what the policy requires, and what happened when.
 */
export function AccessRequestDetails(props: { request: AccessRequest }) {
  const { request } = props;
  return (
    <Box
      component="section"
      aria-label={`Details of the request for ${requestSubject(request)}`}
      data-testid="access-request-details"
      display="flex"
      flexDirection="column"
      style={{ gap: 16 }}
    >
      <Box display="flex" flexWrap="wrap" style={{ gap: 24 }}>
        <Field label="Justification">
          <span
            style={{ whiteSpace: 'pre-wrap' }}
            data-testid="access-request-justification"
          >
            {request.justification}
          </span>
        </Field>
        <Field label="Ticket">{request.ticket ?? '—'}</Field>
        <Field label="Role">
          {request.role.name}: <code>{request.role.target}</code>
        </Field>
      </Box>
      <Field label="Applies to">
        {request.principalArns.length > 0 ? (
          <ul
            style={{ margin: 0, paddingLeft: 20 }}
            data-testid="access-request-principals"
          >
            {request.principalArns.map(arn => (
              <li key={arn}>
                <code>{arn}</code>
              </li>
            ))}
          </ul>
        ) : (
          'No IAM principals of the requester are known.'
        )}
      </Field>
      <Field label="Requirement">
        <RequirementSummary requirement={request.requirement} />
      </Field>
      <Field label="Timeline">
        <AccessRequestTimeline request={request} />
      </Field>
    </Box>
  );
}
