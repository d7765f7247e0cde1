import Chip from '@material-ui/core/Chip';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { RoleMappingEntry } from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { useTableStyles } from '../../lib/styles';
import { InfoTip } from '../InfoTip';
import { conditionLines } from '../../lib/conditions';
import { accessPathText } from './accessPath';

const principalTypeText: Record<RoleMappingEntry['principalType'], string> = {
  user: 'user',
  group: 'group',
  role: 'role',
  account: 'whole account',
  anyone: 'public: any principal',
};

/** "role", or "role of account 444455556666" for a principal of another account than the row's. */
function principalCaption(entry: RoleMappingEntry): string {
  const type = principalTypeText[entry.principalType];
  const account = entry.principalArn.split(':')[4];
  const elsewhere = (entry.principalType === 'user' || entry.principalType === 'role') && account && account !== entry.accountId;
  return elsewhere ? `${type} of account ${account}` : type;
}

function ConditionalMarker(props: { entry: RoleMappingEntry }) {
  const lines = conditionLines(props.entry.conditions);
  const title = lines.length
    ? `Only when: ${lines.join('; ')}`
    : 'Only when the IAM conditions of the granting statement hold';
  return (
    <InfoTip title={title}>
      <Chip
        size="small"
        variant="outlined"
        label="conditional"
        style={{ marginLeft: 8 }}
        data-testid="conditional"
      />
    </InfoTip>
  );
}

export function RoleMappingRow(props: { entry: RoleMappingEntry }) {
  const { entry } = props;
  const classes = useTableStyles();
  const pathTitle = entry.path.via.length && entry.path.kind !== 'resource-policy' ? entry.path.via.join(' → ') : '';
  return (
    <TableRow>
      <TableCell>
        <InfoTip title={entry.principalArn}>
          <Typography variant="body2" component="span" style={{ fontWeight: 500 }}>
            {entry.principalName}
          </Typography>{' '}
          <Typography variant="caption" color="textSecondary" component="span">
            {principalCaption(entry)}
          </Typography>
        </InfoTip>
      </TableCell>
      <TableCell>
        <span className={classes.nowrap}>{entry.accessLevel}</span>
        {entry.conditional && <ConditionalMarker entry={entry} />}
        {entry.resourceArn === '*' && (
          <Typography variant="caption" color="textSecondary" display="block">
            every resource of its kind in account {entry.accountId}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {pathTitle ? (
          <InfoTip title={pathTitle}>{accessPathText(entry.path)}</InfoTip>
        ) : (
          accessPathText(entry.path)
        )}
      </TableCell>
      <TableCell align="right">
        <InfoTip title={entry.sampleActions.join(', ') || 'no sample'}>
          {entry.actionCount}
        </InfoTip>
      </TableCell>
    </TableRow>
  );
}
