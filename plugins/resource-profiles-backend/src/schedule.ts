import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

const DEFAULTS = {
  /** Re-resolving stored profiles from the catalog. */
  'resourceProfiles.refresh.schedule': {
    frequency: { minutes: 10 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 10 },
  },
  /**
   * A periodic re-analysis, so that time-based rules (unused roles, expiring
   * conditions) move on without new input.
   */
  'resourceProfiles.analysis.schedule': {
    frequency: { hours: 6 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 1 },
  },
  /** Applying grants, retries, expiries, lapses and reminders. */
  'resourceProfiles.access.schedule': {
    frequency: { seconds: 30 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 20 },
  },
} satisfies Record<string, SchedulerServiceTaskScheduleDefinition>;

/** A task schedule from config, or the task's default. */
export function readSchedule(
  config: RootConfigService,
  key: keyof typeof DEFAULTS,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig(key);
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : DEFAULTS[key];
}
