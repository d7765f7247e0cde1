import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Violation } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { ReactNode } from 'react';
import { arnName, formatDate } from '../../lib/format';
import { conditionLines } from '../../lib/conditions';
import { InfoTip } from '../InfoTip';
import { EvidencePolicy, parseEvidence } from './evidence';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function Arn(props: { arn: string }) {
  return (
<InfoTip title={props.arn}>{arnName(props.arn)}</InfoTip>
  );
}

function Chain(props: { arns: string[] }) {
  return (
    <span>
      {props.arns.map((arn, index) => (
        <span key={`${index}-${arn}`}>
          {index > 0 && ' → '}
          <Arn arn={arn} />
        </span>
      ))}
    </span>
  );
}

function PoliciesTable(props: { policies: EvidencePolicy[] }) {
  return (
    <Table size="small" aria-label="Evidence: policies">
      <TableHead>
        <TableRow>
          <TableCell>Policy</TableCell>
          <TableCell>Held by</TableCell>
          <TableCell>Statement</TableCell>
          <TableCell>Matched actions</TableCell>
          <TableCell>On</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.policies.map((policy, index) => (
          <TableRow key={`${policy.policyArn ?? policy.policyName}|${policy.holderArn}|${policy.statementIndex}|${index}`}>
            <TableCell>
              {policy.policyArn ? (
                <InfoTip title={policy.policyArn}>{policy.policyName}</InfoTip>
              ) : (
                policy.policyName
              )}
            </TableCell>
            <TableCell>{policy.holderArn ? <Arn arn={policy.holderArn} /> : '—'}</TableCell>
            <TableCell>#{policy.statementIndex}</TableCell>
            <TableCell>
              <code>{policy.matchedActions.join(', ')}</code>
            </TableCell>
            <TableCell>
              <code>{policy.resource ?? '—'}</code>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A violation's evidence, affected resources and remediation. */
export function ViolationDetails(props: { violation: Violation }) {
  const { violation } = props;
  const evidence = parseEvidence(violation.evidence);
  const conditions = conditionLines(evidence.conditions);
  return (
    // ARNs and action lists may break anywhere, so they never widen the table around them.
    <Box width="100%" style={{ overflowWrap: 'anywhere' }} data-testid={`violation-details-${violation.id}`}>
      {violation.principal && (
        <Section title="Principal">
          <Typography variant="body2">
            {violation.principal.name} ({violation.principal.type}){' '}
            <code>{violation.principal.arn}</code>
          </Typography>
        </Section>
      )}
      {violation.resources.length > 0 && (
        <Section title="Resources">
          <Typography variant="body2" component="div">
            {violation.resources.map(resource => (
              <div key={resource}>
                <code>{resource}</code>
              </div>
            ))}
          </Typography>
        </Section>
      )}
      {evidence.policies.length > 0 && (
        <Section title="Policies">
          <PoliciesTable policies={evidence.policies} />
        </Section>
      )}
      {evidence.chain.length > 0 && (
        <Section title="Assume-role chain">
          <Typography variant="body2">
            <Chain arns={evidence.chain} />
          </Typography>
        </Section>
      )}
      {evidence.duties.length > 0 && (
        <Section title="Conflicting duties">
          {evidence.duties.map((duty, index) => (
            <Typography variant="body2" key={`${duty.duty}|${duty.principalArn}|${index}`}>
              <strong>{duty.duty}</strong> through <Arn arn={duty.principalArn} />
              {duty.chain && (
                <>
                  {' '}(chain <Chain arns={duty.chain} />)
                </>
              )}
              : <code>{duty.actions.join(', ')}</code>
            </Typography>
          ))}
        </Section>
      )}
      {conditions.length > 0 && (
        <Section title={violation.conditional ? 'Holds only when' : 'Conditions'}>
          {conditions.map(line => (
            <Typography variant="body2" key={line}>
              <code>{line}</code>
            </Typography>
          ))}
        </Section>
      )}
      {Object.keys(evidence.other).length > 0 && (
        <Section title="Other evidence">
          <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
            {JSON.stringify(evidence.other, null, 2)}
          </pre>
        </Section>
      )}
      <Section title="Remediation">
        <Typography variant="body2">{violation.remediation}</Typography>
      </Section>
      {violation.acceptance && (
        <Section title="Risk accepted">
          <Typography variant="body2">
            by {violation.acceptance.acceptedBy} on {formatDate(violation.acceptance.acceptedAt)}, until{' '}
            {formatDate(violation.acceptance.expiresAt)}: {violation.acceptance.justification}
          </Typography>
        </Section>
      )}
      <Typography variant="caption" color="textSecondary">
        First seen {formatDate(violation.firstSeenAt)}, last seen {formatDate(violation.lastSeenAt)}
        {violation.resolvedAt && `, resolved ${formatDate(violation.resolvedAt)}`}
      </Typography>
    </Box>
  );
}
