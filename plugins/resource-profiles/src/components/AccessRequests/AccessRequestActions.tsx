import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { AccessRequest } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { extensionStatus, requestSubject } from './wording';

/** What the requester can do to one of their requests. */
export type AccessRequestAction = 'cancel' | 'extend' | 'end';

function ActionButton(props: {
  label: string;
  accessibleName: string;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <Button
      size="small"
      variant="outlined"
      disabled={props.disabled}
      aria-label={props.accessibleName}
      onClick={props.onClick}
    >
      {props.label}
    </Button>
  );
}

/**
 * The buttons of a request's row: Cancel while it is pending, Extend and End
 * access while its grant is active. A grant has one open extension at most:
 * while it has one, its state stands where Extend would.
 */
export function AccessRequestActions(props: {
  request: AccessRequest;
  /** Disables the buttons while an action on this request is under way. */
  busy?: boolean;
  onAction: (action: AccessRequestAction, request: AccessRequest) => void;
}) {
  const { request, busy, onAction } = props;
  const what = requestSubject(request);
  if (request.state === 'pending') {
    return (
      <ActionButton
        label="Cancel"
        accessibleName={`Cancel request for ${what}`}
        disabled={busy}
        onClick={() => onAction('cancel', request)}
      />
    );
  }
  if (request.state !== 'active') return null;
  return (
    <Box display="flex" justifyContent="flex-end" style={{ gap: 8 }}>
      {request.extendedBy ? (
        <Typography variant="caption" color="textSecondary" data-testid="extension-status">
          {extensionStatus(request.extendedBy.state)}
        </Typography>
      ) : (
        <ActionButton
          label="Extend"
          accessibleName={`Extend access to ${what}`}
          disabled={busy}
          onClick={() => onAction('extend', request)}
        />
      )}
      <ActionButton
        label="End access"
        accessibleName={`End access to ${what}`}
        disabled={busy}
        onClick={() => onAction('end', request)}
      />
    </Box>
  );
}
