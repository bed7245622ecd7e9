// Custom search attributes, so the Temporal Web UI and `temporal workflow list` can find a
// plan's duties, an agency's, or the overdue ones: `PlanId = "…" AND DutyState = "overdue"`.
import { defineSearchAttributeKey } from '@temporalio/common';

export const PLAN_ID = defineSearchAttributeKey('PlanId', 'KEYWORD');
export const AGENCY_ID = defineSearchAttributeKey('AgencyId', 'KEYWORD_LIST');
export const DUTY_STATE = defineSearchAttributeKey('DutyState', 'KEYWORD');
export const PERIOD = defineSearchAttributeKey('Period', 'KEYWORD');
export const DUE_AT = defineSearchAttributeKey('DueAt', 'DATETIME');

export const SEARCH_ATTRIBUTE_KEYS = [PLAN_ID, AGENCY_ID, DUTY_STATE, PERIOD, DUE_AT];
