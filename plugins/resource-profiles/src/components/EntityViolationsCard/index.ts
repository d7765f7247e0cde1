export { EntityViolationsCard } from './EntityViolationsCard';
export { ViolationAccordion } from './ViolationAccordion';
