import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/** A value of a request with a small label above it: "Duration", "2 h". */
export function Field(props: { label: string; children: ReactNode }) {
  return (
    <Box minWidth={140}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}
