export { BreakGlassReviews } from './BreakGlassReviews';
