import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import {
  ENVIRONMENTS,
  SEVERITIES,
  VIOLATION_STATUSES,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { ReactNode } from 'react';
import { refName } from '../../lib/format';
import { FilterOption, MultiSelectFilter } from '../MultiSelectFilter';
import { SearchField } from '../SearchField';
import { DashboardFilters, DEFAULT_STATUS } from './dashboardState';

type ListFilter = Exclude<keyof DashboardFilters, 'text'>;

/** Options seen in the aggregates, plus whatever is selected already. */
function withSelected(known: string[], selected: string[]): string[] {
  return [...new Set([...known, ...selected])];
}

const CLEARED: DashboardFilters = {
  severity: [],
  rule: [],
  owner: [],
  environment: [],
  status: DEFAULT_STATUS,
  text: '',
};

export function DashboardFiltersBar(props: {
  filters: DashboardFilters;
  rules: string[];
  owners: string[];
  onChange: (patch: Partial<DashboardFilters>, replace?: boolean) => void;
  actions?: ReactNode;
}) {
  const { filters, onChange } = props;
  const selects: { key: ListFilter; label: string; options: (string | FilterOption)[] }[] = [
    { key: 'severity', label: 'Severity', options: [...SEVERITIES] },
    { key: 'rule', label: 'Rule', options: withSelected(props.rules, filters.rule) },
    {
      key: 'owner',
      label: 'Owner',
      options: withSelected(props.owners, filters.owner).map(owner => ({
        value: owner,
        label: refName(owner),
      })),
    },
    { key: 'environment', label: 'Environment', options: [...ENVIRONMENTS] },
    { key: 'status', label: 'Status', options: [...VIOLATION_STATUSES] },
  ];
  const isCleared = (Object.keys(CLEARED) as (keyof DashboardFilters)[]).every(
    key => String(filters[key]) === String(CLEARED[key]),
  );

  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 12 }} mb={3}>
      <SearchField
        id="violations-search"
        label="Search violations"
        value={filters.text}
        delayMs={400}
        onChange={text => onChange({ text }, true)}
      />
      {selects.map(select => (
        <MultiSelectFilter
          key={select.key}
          id={`filter-${select.key}`}
          label={select.label}
          options={select.options}
          value={filters[select.key]}
          minWidth={select.key === 'rule' ? 200 : 160}
          onChange={value => onChange({ [select.key]: value })}
        />
      ))}
      <Button variant="text" disabled={isCleared} onClick={() => onChange(CLEARED)}>
        Clear filters
      </Button>
      <Box flexGrow={1} />
      {props.actions}
    </Box>
  );
}
