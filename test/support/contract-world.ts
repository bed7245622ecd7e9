// What a duty started through the API must name: its plan in the plans table and its agencies
// in the directory (POST /api/duties refuses unknown references). A test that starts duties of
// its own makes that world first: a directory of one district holding the given agencies, and
// a plan of the given id whose standing agency is one of them.
import type { Agency } from '../../common/duty-schema.ts';
import type { Directory, PlanDefinition } from '../../common/plan-schema.ts';
import type { Db } from '../../db/index.ts';
import { importDirectory, importPlan } from '../../plans/service.ts';

export interface World {
  /** A plan id as plans have them: lower-case letters, digits, dot, dash or underscore. */
  planId: string;
  /** Every agency the test's duties name, the standing agency included. */
  agencies: readonly Agency[];
  standing: Agency;
  /** The district the directory holds; `<planId>-huyen` by default. */
  localityId?: string;
  period?: { from: number; to: number };
}

/** The directory and the plan of a test's world, as files the importer and the API take. */
export function worldFiles(w: World): { directory: Directory; plan: PlanDefinition } {
  const localityId = w.localityId ?? `${w.planId}-huyen`;
  const all = new Map([...w.agencies, w.standing].map((a) => [a.id, a]));
  const directory: Directory = {
    localities: [{ id: localityId, name: `Huyện thử nghiệm ${w.planId}`, level: 'district' }],
    agencies: [...all.values()].map((a) => ({
      id: a.id,
      name: a.name,
      shortNames: [],
      level: 'district',
      localityId,
      isCommune: false,
      head: a.head,
      focalPoints: a.focalPoints,
    })),
  };
  const plan: PlanDefinition = {
    id: w.planId,
    number: `${w.planId}/KH-UBND`,
    title: `Kế hoạch thử nghiệm ${w.planId}`,
    issuer: 'UBND huyện',
    issuedOn: '2020-01-02',
    programme: 'Chương trình mục tiêu quốc gia giảm nghèo bền vững',
    period: w.period ?? { from: 2020, to: 2030 },
    localityId,
    standingAgency: w.standing.name,
    supervisor: {
      name: 'Chủ tịch UBND huyện',
      email: 'chu-tich@world.example',
      title: 'Chủ tịch UBND huyện',
    },
    relatedOffices: [],
    escalationPolicy: {
      remindBefore: ['P7D', 'P3D', 'P1D'],
      urgeEvery: 'P3D',
      maxUrges: 5,
      escalateAfter: 'P10D',
      contributionLead: 'P5D',
      contributionRemindBefore: ['P2D'],
    },
    calendar: { officeHour: '08:00', holidays: [], makeUpWorkingDays: [] },
    projects: [],
    duties: [],
    targets: [],
  };
  return { directory, plan };
}

/** Writes the world into the database the app under test reads. */
export async function importWorld(db: Db, w: World): Promise<void> {
  const { directory, plan } = worldFiles(w);
  await importDirectory(db, directory);
  await importPlan(db, plan, false);
}
