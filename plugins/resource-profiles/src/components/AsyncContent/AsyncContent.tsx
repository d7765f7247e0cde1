import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/**
 * The loading, error and empty states of data loaded with react-use's
 * `useAsync`; renders `children` once there is something to show. A value
 * kept from the previous load is shown while the next one loads.
 */
export function AsyncContent<T>(props: {
  value: T | undefined;
  error?: Error;
  isEmpty?: (value: T) => boolean;
  empty?: ReactNode;
  emptyTestId?: string;
  children: (value: T) => ReactNode;
}) {
  const { value, error, isEmpty } = props;
  if (error) return <ResponseErrorPanel error={error} />;
  if (value === undefined) return <Progress />;
  if (isEmpty?.(value)) {
    return (
      <Typography style={{ padding: 16 }} data-testid={props.emptyTestId}>
        {props.empty}
      </Typography>
    );
  }
  return <>{props.children(value)}</>;
}
