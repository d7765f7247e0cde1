import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Violation } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { SeverityChip } from '../SeverityChip';
import { ViolationDetails } from '../ViolationDetails';

export function ViolationAccordion(props: { violation: Violation }) {
  const { violation } = props;
  const summaryId = `violation-${violation.id}-summary`;
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }} data-testid="violation">
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`violation-${violation.id}-details`}
        id={summaryId}
      >
        <Box display="flex" alignItems="center" style={{ gap: 12 }}>
          <SeverityChip severity={violation.severity} />
          <Box>
            <Typography variant="body1">{violation.title}</Typography>
            <Typography variant="caption" color="textSecondary">
              {violation.rule}
              {violation.method && ` · ${violation.method}`}
              {violation.conditional && ' · conditional'}
            </Typography>
          </Box>
        </Box>
      </AccordionSummary>
      <AccordionDetails id={`violation-${violation.id}-details`} aria-labelledby={summaryId}>
        <ViolationDetails violation={violation} />
      </AccordionDetails>
    </Accordion>
  );
}
