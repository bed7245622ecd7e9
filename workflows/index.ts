export { dutyWorkflow } from './duty.ts';
