export { cycleWorkflow } from './cycle.ts';
export { dutyWorkflow } from './duty.ts';
