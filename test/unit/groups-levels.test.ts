// Group phrases at every level of government, resolved from the locality tree of small
// directories written here: a province with districts and communes, a province of the 2025
// two-tier reform with communes only, a district, a commune. People's Committees are
// recognised by their names (no isCommune flag), and the agency a product is sent to is set
// apart from the coordinating agencies.
import { describe, expect, it } from 'vitest';
import {
  DirectoryAgency,
  Locality,
  PlanDefinition,
  type PlanDuty,
} from '../../common/plan-schema.ts';
import { groupLocalities, levelKind, splitCoordinating } from '../../domain/agency-match.ts';
import { findReceiver } from '../../domain/receiver.ts';
import { ImportError } from '../../plans/errors.ts';
import { resolvePlan, type ResolvedPlan } from '../../plans/resolve.ts';

const slug = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function agency(name: string, localityId: string, extra: Partial<DirectoryAgency> = {}) {
  return DirectoryAgency.parse({
    id: `${localityId}.${slug(name)}`,
    name,
    level: 'x',
    localityId,
    head: { name: 'Thủ trưởng', email: `${slug(name)}@${localityId}.example` },
    ...extra,
  });
}

const locality = (id: string, name: string, level: string, parentId?: string) =>
  Locality.parse({ id, name, level, ...(parentId ? { parentId } : {}) });

/** A province with two districts, each with communes; named committees, no flags. */
const THREE_TIER = {
  localities: [
    locality('ha-giang', 'tỉnh Hà Giang', 'province'),
    locality('bac-me', 'huyện Bắc Mê', 'district', 'ha-giang'),
    locality('ha-giang-tp', 'thành phố Hà Giang', 'thành phố', 'ha-giang'),
    locality('bac-me.yen-cuong', 'xã Yên Cường', 'commune', 'bac-me'),
    locality('bac-me.yen-phu', 'thị trấn Yên Phú', 'commune', 'bac-me'),
    locality('ha-giang-tp.quang-trung', 'phường Quang Trung', 'phường', 'ha-giang-tp'),
  ],
  agencies: [
    agency('Ủy ban nhân dân tỉnh Hà Giang', 'ha-giang'),
    agency('Sở Lao động - Thương binh và Xã hội', 'ha-giang'),
    agency('Sở Tài chính', 'ha-giang'),
    agency('Sở Y tế', 'ha-giang'),
    agency('Ủy ban nhân dân huyện Bắc Mê', 'bac-me'),
    agency('Phòng Lao động - Thương binh và Xã hội', 'bac-me'),
    agency('UBND thành phố Hà Giang', 'ha-giang-tp'),
    agency('Ủy ban nhân dân xã Yên Cường', 'bac-me.yen-cuong'),
    agency('Ủy ban nhân dân thị trấn Yên Phú', 'bac-me.yen-phu'),
    agency('Ủy ban nhân dân phường Quang Trung', 'ha-giang-tp.quang-trung'),
  ],
};

/** Since 1/7/2025: the province's communes and wards sit directly under it. */
const TWO_TIER = {
  localities: [
    locality('tuyen-quang', 'tỉnh Tuyên Quang', 'tỉnh'),
    locality('tq.minh-xuan', 'phường Minh Xuân', 'phường', 'tuyen-quang'),
    locality('tq.yen-cuong', 'xã Yên Cường', 'xã', 'tuyen-quang'),
    locality('tq.bac-me', 'xã Bắc Mê', 'xã', 'tuyen-quang'),
  ],
  agencies: [
    agency('UBND tỉnh Tuyên Quang', 'tuyen-quang'),
    agency('Sở Nội vụ', 'tuyen-quang'),
    agency('Sở Tài chính', 'tuyen-quang'),
    agency('Ủy ban nhân dân phường Minh Xuân', 'tq.minh-xuan'),
    agency('Ủy ban nhân dân xã Yên Cường', 'tq.yen-cuong'),
    agency('UBND xã Bắc Mê', 'tq.bac-me'),
    agency('Công an xã Bắc Mê', 'tq.bac-me'),
  ],
};

