export { cycleWorkflow } from './cycle.ts';
export { cycleStarterWorkflow } from './cycle-starter.ts';
export { dutyWorkflow } from './duty.ts';
export { dailyDigestWorkflow } from './digest.ts';
export { simulationJobWorkflow } from './simulation-job.ts';
