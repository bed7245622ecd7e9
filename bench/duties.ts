// The duties `npm run bench` starts outside a cycle, and the national read model it fills:
// shaped like the plans' (a commune or department leads, the provincial labour office stands
// over it, the People's Committee chair is escalated to), with counts from ../shared/domain.md.
import type { Client } from '@temporalio/client';
import { createActivities } from '../activities/index.ts';
import type { Mailer } from '../activities/mailer.ts';
import { StartDuty, type Agency, type EscalationPolicy } from '../common/duty-schema.ts';
import type { DutyState, DutyStatus } from '../common/duty-state.ts';
import type { Directory } from '../common/plan-schema.ts';
import { dutyWorkflowId } from '../common/messages.ts';
import type { Db } from '../db/index.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import { DAY_MS } from '../domain/local-time.ts';
import { newDutyState } from '../domain/duty-rules.ts';

export function agency(id: string, name: string, focalPoints = 0): Agency {
  return {
    id,
    name,
    head: { name: `Lãnh đạo ${name}`, email: `${id}@bench.example` },
    focalPoints: Array.from({ length: focalPoints }, (_, k) => ({
      name: `Cán bộ đầu mối ${k + 1} ${name}`,
      email: `${id}.dau-moi-${k + 1}@bench.example`,
    })),
  };
}

export const STANDING = agency('p.so-ldtbxh', 'Sở Lao động - Thương binh và Xã hội');
export const SUPERVISOR = {
  name: 'Chủ tịch UBND tỉnh',
  email: 'chu-tich@bench.example',
  title: 'Chủ tịch UBND tỉnh',
};

export interface DutyShape {
  planId: string;
  dutyId: string;
  period: string;
  dueAt: number;
  lead: Agency;
  coordinating?: Agency[];
  policy?: Partial<EscalationPolicy>;
  calendar?: Partial<WorkCalendar>;
}

export function benchDuty(shape: DutyShape): StartDuty {
  return StartDuty.parse({
    planId: shape.planId,
    dutyId: shape.dutyId,
    period: shape.period,
    title: 'Báo cáo tháng tiến độ thực hiện Chương trình MTQG giảm nghèo bền vững',
    product: 'Báo cáo tháng (biểu mẫu số 01)',
    dueAt: new Date(shape.dueAt).toISOString(),
    lead: shape.lead,
    coordinating: shape.coordinating ?? [],
    standing: STANDING,
    supervisor: SUPERVISOR,
    policy: shape.policy ?? {},
    calendar: shape.calendar ?? {},
  });
}

/** Vietnam since 2025: 34 provinces, about 3,300 communes. */
export const NATION = { provinces: 34, communes: 3_300, departmentsPerProvince: 20 };

// A year's mix in the read model: most duties assigned or acknowledged, one in ten overdue.
const STATUS_MIX: readonly DutyStatus[] = [
  'overdue',
  'overdue',
  'accepted',
  'submitted',
  'submitted',
  'acknowledged',
  'acknowledged',
  'acknowledged',
  'acknowledged',
  ...Array.from({ length: 11 }, () => 'assigned' as const),
];

export const provinceOf = (i: number) => `tinh-${String(i % NATION.provinces).padStart(2, '0')}`;

/**
 * The read-model row of duty `i` of a national year, as the worker's recordDuty writes it.
 * Every tenth duty is led by a provincial department, the rest by communes; every fifth has
 * two coordinating communes.
 */
export function nationalDuty(i: number, nowMs: number): DutyState {
  const commune = i % NATION.communes;
  const planId = provinceOf(commune);
  const lead =
    i % 10 === 0
      ? agency(`${planId}.so-${i % NATION.departmentsPerProvince}`, `Sở số ${i % 20}`, 1)
      : agency(`xa-${commune}`, `UBND xã số ${commune}`, 1);
  const coordinating =
    i % 5 === 0
      ? [1, 2].map((k) => {
          const c = (commune + k * NATION.provinces) % NATION.communes;
          return agency(`xa-${c}`, `UBND xã số ${c}`);
        })
      : [];
  const status = STATUS_MIX[i % STATUS_MIX.length] ?? 'assigned';
  // Overdue duties' deadlines have passed; the others fall over the coming year.
  const dueAt =
    status === 'overdue' ? nowMs - (1 + (i % 40)) * DAY_MS : nowMs + (1 + (i % 365)) * DAY_MS;
  const input = benchDuty({
    planId,
    // One report a month from every commune: the same report (STT) for all, one instance each,
    // keyed like a group-led duty's (`ref~agency`).
    dutyId: `BC-${Math.floor(i / NATION.communes)}~xa-${commune}`,
    period: '2027',
    dueAt,
    lead,
    coordinating,
  });
  const state = newDutyState(input, dutyWorkflowId(input), nowMs - 30 * DAY_MS);
  state.status = status;
  state.revision = 1;
  if (status === 'submitted' || status === 'accepted') {
    state.submissions.push({
      at: new Date(nowMs - (i % 20) * DAY_MS).toISOString(),
      by: { name: `Cán bộ ${lead.name}`, agencyId: lead.id },
      text: 'Báo cáo tháng',
      attachments: [],
      indicators: { hoNgheo: i % 500 },
      late: false,
    });
  }
  // One open duty in fifty waits on an extension the standing agency has to decide.
  if ((status === 'assigned' || status === 'acknowledged') && i % 50 === 3) {
    state.extensionRequest = {
      at: new Date(nowMs - DAY_MS).toISOString(),
      by: { name: `Cán bộ ${lead.name}`, agencyId: lead.id },
      newDueAt: new Date(dueAt + 15 * DAY_MS).toISOString(),
      reason: 'Chờ số liệu của thôn',
    };
  }
  return state;
}

/** The agencies and localities the national duties name, for the directory tables. */
export function nationalDirectory(): Directory {
  const provinces = Array.from({ length: NATION.provinces }, (_, p) => provinceOf(p));
  const localities: Directory['localities'] = [
    ...provinces.map((id) => ({ id, name: `Tỉnh ${id}`, level: 'province' })),
    ...Array.from({ length: NATION.communes }, (_, c) => ({
      id: `xa-${c}`,
      name: `Xã số ${c}`,
      level: 'commune',
      parentId: provinceOf(c),
    })),
  ];
  const entry = (a: Agency, level: string, localityId: string, isCommune: boolean) => ({
    ...a,
    shortNames: [],
    level,
    localityId,
    isCommune,
  });
  const agencies: Directory['agencies'] = [
    ...Array.from({ length: NATION.communes }, (_, c) =>
      entry(agency(`xa-${c}`, `UBND xã số ${c}`, 1), 'commune', `xa-${c}`, true),
    ),
    ...provinces.flatMap((p) =>
      Array.from({ length: NATION.departmentsPerProvince }, (_, k) =>
        entry(agency(`${p}.so-${k}`, `Sở số ${k}`, 1), 'province', p, false),
      ),
    ),
  ];
  return { localities, agencies };
}

/** Writes `count` duties through the worker's own recordDuty, `onProgress` every so often. */
export async function fillReadModel(
  deps: { db: Db; client: Client; mailer: Mailer },
  count: number,
  onProgress: (written: number) => void,
): Promise<void> {
  const { recordDuty } = createActivities({
    ...deps,
    publicUrl: 'http://duties.bench',
    mailFrom: 'no-reply@duties.bench',
  });
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    await recordDuty(nationalDuty(i, now));
    if ((i + 1) % 5_000 === 0 || i + 1 === count) onProgress(i + 1);
  }
}
