// Duties shaped after the A Lưới plan (171/KH-UBND, 08/9/2022): the labour office reports to
// the district People's Committee before 20/6 each year; offices contribute. Addresses are
// placeholders on a reserved domain.
import { StartDuty, type Agency } from '../../common/duty-schema.ts';

const agency = (id: string, name: string, person: string): Agency => ({
  id,
  name,
  head: { name: person, email: `${id}.head@a-luoi.example` },
  focalPoints: [{ name: `Đầu mối ${name}`, email: `${id}.focal@a-luoi.example` }],
});

export const LABOUR = agency(
  'phong-ldtbxh',
  'Phòng Lao động - Thương binh và Xã hội',
  'Trưởng phòng LĐ-TB&XH',
);
export const FINANCE = agency('phong-tckh', 'Phòng Tài chính - Kế hoạch', 'Trưởng phòng TC-KH');
export const AGRICULTURE = agency(
  'phong-nnptnt',
  'Phòng Nông nghiệp và Phát triển nông thôn',
  'Trưởng phòng NN&PTNT',
);
export const AGRI_SERVICES = agency('tt-dvnn', 'Trung tâm Dịch vụ nông nghiệp', 'Giám đốc TT DVNN');
export const PEOPLES_COMMITTEE = agency('ubnd-huyen', 'UBND huyện A Lưới', 'Chánh Văn phòng');

export const SUPERVISOR = {
  name: 'Chủ tịch UBND huyện A Lưới',
  email: 'chu-tich@a-luoi.example',
  title: 'Chủ tịch UBND huyện',
};

/** Calendar with the 2026 days off a test needs; the office hour is 08:00. */
export const CALENDAR_2026 = {
  officeHour: '08:00',
  holidays: ['2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02'],
  makeUpWorkingDays: [],
};

/**
 * Dự án 2's yearly capital-registration duty: led by the agriculture office with the
 * agricultural services centre coordinating, due before `dueAt`.
 */
export function capitalRegistration(overrides: Partial<StartDuty> & { dueAt: string }): StartDuty {
  return StartDuty.parse({
    planId: '171-KH-UBND',
    dutyId: '2',
    period: '2026',
    title: 'Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo',
    product: 'Kế hoạch đăng ký vốn và các hoạt động của dự án',
    lead: AGRICULTURE,
    coordinating: [AGRI_SERVICES],
    standing: LABOUR,
    supervisor: SUPERVISOR,
    calendar: CALENDAR_2026,
    ...overrides,
  });
}
