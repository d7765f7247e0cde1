export { RoleMappingsCard } from './RoleMappingsCard';