function plan(localityId: string, duties: Partial<PlanDuty>[], extra: object = {}) {
  return PlanDefinition.parse({
    id: 'kh-test',
    number: '1/KH-UBND',
    title: 'Kế hoạch thử',
    issuer: 'Ủy ban nhân dân',
    issuedOn: '2025-08-01',
    programme: 'Chương trình mục tiêu quốc gia giảm nghèo bền vững',
    period: { from: 2025, to: 2026 },
    localityId,
    standingAgency: 'Sở Tài chính',
    supervisor: { name: 'Chủ tịch', email: 'chu-tich@example.org', title: 'Chủ tịch UBND' },
    duties: duties.map((d, i) => ({
      ref: String(i + 1),
      content: 'Báo cáo kết quả thực hiện',
      product: 'Báo cáo',
      time: 'trước ngày 20/11 hàng năm',
      coordinating: [],
      lead: 'Sở Tài chính',
      ...d,
    })),
    ...extra,
  });
}

function resolve(
  dir: { localities: Locality[]; agencies: DirectoryAgency[] },
  p: PlanDefinition,
  opts: { allowUndated?: boolean } = {},
): ResolvedPlan {
  return resolvePlan(p, {
    directory: dir.agencies,
    localities: dir.localities,
    notBefore: Date.parse(`${p.issuedOn}T00:00:00+07:00`),
    where: (ref, field) => ({ path: `${ref}.${field}` }),
    ...opts,
  });
}

