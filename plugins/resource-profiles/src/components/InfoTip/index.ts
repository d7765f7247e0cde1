export { InfoTip } from './InfoTip';
