// The targets importer's entry points where they were before use-cases/ (issue 14): kept for
// the callers that import them from here. The code lives in use-cases/import-targets.ts (the
// import, dry run and stored tables) and use-cases/target-results.ts (targets beside reports);
// its SQL in db/targets.ts.
export {
  checkYear,
  importTargets,
  planScope,
  storedTargets,
  type StoredTargets,
  type TargetsImportResult,
} from '../use-cases/import-targets.ts';
export { localityResults, type LocalityResult } from '../use-cases/target-results.ts';
