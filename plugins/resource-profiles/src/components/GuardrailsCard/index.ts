export { GuardrailsCard, useGuardrails } from './GuardrailsCard';
