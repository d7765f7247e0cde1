import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import LinearProgress from '@material-ui/core/LinearProgress';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  AccessRequest,
  CreateAccessRequest,
  ResourceProfile,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useMemo, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { resourceProfilesApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatHours } from './wording';
import { ExtensionIntro } from './ExtensionIntro';
import { FormDialog, TextAreaField } from './FormDialog';
import { RequirementSummary } from './RequirementSummary';
import { RoleField } from './RoleField';
import { useRequestPreview } from './useRequestPreview';

export const MIN_JUSTIFICATION = 10;
const DEFAULT_HOURS = 4;
/**
 * The policy does not depend on the justification, so the preview is asked
 * before the user has written one; it creates nothing.
 */
export const PREVIEW_JUSTIFICATION = 'Preview only: no request is created';

/** Validation messages for the form's fields, `undefined` where a field is fine. */
export function validateRequest(
  fields: {
    role: string;
    duration: string;
    justification: string;
    ticket: string;
  },
  maxHours: number,
) {
  const hours = Number(fields.duration);
  let duration: string | undefined;
  if (fields.duration.trim() === '' || !Number.isFinite(hours) || hours <= 0) {
    duration = 'Enter a number of hours greater than 0';
  } else if (hours > maxHours) {
    duration = `At most ${formatHours(maxHours)} for this resource`;
  }
  const length = fields.justification.trim().length;
  return {
    role: fields.role ? undefined : 'Pick a role',
    duration,
    justification:
      length < MIN_JUSTIFICATION
        ? `At least ${MIN_JUSTIFICATION} characters (${length} so far)`
        : undefined,
    ticket:
      fields.ticket.trim().length > 200 ? 'At most 200 characters' : undefined,
  };
}

/**
 * Ask for a requestable role on a resource for a time, with a reason. Shows
 * what the policy will require (and any SoD risk) before anything is sent.
 * With `extending`, the request extends that active grant: its role is fixed
 * and the extension starts when the grant ends.
 */
