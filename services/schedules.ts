// Each plan may have a Temporal Schedule that starts its year's cycle on 2 January at 07:00
// local time; coordinators turn it on, pause it, or trigger it now.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client } from '@temporalio/client';
import type { CyclePolicy } from '../common/cycle-schema.ts';
import { TASK_QUEUE } from '../common/messages.ts';
import { DIGEST_TIME } from '../domain/ladder.ts';

export const scheduleIdOf = (planId: string): string => `cycle-schedule:${planId}`;

export interface ScheduleView {
  id: string;
  paused: boolean;
  note?: string | undefined;
  nextRuns: string[];
  recentRuns: { at: string; workflowId: string }[];
}

export async function describeCycleSchedule(
  client: Client,
  planId: string,
): Promise<ScheduleView | null> {
  try {
    const d = await client.schedule.getHandle(scheduleIdOf(planId)).describe();
    return {
      id: d.scheduleId,
      paused: d.state.paused,
      note: d.state.note,
      nextRuns: d.info.nextActionTimes.map((t) => t.toISOString()),
      recentRuns: d.info.recentActions.map((a) => ({
        at: a.takenAt.toISOString(),
        workflowId: a.action.workflow.workflowId,
      })),
    };
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}

/** Creates the plan's schedule, or resumes it if it exists. */
export async function enableCycleSchedule(
  client: Client,
  planId: string,
  policy: CyclePolicy,
): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: scheduleIdOf(planId),
      spec: {
        calendars: [{ month: 'JANUARY', dayOfMonth: 2, hour: 7, minute: 0 }],
        timezone: 'Asia/Ho_Chi_Minh',
      },
      action: {
        type: 'startWorkflow',
        workflowType: 'cycleStarterWorkflow',
        workflowId: `cycle-starter:${planId}`,
        taskQueue: TASK_QUEUE,
        args: [{ planId, policy }],
      },
      policies: { overlap: 'SKIP', catchupWindow: '7 days' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleIdOf(planId)).unpause('resumed by a coordinator');
  }
}

export async function pauseCycleSchedule(
  client: Client,
  planId: string,
  note: string,
): Promise<void> {
  await client.schedule.getHandle(scheduleIdOf(planId)).pause(note);
}

export async function triggerCycleSchedule(client: Client, planId: string): Promise<void> {
  await client.schedule.getHandle(scheduleIdOf(planId)).trigger('SKIP');
}

export const DIGEST_SCHEDULE_ID = 'daily-digest';

/**
 * The daily digest runs each weekday at DIGEST_TIME (08:30) local time, after the office hour's
 * reminders have been held for it, so a reminder is read the morning it is due. Created once;
 * an existing schedule (perhaps paused by an operator) is left as it is.
 */
export async function ensureDigestSchedule(client: Client): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: DIGEST_SCHEDULE_ID,
      spec: {
        calendars: [
          {
            dayOfWeek: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
            hour: DIGEST_TIME.hour,
            minute: DIGEST_TIME.minute,
          },
        ],
        timezone: 'Asia/Ho_Chi_Minh',
      },
      action: {
        type: 'startWorkflow',
        workflowType: 'dailyDigestWorkflow',
        workflowId: 'daily-digest',
        taskQueue: TASK_QUEUE,
        args: [],
      },
      // A missed morning (the server down overnight) still gets its digest once it is back.
      policies: { overlap: 'SKIP', catchupWindow: '12 hours' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
