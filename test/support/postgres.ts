// Tests' throwaway PostgreSQL: the same server the cluster profile runs, in a temporary folder.
export { startTestPostgres, type TestPostgres } from '../../scripts/lib/postgres.ts';