function refusal(run: () => unknown): ImportError {
  try {
    run();
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
  throw new Error('expected an ImportError');
}

const names = (agencies: { name: string }[] | undefined) => (agencies ?? []).map((a) => a.name);

describe('levels are data', () => {
  it('reads level names in English and Vietnamese', () => {
    expect(
      ['province', 'Tỉnh', 'district', 'huyện', 'Quận', 'commune', 'xã', 'Phường'].map(levelKind),
    ).toEqual([
      'province',
      'province',
      'district',
      'district',
      'district',
      'commune',
      'commune',
      'commune',
    ]);
    expect(levelKind('vùng')).toBeUndefined();
  });

  it('takes the next level down when no level under the plan has a known name', () => {
    const tree = [
      { id: 'a', level: 'cấp 1' },
      { id: 'b', level: 'cấp 2', parentId: 'a' },
      { id: 'c', level: 'cấp 3', parentId: 'b' },
    ];
    expect(groupLocalities('all-communes', tree, 'a')).toEqual(['b']);
    expect(groupLocalities('all-districts', tree, 'a')).toEqual(['b']);
  });
});

describe('a province with districts and communes', () => {
  it('"Các sở, ban, ngành, đoàn thể; UBND các huyện, thị xã, thành phố": both groups', () => {
    const r = resolve(
      THREE_TIER,
      plan('ha-giang', [
        {
          lead: 'Sở Lao động - Thương binh và Xã hội',
          coordinating: ['Các sở, ban, ngành, đoàn thể; UBND các huyện, thị xã, thành phố'],
        },
      ]),
    );
    expect(names(r.duties[0]?.coordinating)).toEqual([
      // The province's departments but the lead, never its People's Committee…
      'Sở Tài chính',
      'Sở Y tế',
      // …and the People's Committee of each district-level locality, the city included.
      'Ủy ban nhân dân huyện Bắc Mê',
      'UBND thành phố Hà Giang',
    ]);
  });

  it('"các sở, ngành liên quan" is the plan\'s list when it gives one', () => {
    const r = resolve(
      THREE_TIER,
      plan('ha-giang', [{ lead: 'Sở Tài chính', coordinating: ['các sở, ngành liên quan'] }], {
        relatedOffices: ['Sở Y tế'],
      }),
    );
    expect(names(r.duties[0]?.coordinating)).toEqual(['Sở Y tế']);
  });

  it('"UBND cấp huyện" as a lead: one duty per district-level committee', () => {
    const r = resolve(THREE_TIER, plan('ha-giang', [{ lead: 'UBND cấp huyện' }]));
    expect(r.duties.map((d) => d.ref)).toEqual([
      '1/bac-me.uy-ban-nhan-dan-huyen-bac-me',
      '1/ha-giang-tp.ubnd-thanh-pho-ha-giang',
    ]);
  });

  it('"UBND các xã, phường, thị trấn" reaches the communes through the districts', () => {
    const r = resolve(
      THREE_TIER,
      plan('ha-giang', [{ coordinating: ['UBND các xã, phường, thị trấn'] }]),
    );
    expect(names(r.duties[0]?.coordinating)).toEqual([
      'Ủy ban nhân dân xã Yên Cường',
      'Ủy ban nhân dân thị trấn Yên Phú',
      'Ủy ban nhân dân phường Quang Trung',
    ]);
  });

  it('names each district in a lead cell of hundreds of characters', () => {
    const many = {
      localities: [
        THREE_TIER.localities[0]!,
        ...Array.from({ length: 17 }, (_, i) =>
          locality(`d${i}`, `huyện Số ${i}`, 'district', 'ha-giang'),
        ),
      ],
      agencies: [
        THREE_TIER.agencies[2]!,
        ...Array.from({ length: 17 }, (_, i) => agency(`Ủy ban nhân dân huyện Số ${i}`, `d${i}`)),
      ],
    };
    const cell = Array.from({ length: 17 }, (_, i) => `Ủy ban nhân dân huyện Số ${i}`).join(', ');
    expect(cell.length).toBeGreaterThan(400);
    const r = resolve(many, plan('ha-giang', [{ lead: cell, coordinating: [cell] }]));
    expect(r.duties).toHaveLength(17);
    expect(r.duties[0]?.coordinating).toHaveLength(16);
  });
});

describe('a two-tier province (communes directly under it)', () => {
  it('"UBND các xã, phường" is every commune-level committee under the province', () => {
    const r = resolve(
      TWO_TIER,
      plan('tuyen-quang', [{ coordinating: ['Các sở, ngành; UBND các xã, phường'] }]),
    );
    expect(names(r.duties[0]?.coordinating)).toEqual([
      'Sở Nội vụ',
      'Ủy ban nhân dân phường Minh Xuân',
      'Ủy ban nhân dân xã Yên Cường',
      'UBND xã Bắc Mê',
    ]);
  });

  it('"UBND các huyện" has no members there: a coded refusal', () => {
    const err = refusal(() =>
      resolve(TWO_TIER, plan('tuyen-quang', [{ coordinating: ['UBND các huyện, thành phố'] }])),
    );
    expect(err.issues.map((i) => [i.code, i.at])).toEqual([
      ['resolve.group.empty', '1.coordinating'],
    ]);
    expect(err.issues[0]?.message).toMatch(/"UBND các huyện, thành phố" names a group/);
  });
});

describe('a district', () => {
  it('"các phòng, ban" without a list: the district\'s own offices, not its committee', () => {
    const r = resolve(
      THREE_TIER,
      plan('bac-me', [
        {
          lead: 'UBND huyện Bắc Mê',
          coordinating: ['các phòng, ban, UBND các xã, thị trấn'],
        },
      ]),
    );
    expect(names(r.duties[0]?.coordinating)).toEqual([
      'Phòng Lao động - Thương binh và Xã hội',
      'Ủy ban nhân dân xã Yên Cường',
      'Ủy ban nhân dân thị trấn Yên Phú',
    ]);
  });

  it('"các địa phương" is the level below: the communes', () => {
    const r = resolve(
      THREE_TIER,
      plan('bac-me', [{ lead: 'Phòng LĐ-TB&XH', coordinating: ['các địa phương'] }]),
    );
    expect(names(r.duties[0]?.coordinating)).toEqual([
      'Ủy ban nhân dân xã Yên Cường',
      'Ủy ban nhân dân thị trấn Yên Phú',
    ]);
  });

  it('still honours the isCommune flag of older directory files', () => {
    const dir = {
      localities: THREE_TIER.localities,
      agencies: [
        ...THREE_TIER.agencies.filter((a) => a.localityId !== 'bac-me.yen-cuong'),
        agency('Xã Yên Cường', 'bac-me.yen-cuong', { isCommune: true }),
      ],
    };
    const r = resolve(
      dir,
      plan('bac-me', [{ lead: 'Phòng LĐ-TB&XH', coordinating: ['UBND các xã'] }]),
    );
    expect(names(r.duties[0]?.coordinating)).toEqual([
      'Ủy ban nhân dân thị trấn Yên Phú',
      'Xã Yên Cường',
    ]);
  });

  it('warns of a commune whose committee the directory lacks', () => {
    const dir = {
      localities: THREE_TIER.localities,
      agencies: THREE_TIER.agencies.filter((a) => a.localityId !== 'bac-me.yen-phu'),
    };
    const r = resolve(
      dir,
      plan('bac-me', [{ lead: 'Phòng LĐ-TB&XH', coordinating: ['UBND các xã, thị trấn'] }]),
    );
    expect(names(r.duties[0]?.coordinating)).toEqual(['Ủy ban nhân dân xã Yên Cường']);
    expect(r.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['resolve.group.incomplete', 'warning'],
    ]);
    expect(r.warnings[0]?.message).toContain('thị trấn Yên Phú');
  });
});

