export { SeverityChip, SEVERITY_ACCENTS, SEVERITY_COLORS } from './SeverityChip';
