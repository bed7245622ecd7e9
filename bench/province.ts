// A synthetic province (counts from ../shared/domain.md "Scale": tens of departments, 100–200
// communes, two-tier government) and its plan: monthly, quarterly, 6-month and annual reports,
// communes' Q1 plans and the departments' capital-registration projects. About 3,000 duty
// instances a year with the default counts. Shared by `npm run bench:simulate` (time-skipping)
// and `npm run bench` (the dev server).
import type { Directory, PlanDefinition } from '../common/plan-schema.ts';
import { PlanDefinition as PlanSchema } from '../common/plan-schema.ts';

export interface ProvinceSize {
  year: number;
  departments: number;
  communes: number;
  /** Plan id; different ones let one database hold several provinces. */
  planId?: string;
}

const contact = (id: string) => ({ name: `Lãnh đạo ${id}`, email: `${id}@province.example` });

export function province(size: ProvinceSize): { directory: Directory; plan: PlanDefinition } {
  const { year, departments: DEPARTMENTS, communes: COMMUNES } = size;
  const agencies: Directory['agencies'] = [];
  for (let i = 1; i <= DEPARTMENTS; i++) {
    agencies.push({
      id: `p.so-${i}`,
      name: `Sở số ${i}`,
      shortNames: [],
      level: 'province',
      localityId: 'p',
      isCommune: false,
      head: contact(`so-${i}`),
      focalPoints: [],
    });
  }
  for (let i = 1; i <= COMMUNES; i++) {
    agencies.push({
      id: `p.xa-${i}`,
      name: `UBND xã số ${i}`,
      shortNames: [],
      level: 'commune',
      localityId: `p.xa-${i}`,
      isCommune: true,
      head: contact(`xa-${i}`),
      focalPoints: [],
    });
  }
  agencies.push({
    id: 'p.so-ldtbxh',
    name: 'Sở Lao động - Thương binh và Xã hội',
    shortNames: [],
    level: 'province',
    localityId: 'p',
    isCommune: false,
    head: contact('ldtbxh'),
    focalPoints: [],
  });
  const localities = [
    { id: 'p', name: 'Tỉnh mô phỏng', level: 'province' },
    ...Array.from({ length: COMMUNES }, (_, i) => ({
      id: `p.xa-${i + 1}`,
      name: `Xã số ${i + 1}`,
      level: 'commune',
      parentId: 'p',
    })),
  ];
  const departments = Array.from({ length: DEPARTMENTS }, (_, i) => `Sở số ${i + 1}`);
  const duties: PlanDefinition['duties'] = [
    {
      ref: 'BC-THANG',
      content: 'Báo cáo tháng tiến độ giảm nghèo',
      lead: 'UBND các xã',
      coordinating: [],
      product: 'Báo cáo tháng',
      time: 'hàng tháng',
    },
    {
      ref: 'BC-6T',
      content: 'Báo cáo 6 tháng',
      lead: 'UBND các xã',
      coordinating: [],
      product: 'Báo cáo 6 tháng',
      time: 'trước ngày 14/6 và trước ngày 09/12 hàng năm',
    },
    {
      ref: 'KH-XA',
      content: 'Xây dựng Kế hoạch thực hiện của xã',
      lead: 'UBND các xã',
      coordinating: [],
      product: 'Kế hoạch thực hiện',
      time: 'Quý I hàng năm',
    },
    {
      ref: 'BC-QUY',
      content: 'Báo cáo quý của các sở',
      lead: 'các sở, ban, ngành liên quan',
      coordinating: [],
      product: 'Báo cáo quý',
      time: 'hàng quý',
    },
    {
      ref: 'BC-THANG-SO',
      content: 'Báo cáo tháng của các sở',
      lead: 'các sở, ban, ngành liên quan',
      coordinating: [],
      product: 'Báo cáo tháng',
      time: 'hàng tháng',
    },
    ...departments.map((name, i) => ({
      ref: `DA-${i + 1}`,
      content: `Dự án ${i + 1}`,
      lead: name,
      coordinating: [],
      product: 'Hàng năm: Xây dựng Kế hoạch đăng ký vốn',
      time: `Giai đoạn ${year} - ${year}`,
    })),
  ];
  const plan = PlanSchema.parse({
    id: size.planId ?? 'tinh-mo-phong',
    number: '1/KH-UBND',
    title: 'Kế hoạch mô phỏng cấp tỉnh',
    issuer: 'UBND tỉnh',
    issuedOn: `${year}-01-01`,
    programme: 'Chương trình MTQG giảm nghèo bền vững',
    period: { from: year, to: year },
    localityId: 'p',
    standingAgency: 'Sở Lao động - Thương binh và Xã hội',
    supervisor: {
      name: 'Chủ tịch UBND tỉnh',
      email: 'chu-tich@province.example',
      title: 'Chủ tịch UBND tỉnh',
    },
    relatedOffices: departments,
    duties,
  });
  return { directory: { localities, agencies }, plan };
}
