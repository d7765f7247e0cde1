import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  DashboardAggregates,
  SEVERITIES,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { ReactNode } from 'react';
import { refName } from '../../lib/format';
import { SEVERITY_ACCENTS } from '../SeverityChip';
import { Bar, BarChart } from './BarChart';
import { DashboardFilters } from './dashboardState';
import { TrendChart } from './TrendChart';

const TOP = 10;

type BarFilter = 'severity' | 'rule' | 'owner';

function toggle(values: string[], value: string): string[] {
  return values.includes(value) ? values.filter(v => v !== value) : [...values, value];
}

function ChartCard(props: { title: string; children: ReactNode }) {
  return (
    <Grid item xs={12} md={6} lg={3}>
      <InfoCard title={props.title}>{props.children}</InfoCard>
    </Grid>
  );
}

/** Counts by severity, rule and owner, and the trend; pressing a bar filters by it. */
export function DashboardCharts(props: {
  aggregates: DashboardAggregates;
  filters: DashboardFilters;
  onFilter: (patch: Partial<DashboardFilters>) => void;
}) {
  const { aggregates, filters, onFilter } = props;
  const charts: { filter: BarFilter; title: string; bars: Bar[]; total: number }[] = [
    {
      filter: 'severity',
      title: 'By severity',
      bars: SEVERITIES.map(s => ({
        key: s,
        label: s,
        value: aggregates.bySeverity[s] ?? 0,
        color: SEVERITY_ACCENTS[s],
      })),
      total: SEVERITIES.length,
    },
    {
      filter: 'rule',
      title: 'By rule',
      bars: aggregates.byRule.slice(0, TOP).map(r => ({ key: r.rule, label: r.rule, value: r.count })),
      total: aggregates.byRule.length,
    },
    {
      filter: 'owner',
      title: 'By owner',
      bars: aggregates.byOwner.slice(0, TOP).map(o => ({
        key: o.owner ?? '',
        label: o.owner ? refName(o.owner) : 'no owner',
        value: o.count,
        selectable: o.owner !== null,
        color: '#5c6bc0',
      })),
      total: aggregates.byOwner.length,
    },
  ];

  return (
    <Grid container spacing={3}>
      {charts.map(chart => (
        <ChartCard key={chart.filter} title={chart.title}>
          <BarChart
            id={`by-${chart.filter}`}
            label={`Violations ${chart.title.toLowerCase()}`}
            bars={chart.bars}
            selected={filters[chart.filter]}
            onToggle={key => onFilter({ [chart.filter]: toggle(filters[chart.filter], key) })}
          />
          {chart.total > chart.bars.length && (
            <Typography variant="caption" color="textSecondary">
              Top {chart.bars.length} of {chart.total}
            </Typography>
          )}
        </ChartCard>
      ))}
      <ChartCard title="Trend">
        <TrendChart trend={aggregates.trend} />
      </ChartCard>
    </Grid>
  );
}
