// The simulation's input and result: kept in common/ so the API reads them without loading the
// simulation (which needs a worker and the time-skipping server).
export * from '../common/simulation-schema.ts';
