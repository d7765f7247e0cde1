import IconButton from '@material-ui/core/IconButton';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { requestSubject } from './wording';

/** The id of the row that shows a request's details. */
export function detailsId(request: AccessRequest): string {
  return `access-request-${request.id}-details`;
}

/** Shows or hides the details of a request beneath its row. */
export function AccessRequestDetailsButton(props: {
  request: AccessRequest;
  open: boolean;
  onToggle: () => void;
}) {
  const { request, open, onToggle } = props;
  return (
    <IconButton
      size="small"
      aria-label={`Details of the request for ${requestSubject(request)}`}
      aria-expanded={open}
      aria-controls={detailsId(request)}
      onClick={onToggle}
    >
      {open ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
    </IconButton>
  );
}