describe('a commune', () => {
  it('"các ban, ngành, đoàn thể" is the commune\'s own bodies; "UBND các xã" is refused', () => {
    const r = resolve(
      TWO_TIER,
      plan('tq.bac-me', [{ lead: 'UBND xã Bắc Mê', coordinating: ['các ban, ngành, đoàn thể'] }], {
        standingAgency: 'UBND xã Bắc Mê',
      }),
    );
    expect(names(r.duties[0]?.coordinating)).toEqual(['Công an xã Bắc Mê']);
    const err = refusal(() =>
      resolve(
        TWO_TIER,
        plan('tq.bac-me', [{ lead: 'UBND xã Bắc Mê', coordinating: ['UBND các xã'] }], {
          standingAgency: 'UBND xã Bắc Mê',
        }),
      ),
    );
    expect(err.issues.map((i) => i.code)).toEqual(['resolve.group.empty']);
  });
});

describe('the phrases', () => {
  const group = (g: string, text: string) => ({ kind: 'group', group: g, text });
  it('reads district-level groups, and leaves a bare "UBND huyện" a named agency', () => {
    expect(splitCoordinating('UBND các huyện, thị xã, thành phố')).toEqual([
      group('all-districts', 'UBND các huyện, thị xã, thành phố'),
    ]);
    expect(splitCoordinating('Ủy ban nhân dân huyện, thị xã, thành phố')).toEqual([
      group('all-districts', 'Ủy ban nhân dân huyện, thị xã, thành phố'),
    ]);
    expect(splitCoordinating('UBND cấp huyện')).toEqual([group('all-districts', 'UBND cấp huyện')]);
    expect(splitCoordinating('UBND huyện')).toEqual([{ kind: 'agency', name: 'UBND huyện' }]);
    expect(splitCoordinating('các huyện có tỷ lệ hộ nghèo cao')).toEqual([
      { kind: 'agency', name: 'các huyện có tỷ lệ hộ nghèo cao' },
    ]);
  });

  it("reads the province's department groups and the two-tier commune groups", () => {
    expect(
      splitCoordinating('Các sở, ban, ngành, đoàn thể tỉnh; UBND các xã, phường, đặc khu'),
    ).toEqual([
      group('all-organisations', 'Các sở, ban, ngành, đoàn thể tỉnh'),
      group('all-communes', 'UBND các xã, phường, đặc khu'),
    ]);
  });
});

