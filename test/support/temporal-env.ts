export { createTimeSkippingEnv, TEST_SERVER_WRAPPER } from '../../scripts/lib/time-skipping.ts';