export function RequestAccessDialog(props: {
  entityRef: string;
  profile: ResourceProfile;
  /** The caller's own active grant that this request extends. */
  extending?: AccessRequest;
  onClose: () => void;
  onCreated: (request: AccessRequest) => void;
}) {
  const { entityRef, profile, extending, onClose, onCreated } = props;
  const api = useApi(resourceProfilesApiRef);
  const maxHours = profile.maxGrantDurationHours;
  const [role, setRole] = useState(
    extending?.role.name ?? profile.requestableRoles[0]?.name ?? '',
  );
  const [duration, setDuration] = useState(
    String(Math.min(DEFAULT_HOURS, maxHours)),
  );
  const [justification, setJustification] = useState('');
  const [ticket, setTicket] = useState('');
  const [breakGlass, setBreakGlass] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const errors = validateRequest(
    { role, duration, justification, ticket },
    maxHours,
  );
  const target =
    profile.requestableRoles.find(r => r.name === role)?.target ??
    extending?.role.target;
  const extendsId = extending?.id;

  const previewRequest = useMemo<CreateAccessRequest | undefined>(() => {
    const hours = Number(duration);
    if (!role || !Number.isFinite(hours) || hours <= 0 || hours > maxHours) {
      return undefined;
    }
    return {
      entityRef,
      role,
      durationHours: hours,
      justification: PREVIEW_JUSTIFICATION,
      ...(breakGlass ? { breakGlass: true } : {}),
      ...(extendsId ? { extends: extendsId } : {}),
    };
  }, [entityRef, role, duration, breakGlass, maxHours, extendsId]);
  const preview = useRequestPreview(previewRequest);
  const refusal = preview.requirement?.refusal;

  const [state, submit] = useAsyncFn(async () => {
    const created = await api.createAccessRequest({
      entityRef,
      role,
      durationHours: Number(duration),
      justification: justification.trim(),
      ...(ticket.trim() ? { ticket: ticket.trim() } : {}),
      ...(breakGlass ? { breakGlass: true } : {}),
      ...(extendsId ? { extends: extendsId } : {}),
    });
    onCreated(created);
  }, [
    api,
    entityRef,
    role,
    duration,
    justification,
    ticket,
    breakGlass,
    extendsId,
    onCreated,
  ]);

  const invalid = Object.values(errors).some(Boolean);
  const onSubmit = () => {
    setSubmitted(true);
    if (invalid || refusal || state.loading) return;
    submit();
  };
  const shown = (message: string | undefined) =>
    submitted ? message : undefined;
  let submitLabel = extending ? 'Request extension' : 'Submit request';
  if (breakGlass) submitLabel = 'Activate break-glass';

  return (
    <FormDialog
      id={extending ? 'extend-access' : 'request-access'}
      title={extending ? 'Extend access' : 'Request access'}
      intro={
        extending ? (
          <ExtensionIntro grant={extending} />
        ) : (
          <>
            Access to <strong>{entityRef}</strong> is granted for the time you
            ask for and ends by itself.
          </>
        )
      }
      error={state.error}
      submitLabel={submitLabel}
      submitDisabled={state.loading || !!refusal}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <RoleField
        roles={profile.requestableRoles}
        value={role}
        onChange={setRole}
        fixed={!!extending}
        target={target}
        error={shown(errors.role)}
      />
      <TextField
        id="access-request-duration"
        label="Duration (hours)"
        type="number"
        required
        fullWidth
        variant="outlined"
        margin="normal"
        value={duration}
        onChange={event => setDuration(event.target.value)}
        inputProps={{ min: 0.25, max: maxHours, step: 'any' }}
        error={!!errors.duration}
        helperText={
          errors.duration ??
          `Up to ${formatHours(maxHours)}${
            extending ? ', counted from when the current grant ends' : ''
          }`
        }
      />
      <TextAreaField
        id="access-request-justification"
        label="Justification"
        required
        value={justification}
        onChange={setJustification}
        error={shown(errors.justification)}
        helperText="What you need the access for; approvers and auditors read this."
      />
      <TextField
        id="access-request-ticket"
        label="Ticket (optional)"
        fullWidth
        variant="outlined"
        margin="normal"
        value={ticket}
        onChange={event => setTicket(event.target.value)}
        error={!!errors.ticket}
        helperText={
          errors.ticket ?? 'An incident or change reference, e.g. INC-4711'
        }
      />
      {profile.breakGlassAllowed && (
        <Box mt={1}>
          <FormControlLabel
            control={
              <Switch
                checked={breakGlass}
                onChange={event => setBreakGlass(event.target.checked)}
                inputProps={{
                  'aria-describedby': 'access-request-break-glass-help',
                }}
              />
            }
            label="Break-glass (emergency)"
          />
          <FormHelperText id="access-request-break-glass-help">
            {extending
              ? 'Break-glass extends the grant at once, without approval, to the new end time.'
              : 'Break-glass activates the access immediately, without approval.'}{' '}
            The owners and the security group are notified at once, and a review
            of this use stays open until someone completes it.
          </FormHelperText>
        </Box>
      )}
      <Box mt={2} aria-live="polite">
        <Typography variant="subtitle2" gutterBottom>
          What the policy requires
        </Typography>
        {preview.loading && <LinearProgress aria-label="Checking the policy" />}
        {!previewRequest && (
          <Typography variant="body2" color="textSecondary">
            Pick a role and a valid duration to see what the policy requires.
          </Typography>
        )}
        {previewRequest && preview.error && (
          <Alert
            severity="warning"
            action={
              <Button color="inherit" size="small" onClick={preview.retry}>
                Check again
              </Button>
            }
          >
            Could not check the policy: {errorMessage(preview.error)}
          </Alert>
        )}
        {previewRequest && preview.requirement && !preview.error && (
          <RequirementSummary
            requirement={preview.requirement}
            extending={!!extending}
          />
        )}
      </Box>
    </FormDialog>
  );
}