describe('the receiver of a product', () => {
  it('"gửi về Sở …" is the receiver, never a coordinating agency, even when listed there', () => {
    const r = resolve(
      THREE_TIER,
      plan('ha-giang', [
        {
          lead: 'Sở Y tế',
          coordinating: ['Sở Lao động - Thương binh và Xã hội, Sở Tài chính'],
          product: 'Báo cáo kết quả gửi về Sở Lao động - Thương binh và Xã hội để tổng hợp',
        },
      ]),
    );
    const d = r.duties[0];
    expect(d?.receiver?.name).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(names(d?.coordinating)).toEqual(['Sở Tài chính']);
    expect(r.warnings.map((w) => w.code)).toEqual(['resolve.receiver.not-coordinating']);
  });

  it('"báo cáo UBND huyện qua Phòng …": the office it passes through receives it', () => {
    const r = resolve(
      THREE_TIER,
      plan(
        'bac-me',
        [
          {
            lead: 'UBND các xã, thị trấn',
            coordinating: ['các phòng, ban'],
            content: 'Đánh giá kết quả thực hiện, báo cáo UBND huyện (qua Phòng LĐ-TB&XH).',
            product: 'Báo cáo năm',
          },
        ],
        { standingAgency: 'Phòng Lao động - Thương binh và Xã hội' },
      ),
    );
    expect(r.duties.map((d) => d.receiver?.name)).toEqual([
      'Phòng Lao động - Thương binh và Xã hội',
      'Phòng Lao động - Thương binh và Xã hội',
    ]);
    // The group "các phòng, ban" held only the receiver: nobody is left to coordinate.
    expect(r.duties.map((d) => d.coordinating.length)).toEqual([0, 0]);
  });

  it('"gửi về cơ quan thường trực" is the standing agency', () => {
    const found = findReceiver(
      ['Kế hoạch thực hiện gửi về cơ quan thường trực'],
      THREE_TIER.agencies,
    );
    expect(found?.kind).toBe('standing');
  });

  it('an agency after "gửi" that the directory lacks is a warning, not a refusal', () => {
    const r = resolve(
      THREE_TIER,
      plan('ha-giang', [{ product: 'Báo cáo gửi Sở Ngoại vụ tỉnh để theo dõi' }]),
    );
    expect(r.duties[0]?.receiver).toBeUndefined();
    expect(r.warnings.map((w) => [w.code, w.params?.['phrase']])).toEqual([
      ['resolve.receiver.unknown', 'Sở Ngoại vụ tỉnh'],
    ]);
  });

  it('reads no receiver from "kết quả", "thông qua" or prose', () => {
    expect(
      findReceiver(['Báo cáo kết quả thực hiện thông qua Sở Y tế'], THREE_TIER.agencies),
    ).toBeUndefined();
    expect(findReceiver(['Qua đó nâng cao nhận thức'], THREE_TIER.agencies)).toBeUndefined();
  });
});

describe('time rules', () => {
  it('a standing duty ("Thường xuyên") resolves with no instance', () => {
    const r = resolve(THREE_TIER, plan('ha-giang', [{ time: 'Thường xuyên' }]));
    expect(r.duties[0]).toMatchObject({ standing: true, instances: [] });
  });

  it('an unreadable time is refused, or imported undated with a warning when allowed', () => {
    const p = plan('ha-giang', [{ time: 'Khi có hướng dẫn của Bộ' }]);
    expect(refusal(() => resolve(THREE_TIER, p)).issues.map((i) => i.code)).toEqual([
      'phrase.unreadable',
    ]);
    const r = resolve(THREE_TIER, p, { allowUndated: true });
    expect(r.duties[0]).toMatchObject({ undated: true, instances: [] });
    expect(r.duties[0]?.rule).toBeUndefined();
    expect(r.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['resolve.time.undated', 'warning'],
    ]);
  });
});

/** A commune of the A Lưới district: its posts, its organisations, the district above it. */
const COMMUNE = {
  localities: [
    locality('tth', 'Tỉnh Thừa Thiên Huế', 'province'),
    locality('a-luoi', 'Huyện A Lưới', 'district', 'tth'),
    locality('a-luoi.hong-kim', 'Xã Hồng Kim', 'commune', 'a-luoi'),
  ],
  agencies: [
    agency('Ủy ban nhân dân huyện A Lưới', 'a-luoi'),
    agency('Phòng Lao động - Thương binh và Xã hội huyện A Lưới', 'a-luoi'),
    agency('Ủy ban nhân dân xã Hồng Kim', 'a-luoi.hong-kim'),
    agency('Công chức Văn hóa - Xã hội xã Hồng Kim', 'a-luoi.hong-kim'),
    agency('Trạm Y tế xã Hồng Kim', 'a-luoi.hong-kim'),
    agency('Ủy ban Mặt trận Tổ quốc Việt Nam xã Hồng Kim', 'a-luoi.hong-kim'),
    agency('Hội Liên hiệp Phụ nữ xã Hồng Kim', 'a-luoi.hong-kim'),
    agency('Hội Nông dân xã Hồng Kim', 'a-luoi.hong-kim'),
    agency('Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Hồng Kim', 'a-luoi.hong-kim'),
  ],
};
const communePlan = (duties: Partial<PlanDuty>[]) =>
  plan('a-luoi.hong-kim', duties, { standingAgency: 'Công chức VH-XH' });

