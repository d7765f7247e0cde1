import TextField from '@material-ui/core/TextField';
import { RequestableRole } from '@resource-profiles/backstage-plugin-resource-profiles-common';

/**
 * The role a request is for: a choice among the profile's requestable roles,
 * or, when `fixed`, the one role shown read-only (an extension keeps the role
 * of the grant it extends).
 */
export function RoleField(props: {
  roles: RequestableRole[];
  value: string;
  onChange: (role: string) => void;
  fixed?: boolean;
  /** The policy or group the role grants, shown as help. */
  target?: string;
  error?: string;
}) {
  const { roles, value, onChange, fixed, target, error } = props;
  return (
    <TextField
      id="access-request-role"
      label="Role"
      select={!fixed}
      required
      fullWidth
      variant="outlined"
      margin="normal"
      SelectProps={fixed ? undefined : { native: true }}
      InputProps={fixed ? { readOnly: true } : undefined}
      value={value}
      onChange={event => onChange(event.target.value)}
      error={!!error}
      helperText={error ?? (target ? `Grants ${target}` : undefined)}
    >
      {fixed
        ? undefined
        : roles.map(option => (
            <option key={option.name} value={option.name}>
              {option.name}
            </option>
          ))}
    </TextField>
  );
}
