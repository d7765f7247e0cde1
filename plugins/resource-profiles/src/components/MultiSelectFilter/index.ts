export { MultiSelectFilter } from './MultiSelectFilter';
export type { FilterOption } from './MultiSelectFilter';