describe('a commune plan as communes type it', () => {
  it('reads its units without their place, and its groups of organisations', () => {
    const r = resolve(
      COMMUNE,
      communePlan([
        { lead: 'Công chức VH-XH', coordinating: ['Ủy ban MTTQ xã, các đoàn thể xã'] },
        { lead: 'Trạm Y tế xã', coordinating: ['Các ban, ngành, đoàn thể xã'] },
      ]),
    );
    expect(r.standing.name).toBe('Công chức Văn hóa - Xã hội xã Hồng Kim');
    expect(names(r.duties[0]?.coordinating)).toEqual([
      'Ủy ban Mặt trận Tổ quốc Việt Nam xã Hồng Kim',
      // The mass organisations; the Front is named beside them, not one of them.
      'Hội Liên hiệp Phụ nữ xã Hồng Kim',
      'Hội Nông dân xã Hồng Kim',
      'Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Hồng Kim',
    ]);
    // Every body of the commune but its People's Committee and the lead.
    expect(names(r.duties[1]?.coordinating)).toEqual([
      'Công chức Văn hóa - Xã hội xã Hồng Kim',
      'Ủy ban Mặt trận Tổ quốc Việt Nam xã Hồng Kim',
      'Hội Liên hiệp Phụ nữ xã Hồng Kim',
      'Hội Nông dân xã Hồng Kim',
      'Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Hồng Kim',
    ]);
  });

  it('sends the product to the district office named without its place', () => {
    const r = resolve(
      COMMUNE,
      communePlan([{ lead: 'Công chức VH-XH', product: 'Danh sách gửi Phòng LĐTBXH huyện' }]),
    );
    expect(r.duties[0]?.receiver?.name).toBe('Phòng Lao động - Thương binh và Xã hội huyện A Lưới');
  });

  it('refuses "đoàn thể" of another level than the plan\'s', () => {
    const err = refusal(() =>
      resolve(
        COMMUNE,
        communePlan([{ lead: 'Công chức VH-XH', coordinating: ['các đoàn thể huyện'] }]),
      ),
    );
    expect(err.issues.map((i) => i.code)).toEqual(['resolve.group.empty']);
  });
});

describe('a province plan as provinces type it', () => {
  it('"Các sở, ban, ngành, đoàn thể" is every provincial body even when the plan lists related offices', () => {
    const r = resolve(
      THREE_TIER,
      plan(
        'ha-giang',
        [
          { lead: 'Sở Y tế', coordinating: ['Các sở, ban, ngành, đoàn thể'] },
          { lead: 'Sở Y tế', coordinating: ['Các sở, ban, ngành liên quan'] },
        ],
        { relatedOffices: ['Sở Tài chính'] },
      ),
    );
    expect(names(r.duties[0]?.coordinating)).toEqual([
      'Sở Lao động - Thương binh và Xã hội',
      'Sở Tài chính',
    ]);
    expect(names(r.duties[1]?.coordinating)).toEqual(['Sở Tài chính']);
  });

  it('keeps "UBND các huyện, thị xã, thành phố Hà Giang" one group', () => {
    const r = resolve(
      THREE_TIER,
      plan('ha-giang', [{ coordinating: ['UBND các huyện, thị xã, thành phố Hà Giang'] }]),
    );
    expect(names(r.duties[0]?.coordinating)).toEqual([
      'Ủy ban nhân dân huyện Bắc Mê',
      'UBND thành phố Hà Giang',
    ]);
  });

  it('"trình UBND tỉnh" names the receiver; "Chương trình", "công trình" do not', () => {
    const scoped = THREE_TIER.agencies.map((a) => ({ ...a, locality: 'tỉnh Hà Giang' }));
    expect(
      findReceiver(['Dự thảo báo cáo của UBND tỉnh trình UBND tỉnh xem xét'], scoped),
    ).toMatchObject({ kind: 'agency', id: 'ha-giang.uy-ban-nhan-dan-tinh-ha-giang' });
    expect(
      findReceiver(['Báo cáo kết quả thực hiện Chương trình Sở Y tế'], THREE_TIER.agencies),
    ).toBeUndefined();
    expect(
      findReceiver(['Danh mục công trình Sở Tài chính thẩm định'], THREE_TIER.agencies),
    ).toBeUndefined();
  });
});
