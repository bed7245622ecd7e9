// A district-sized plan for the fault suite, shaped like Sa Thầy's and Tu Mơ Rông's regimes
// (../shared/domain.md): every commune reports monthly and semiannually to the labour office,
// so a year holds a few hundred duty instances. Synthetic names on a reserved domain; the
// ladder runs in seconds and at any hour, so a test sees it through.
import type { Agency, StartDuty } from '../../common/duty-schema.ts';
import { PlanDefinition, type Directory, type DirectoryAgency } from '../../common/plan-schema.ts';
import type { Db } from '../../db/index.ts';
import { importDirectory, importPlan } from '../../plans/service.ts';

const DISTRICT = 'fd';
const contact = (id: string) => ({ name: `Lãnh đạo ${id}`, email: `${id}@faults.example` });

export const STANDING_ID = `${DISTRICT}.phong-ldtbxh`;

export function faultDirectory(communes: number): Directory {
  const agencies: DirectoryAgency[] = [
    {
      id: STANDING_ID,
      name: 'Phòng Lao động - Thương binh và Xã hội',
      shortNames: ['Phòng LĐTBXH'],
      level: 'district',
      localityId: DISTRICT,
      isCommune: false,
      head: contact('ldtbxh'),
      focalPoints: [],
    },
  ];
  const localities: Directory['localities'] = [
    { id: DISTRICT, name: 'Huyện mô phỏng', level: 'district' },
  ];
  for (let i = 1; i <= communes; i++) {
    const id = `${DISTRICT}.xa-${i}`;
    localities.push({ id, name: `Xã số ${i}`, level: 'commune', parentId: DISTRICT });
    agencies.push({
      id,
      name: `UBND xã số ${i}`,
      shortNames: [],
      level: 'commune',
      localityId: id,
      isCommune: true,
      head: contact(`xa-${i}`),
      focalPoints: [{ name: `Cộng tác viên xã ${i}`, email: `xa-${i}.ctv@faults.example` }],
    });
  }
  return { localities, agencies };
}

/** Per commune: 12 monthly reports and 2 semiannual ones a year, over the years given. */
export function faultPlan(id: string, years: { from: number; to: number }): PlanDefinition {
  return PlanDefinition.parse({
    id,
    number: '99/KH-UBND',
    title: 'Kế hoạch thử nghiệm sự cố',
    issuer: 'UBND huyện',
    issuedOn: `${years.from}-01-01`,
    programme: 'Chương trình MTQG giảm nghèo bền vững',
    period: years,
    localityId: DISTRICT,
    standingAgency: 'Phòng Lao động - Thương binh và Xã hội',
    supervisor: {
      name: 'Chủ tịch UBND huyện',
      email: 'chu-tich@faults.example',
      title: 'Chủ tịch UBND huyện',
    },
    escalationPolicy: {
      remindBefore: ['PT15S', 'PT8S'],
      urgeEvery: 'PT5S',
      maxUrges: 1,
      escalateAfter: 'PT8S',
      contributionLead: 'PT5S',
      contributionRemindBefore: [],
      // A message per step, each counted on the mail server (a plan's default is one digest a day).
      delivery: 'single',
    },
    calendar: { officeHour: null },
    duties: [
      {
        ref: 'BC-THANG',
        content: 'Báo cáo tháng tiến độ thực hiện giảm nghèo của xã',
        lead: 'UBND các xã',
        product: 'Báo cáo tháng',
        time: 'hàng tháng',
      },
      {
        ref: 'BC-6T',
        content: 'Báo cáo 6 tháng và năm',
        lead: 'UBND các xã',
        product: 'Báo cáo 6 tháng, báo cáo năm',
        time: 'trước ngày 14/6 và trước ngày 09/12 hàng năm',
      },
    ],
  });
}

export async function importFaultPlan(
  db: Db,
  id: string,
  years: { from: number; to: number },
  communes: number,
): Promise<void> {
  await importDirectory(db, faultDirectory(communes));
  await importPlan(db, faultPlan(id, years), false);
}

/** An agency for duties started directly (not from a plan): a head and a focal point. */
export function faultAgency(id: string, focalPoints = 1): Agency {
  return {
    id,
    name: `Cơ quan ${id}`,
    head: contact(id),
    focalPoints: Array.from({ length: focalPoints }, (_, i) => contact(`${id}.dm-${i + 1}`)),
  };
}

/** A duty due at `dueAt` whose reminders go out at the given instants (ms), at any hour. */
export function dutyWithReminders(
  key: { planId: string; dutyId: string; period: string },
  dueAt: number,
  reminderInstants: readonly number[],
  lead: Agency = faultAgency(`lead-${key.dutyId}`),
): StartDuty {
  return {
    ...key,
    title: 'Báo cáo đột xuất tình hình thực hiện',
    product: 'Báo cáo',
    dueAt: new Date(dueAt).toISOString(),
    lead,
    coordinating: [],
    standing: faultAgency('phong-ldtbxh', 0),
    supervisor: { ...contact('chu-tich'), title: 'Chủ tịch UBND huyện' },
    policy: {
      remindBefore: reminderInstants.map((at) => `PT${(dueAt - at) / 1000}S`),
      urgeEvery: 'PT10S',
      maxUrges: 1,
      escalateAfter: 'PT15S',
      contributionLead: 'PT5S',
      contributionRemindBefore: [],
    },
    calendar: { officeHour: null, holidays: [], makeUpWorkingDays: [] },
  };
}
