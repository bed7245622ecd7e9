import { describe, expect, it } from 'vitest';
import {
  findAgency,
  isPeoplesCommittee,
  matchAgency,
  normalizeAgencyName,
  placeKeys,
  splitCoordinating,
  type DirectoryEntry,
} from '../../domain/agency-match.ts';

const related = (text: string) => ({ kind: 'group', group: 'related-offices', text });
const communes = (text: string) => ({ kind: 'group', group: 'all-communes', text });
const below = (text: string) => ({ kind: 'group', group: 'localities-below', text });
const districts = (text: string) => ({ kind: 'group', group: 'all-districts', text });
const everyBody = (text: string) => ({ kind: 'group', group: 'all-organisations', text });
const massOrganisations = (text: string) => ({ kind: 'group', group: 'mass-organisations', text });
const agency = (name: string) => ({ kind: 'agency', name });

describe('normalizeAgencyName', () => {
  it('folds case, diacritics, Đ, punctuation and spacing', () => {
    expect(normalizeAgencyName('  Phòng Tài chính - Kế hoạch ')).toBe('phong tai chinh ke hoach');
    expect(normalizeAgencyName('Đoàn Thanh niên')).toBe('doan thanh nien');
    expect(normalizeAgencyName('Ðoàn Thanh niên')).toBe('doan thanh nien');
    expect(normalizeAgencyName('Phòng Tài chính – Kế hoạch (huyện).')).toBe(
      'phong tai chinh ke hoach huyen',
    );
    expect(normalizeAgencyName('Phòng Tài chính—Kế hoạch; huyện')).toBe(
      'phong tai chinh ke hoach huyen',
    );
  });

  it('treats NFD input and both placements of a tone mark alike', () => {
    expect(normalizeAgencyName('Phòng Nội vụ'.normalize('NFD'))).toBe('phong noi vu');
    expect(normalizeAgencyName('Uỷ ban nhân dân huyện')).toBe(
      normalizeAgencyName('Ủy ban nhân dân huyện'),
    );
  });

  it('makes "Phòng LĐ-TB&XH" and "Phòng Lao động - Thương binh và Xã hội" one name', () => {
    const full = normalizeAgencyName('Phòng Lao động - Thương binh và Xã hội');
    expect(full).toBe('phong lao dong thuong binh xa hoi');
    for (const variant of [
      'Phòng LĐ-TB&XH',
      'Phòng LĐTBXH',
      'phòng ldtbxh',
      'Phòng LĐ-TBXH',
      'Phòng Lao động - TB&XH', // Tu Mơ Rông
      'Phòng Lao động – TBXH', // Tu Mơ Rông
      'Phòng Lao động-Thương binh và Xã hội', // Tu Mơ Rông
      'phòng Lao động – Thương binh và Xã hội', // A Lưới
    ]) {
      expect(normalizeAgencyName(variant), variant).toBe(full);
    }
  });

  it('drops "và", so a dash and "và" join name parts alike', () => {
    expect(normalizeAgencyName('Phòng Văn hóa Và Thông tin')).toBe('phong van hoa thong tin');
    expect(normalizeAgencyName('Phòng Văn hóa và Thông tin')).toBe('phong van hoa thong tin');
    expect(normalizeAgencyName('Phòng Văn hóa - Thông tin')).toBe('phong van hoa thong tin');
    expect(normalizeAgencyName('Phòng VH-TT')).toBe('phong van hoa thong tin');
    // A Lưới writes "Kinh tế và Hạ tầng", Tu Mơ Rông "Kinh tế - Hạ tầng".
    expect(normalizeAgencyName('Phòng Kinh tế - Hạ tầng')).toBe(
      normalizeAgencyName('Phòng Kinh tế và Hạ tầng'),
    );
    expect(normalizeAgencyName('Phòng KT-HT')).toBe('phong kinh te ha tang');
  });

  it('expands the usual abbreviations', () => {
    const cases: [string, string][] = [
      ['UBND huyện', 'uy ban nhan dan huyen'],
      ['Thường trực HĐND huyện', 'thuong truc hoi dong nhan dan huyen'],
      ['Phòng TC-KH', 'phong tai chinh ke hoach'],
      ['Phòng TCKH', 'phong tai chinh ke hoach'],
      ['Phòng NN&PTNT', 'phong nong nghiep phat trien nong thon'],
      ['Phòng NNPTNT', 'phong nong nghiep phat trien nong thon'],
      ['Phòng Nông nghiệp và PTNT', 'phong nong nghiep phat trien nong thon'],
      ['Phòng GD&ĐT', 'phong giao duc dao tao'],
      ['Phòng GDĐT', 'phong giao duc dao tao'],
      ['Phòng TN&MT', 'phong tai nguyen moi truong'],
      ['Phòng TNMT', 'phong tai nguyen moi truong'],
      ['Phòng VHTT', 'phong van hoa thong tin'],
      ['Phòng KTHT', 'phong kinh te ha tang'],
      ['BQL Dự án đầu tư xây dựng', 'ban quan ly du an dau tu xay dung'],
      ['Ban QL dự án', 'ban quan ly du an'],
      ['TT Y tế huyện', 'trung tam y te huyen'],
      ['Đoàn TNCS HCM huyện', 'doan thanh nien cong san ho chi minh huyen'],
      ['Đoàn TNCS Hồ Chí Minh huyện', 'doan thanh nien cong san ho chi minh huyen'],
      // There is one Fatherland Front: "Việt Nam" is dropped ("Ủy ban MTTQ xã" is the same body).
      ['Ủy ban MTTQ Việt Nam huyện', 'uy ban mat tran to quoc huyen'],
      ['UBMTTQVN huyện', 'uy ban mat tran to quoc huyen'],
      ['Ủy ban MTTQ xã', 'uy ban mat tran to quoc xa'],
      ['Sở KH&ĐT', 'so ke hoach dau tu'],
      ['Sở NN&MT', 'so nong nghiep moi truong'],
      ['Hội LHPN tỉnh', 'hoi lien hiep phu nu tinh'],
      ['Phòng giao dịch NHCSXH huyện', 'phong giao dich ngan hang chinh sach xa hoi huyen'],
      ['Công chức VH-XH', 'cong chuc van hoa xa hoi'],
      ['Hội CCB xã', 'hoi cuu chien binh xa'],
      ['Trung tâm VH-TT&TT', 'trung tam van hoa thong tin the thao'],
      ['trung tâm GDNN-GDTX huyện', 'trung tam giao duc nghe nghiep giao duc thuong xuyen huyen'],
    ];
    for (const [name, key] of cases) expect(normalizeAgencyName(name), name).toBe(key);
  });

  it('reads "TT" as "trung tâm" only when more words follow', () => {
    expect(normalizeAgencyName('TT Dịch vụ nông nghiệp')).toBe('trung tam dich vu nong nghiep');
    expect(normalizeAgencyName('UBND TT')).toBe('uy ban nhan dan tt');
  });

  it('expands only whole tokens', () => {
    expect(normalizeAgencyName('Phòng Tư pháp')).toBe('phong tu phap');
    expect(normalizeAgencyName('Chi cục Thuế')).toBe('chi cuc thue');
  });

  it('matches the Sa Thầy and A Lưới spellings of the vocational centre', () => {
    expect(normalizeAgencyName('Trung tâm GDNN-GDTX')).toBe(
      normalizeAgencyName('Trung tâm giáo dục nghề nghiệp và Giáo dục thường xuyên'),
    );
  });

  it('gives an empty key for a name with no letters', () => {
    expect(normalizeAgencyName(' - , ')).toBe('');
  });
});

describe('isPeoplesCommittee', () => {
  it("knows a People's Committee by its name at any level, or by the older flag", () => {
    for (const name of [
      'Ủy ban nhân dân tỉnh Kon Tum',
      'UBND huyện A Lưới',
      'Uỷ ban nhân dân xã A Ngo',
    ])
      expect(isPeoplesCommittee({ name }), name).toBe(true);
    for (const name of ['Ủy ban Mặt trận Tổ quốc Việt Nam huyện', 'Văn phòng HĐND và UBND huyện'])
      expect(isPeoplesCommittee({ name }), name).toBe(false);
    expect(isPeoplesCommittee({ name: 'Xã A Ngo', isCommune: true })).toBe(true);
  });
});

describe('matchAgency', () => {
  const directory: DirectoryEntry[] = [
    {
      id: 'ldtbxh',
      name: 'Phòng Lao động - Thương binh và Xã hội',
      shortNames: ['Phòng LĐTBXH', 'Cơ quan thường trực'],
    },
    { id: 'tckh', name: 'Phòng Tài chính - Kế hoạch' },
    { id: 'gddt', name: 'Phòng Giáo dục và Đào tạo' },
    { id: 'nnptnt', name: 'Phòng Nông nghiệp và Phát triển nông thôn' },
    { id: 'ktht', name: 'Phòng Kinh tế và Hạ tầng' },
    { id: 'vhtt', name: 'Phòng Văn hóa và Thông tin' },
    { id: 'yte', name: 'Phòng Y tế' },
    { id: 'noivu', name: 'Phòng Nội vụ' },
    { id: 'tuphap', name: 'Phòng Tư pháp' },
    { id: 'ttyt', name: 'Trung tâm Y tế huyện' },
    { id: 'ttdvnn', name: 'Trung tâm Dịch vụ nông nghiệp' },
    { id: 'doan', name: 'Đoàn TNCS Hồ Chí Minh huyện', shortNames: ['Huyện đoàn'] },
  ];

  it('matches the A Lưới appendix lead agencies exactly', () => {
    expect(matchAgency('Phòng Tài chính - Kế hoạch', directory)).toEqual({ ok: true, id: 'tckh' });
    expect(matchAgency('Phòng Nông nghiệp và Phát triển nông thôn', directory)).toEqual({
      ok: true,
      id: 'nnptnt',
    });
    expect(matchAgency('Phòng Giáo dục và Đào tạo', directory)).toEqual({ ok: true, id: 'gddt' });
    expect(matchAgency('Phòng Lao động - Thương binh và Xã hội', directory)).toEqual({
      ok: true,
      id: 'ldtbxh',
    });
    expect(matchAgency('Phòng Kinh tế và Hạ tầng', directory)).toEqual({ ok: true, id: 'ktht' });
    expect(matchAgency('Phòng Văn hóa Và Thông tin', directory)).toEqual({ ok: true, id: 'vhtt' });
  });

  it('matches abbreviations and other spellings through normalization', () => {
    expect(matchAgency('Phòng LĐ-TB&XH', directory)).toEqual({ ok: true, id: 'ldtbxh' });
    expect(matchAgency('phòng tài chính – kế hoạch', directory)).toEqual({ ok: true, id: 'tckh' });
    expect(matchAgency('Phòng Kinh tế - Hạ tầng', directory)).toEqual({ ok: true, id: 'ktht' });
    expect(matchAgency('Phòng NN&PTNT', directory)).toEqual({ ok: true, id: 'nnptnt' });
    expect(matchAgency('Đoàn TNCS HCM huyện', directory)).toEqual({ ok: true, id: 'doan' });
  });

  it('matches a short name', () => {
    expect(matchAgency('huyện Đoàn', directory)).toEqual({ ok: true, id: 'doan' });
    expect(matchAgency('Cơ quan thường trực', directory)).toEqual({ ok: true, id: 'ldtbxh' });
  });

  it('suggests, never picks, a near name', () => {
    expect(matchAgency('Phòng LĐ-TB&XH huyện', directory)).toEqual({
      ok: false,
      suggestions: [{ id: 'ldtbxh', name: 'Phòng Lao động - Thương binh và Xã hội' }],
    });
    expect(matchAgency('Phòng Tài chin Kế hoạch', directory)).toEqual({
      ok: false,
      suggestions: [{ id: 'tckh', name: 'Phòng Tài chính - Kế hoạch' }],
    });
    expect(matchAgency('Phòng Giáo dục', directory)).toEqual({
      ok: false,
      suggestions: [{ id: 'gddt', name: 'Phòng Giáo dục và Đào tạo' }],
    });
  });

  it('orders suggestions best first and gives at most three', () => {
    const communes: DirectoryEntry[] = [
      { id: 'hong-kim', name: 'UBND xã Hồng Kim' },
      { id: 'hong-thai', name: 'UBND xã Hồng Thái' },
      { id: 'hong-thuong', name: 'UBND xã Hồng Thượng' },
      { id: 'hong-van', name: 'UBND xã Hồng Vân' },
      { id: 'a-roang', name: 'UBND xã A Roàng' },
    ];
    const r = matchAgency('Ủy ban nhân dân xã Hồng Thươn', communes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.suggestions).toHaveLength(3);
    expect(r.suggestions[0]).toEqual({ id: 'hong-thuong', name: 'UBND xã Hồng Thượng' });
    expect(r.suggestions.map((s) => s.id)).not.toContain('a-roang');
  });

  it('suggests nothing that is not close', () => {
    expect(matchAgency('Công an huyện', directory)).toEqual({ ok: false, suggestions: [] });
    // Shares only "phòng" with "Phòng Nội vụ" and "Phòng Tư pháp".
    expect(matchAgency('Phòng Dân tộc', directory)).toEqual({ ok: false, suggestions: [] });
  });

  it('does not pick between entries that share a normalized name, and offers only those', () => {
    const twins: DirectoryEntry[] = [
      { id: 'a', name: 'Phòng Kinh tế và Hạ tầng' },
      { id: 'b', name: 'Phòng Kinh tế - Hạ tầng' },
      { id: 'c', name: 'Phòng Kinh tế - Hạ tầng huyện' },
    ];
    expect(matchAgency('Phòng KT-HT', twins)).toEqual({
      ok: false,
      suggestions: [
        { id: 'a', name: 'Phòng Kinh tế và Hạ tầng' },
        { id: 'b', name: 'Phòng Kinh tế - Hạ tầng' },
      ],
    });
  });

  it('matches nothing for an empty name or an empty directory', () => {
    expect(matchAgency('', directory)).toEqual({ ok: false, suggestions: [] });
    expect(matchAgency('Phòng Y tế', [])).toEqual({ ok: false, suggestions: [] });
  });
});

describe('splitCoordinating: the A Lưới appendix', () => {
  it('Dự án 1', () => {
    expect(
      splitCoordinating(
        'Ban Quản lý Dự án đầu tư xây dựng khu vực huyện, các phòng, ban ngành liên quan, UBND các xã, thị trấn',
      ),
    ).toEqual([
      agency('Ban Quản lý Dự án đầu tư xây dựng khu vực huyện'),
      related('các phòng, ban ngành liên quan'),
      communes('UBND các xã, thị trấn'),
    ]);
  });

  it('Dự án 2', () => {
    expect(
      splitCoordinating(
        'Trung tâm Dịch vụ nông nghiệp và các phòng ban liên quan, UBND các xã, thị trấn',
      ),
    ).toEqual([
      agency('Trung tâm Dịch vụ nông nghiệp'),
      related('các phòng ban liên quan'),
      communes('UBND các xã, thị trấn'),
    ]);
  });

  it('Dự án 3, Tiểu dự án 1, and Dự án 6, Tiểu dự án 1', () => {
    expect(
      splitCoordinating(
        'Phòng Lao động - Thương binh và Xã hội và các phòng, ban ngành liên quan, UBND các xã, thị trấn',
      ),
    ).toEqual([
      agency('Phòng Lao động - Thương binh và Xã hội'),
      related('các phòng, ban ngành liên quan'),
      communes('UBND các xã, thị trấn'),
    ]);
    expect(
      splitCoordinating(
        'Phòng Lao động - Thương binh và Xã hội và các phòng, ban, ngành liên quan, UBND các xã, thị trấn',
      ),
    ).toEqual([
      agency('Phòng Lao động - Thương binh và Xã hội'),
      related('các phòng, ban, ngành liên quan'),
      communes('UBND các xã, thị trấn'),
    ]);
  });

  it('Dự án 3, Tiểu dự án 2', () => {
    expect(
      splitCoordinating('Trung tâm y tế, các phòng, ban, ngành liên quan, UBND các xã, thị trấn'),
    ).toEqual([
      agency('Trung tâm y tế'),
      related('các phòng, ban, ngành liên quan'),
      communes('UBND các xã, thị trấn'),
    ]);
  });

  it('Dự án 4: "và Giáo dục thường xuyên" stays in the name', () => {
    expect(
      splitCoordinating(
        'Trung tâm giáo dục nghề nghiệp và Giáo dục thường xuyên, Đoàn TNCS HCM huyện, các phòng, ban, ngành liên quan, UBND các xã, thị trấn',
      ),
    ).toEqual([
      agency('Trung tâm giáo dục nghề nghiệp và Giáo dục thường xuyên'),
      agency('Đoàn TNCS HCM huyện'),
      related('các phòng, ban, ngành liên quan'),
      communes('UBND các xã, thị trấn'),
    ]);
  });

  it('Dự án 5', () => {
    expect(splitCoordinating('Các phòng, ban ngành liên quan, UBND các xã, thị trấn')).toEqual([
      related('Các phòng, ban ngành liên quan'),
      communes('UBND các xã, thị trấn'),
    ]);
  });

  it('Dự án 6, Tiểu dự án 2: "và Thể thao" stays in the name', () => {
    expect(
      splitCoordinating(
        'Trung tâm Văn hóa - Thông tin và Thể thao và các phòng, ban, ngành liên quan, UBND các xã, thị trấn',
      ),
    ).toEqual([
      agency('Trung tâm Văn hóa - Thông tin và Thể thao'),
      related('các phòng, ban, ngành liên quan'),
      communes('UBND các xã, thị trấn'),
    ]);
  });

  it('Dự án 7', () => {
    expect(splitCoordinating('Các sở, phòng, ban, ngành liên quan, UBND cấp xã')).toEqual([
      related('Các sở, phòng, ban, ngành liên quan'),
      communes('UBND cấp xã'),
    ]);
  });
});

describe('splitCoordinating: coordinating agencies named in the plans’ text', () => {
  it('A Lưới', () => {
    expect(
      splitCoordinating(
        'Huyện đoàn, các hội đoàn thể, các phòng, ban, ngành liên quan, UBND các xã, thị trấn',
      ),
    ).toEqual([
      agency('Huyện đoàn'),
      agency('các hội đoàn thể'),
      related('các phòng, ban, ngành liên quan'),
      communes('UBND các xã, thị trấn'),
    ]);
    expect(splitCoordinating('các phòng, ban, ngành, UBND các xã, thị trấn liên quan')).toEqual([
      related('các phòng, ban, ngành'),
      communes('UBND các xã, thị trấn liên quan'),
    ]);
    expect(splitCoordinating('các phòng ban, các ngành liên quan, UBND các xã, thị trấn')).toEqual([
      related('các phòng ban, các ngành liên quan'),
      communes('UBND các xã, thị trấn'),
    ]);
    expect(splitCoordinating('các phòng, ban, UBND các xã, thị trấn')).toEqual([
      related('các phòng, ban'),
      communes('UBND các xã, thị trấn'),
    ]);
    expect(
      splitCoordinating(
        'trung tâm y tế, phòng Lao động - Thương binh và Xã hội và UBND các xã, thị trấn',
      ),
    ).toEqual([
      agency('trung tâm y tế'),
      agency('phòng Lao động - Thương binh và Xã hội'),
      communes('UBND các xã, thị trấn'),
    ]);
    expect(splitCoordinating('các xã, thị trấn trên địa bàn')).toEqual([
      communes('các xã, thị trấn trên địa bàn'),
    ]);
    expect(splitCoordinating('các cơ quan, ban ngành')).toEqual([
      related('các cơ quan, ban ngành'),
    ]);
    expect(splitCoordinating('Các cơ quan, đơn vị liên quan')).toEqual([
      related('Các cơ quan, đơn vị liên quan'),
    ]);
  });

  it('Tu Mơ Rông', () => {
    expect(
      splitCoordinating('Phòng Lao động - Thương binh và Xã hội và các cơ quan liên quan'),
    ).toEqual([agency('Phòng Lao động - Thương binh và Xã hội'), related('các cơ quan liên quan')]);
    expect(
      splitCoordinating(
        'Ủy ban Mặt trận Tổ quốc Việt Nam huyện, Phòng Lao động – Thương binh và Xã hội, đoàn thể chính trị xã hội tỉnh, các cơ quan, đơn vị liên quan',
      ),
    ).toEqual([
      agency('Ủy ban Mặt trận Tổ quốc Việt Nam huyện'),
      agency('Phòng Lao động – Thương binh và Xã hội'),
      agency('đoàn thể chính trị xã hội tỉnh'),
      related('các cơ quan, đơn vị liên quan'),
    ]);
    expect(splitCoordinating('UBND cấp xã, các đơn vị có liên quan')).toEqual([
      communes('UBND cấp xã'),
      related('các đơn vị có liên quan'),
    ]);
    expect(splitCoordinating('Các cơ quan đơn vị liên quan và UBND các xã')).toEqual([
      related('Các cơ quan đơn vị liên quan'),
      communes('UBND các xã'),
    ]);
  });

  it('Sa Thầy', () => {
    expect(splitCoordinating('các phòng ban liên quan và UBND các xã, Thị trấn')).toEqual([
      related('các phòng ban liên quan'),
      communes('UBND các xã, Thị trấn'),
    ]);
    expect(splitCoordinating('các ban ngành, Hội, đoàn thể, các xã thị trấn')).toEqual([
      everyBody('các ban ngành, Hội, đoàn thể'),
      communes('các xã thị trấn'),
    ]);
    expect(splitCoordinating('các đơn vị, các xã, thị trấn')).toEqual([
      related('các đơn vị'),
      communes('các xã, thị trấn'),
    ]);
    expect(splitCoordinating('trung tâm GDNN-GDTX huyện')).toEqual([
      agency('trung tâm GDNN-GDTX huyện'),
    ]);
  });
});

describe('splitCoordinating: rules', () => {
  it('keeps "và" inside names and splits on a "và" that starts an agency', () => {
    expect(
      splitCoordinating('Phòng Nông nghiệp và Phát triển nông thôn và Phòng Giáo dục và Đào tạo'),
    ).toEqual([
      agency('Phòng Nông nghiệp và Phát triển nông thôn'),
      agency('Phòng Giáo dục và Đào tạo'),
    ]);
    expect(splitCoordinating('Hội Liên hiệp Phụ nữ và Đoàn TNCS HCM huyện')).toEqual([
      agency('Hội Liên hiệp Phụ nữ'),
      agency('Đoàn TNCS HCM huyện'),
    ]);
  });

  it('splits on semicolons', () => {
    expect(splitCoordinating('Phòng Y tế; Ngân hàng Chính sách xã hội huyện')).toEqual([
      agency('Phòng Y tế'),
      agency('Ngân hàng Chính sách xã hội huyện'),
    ]);
  });

  it('ends an office group at a capitalised name it does not know', () => {
    expect(splitCoordinating('các phòng, ban, Hội Nông dân huyện')).toEqual([
      related('các phòng, ban'),
      agency('Hội Nông dân huyện'),
    ]);
  });

  it('keeps a "các …" phrase that is not a known group as an agency rather than drop it', () => {
    expect(
      splitCoordinating('Hội Liên hiệp Phụ nữ và các tổ chức chính trị - xã hội huyện'),
    ).toEqual([agency('Hội Liên hiệp Phụ nữ'), agency('các tổ chức chính trị - xã hội huyện')]);
  });

  it('reads the commune groups written out in full', () => {
    expect(splitCoordinating('Ủy ban nhân dân các xã, phường, thị trấn')).toEqual([
      communes('Ủy ban nhân dân các xã, phường, thị trấn'),
    ]);
    expect(splitCoordinating('UBND các xã')).toEqual([communes('UBND các xã')]);
  });

  it('reads a bare "UBND xã" or "UBND cấp xã" as every commune', () => {
    // Tu Mơ Rông, IV.2: the heading "Ủy ban nhân dân xã" leads what every commune does.
    expect(splitCoordinating('Ủy ban nhân dân xã')).toEqual([communes('Ủy ban nhân dân xã')]);
    expect(splitCoordinating('Uỷ ban nhân dân xã')).toEqual([communes('Uỷ ban nhân dân xã')]);
    expect(splitCoordinating('UBND xã')).toEqual([communes('UBND xã')]);
    expect(splitCoordinating('UBND cấp xã')).toEqual([communes('UBND cấp xã')]);
    expect(splitCoordinating('Ủy ban nhân dân cấp xã')).toEqual([
      communes('Ủy ban nhân dân cấp xã'),
    ]);
    expect(splitCoordinating('UBND xã, thị trấn')).toEqual([communes('UBND xã, thị trấn')]);
    expect(splitCoordinating('Phòng Lao động - TB&XH và UBND xã')).toEqual([
      agency('Phòng Lao động - TB&XH'),
      communes('UBND xã'),
    ]);
    expect(splitCoordinating('UBND xã, các đơn vị có liên quan')).toEqual([
      communes('UBND xã'),
      related('các đơn vị có liên quan'),
    ]);
  });

  it('keeps a commune named after "UBND xã" an agency', () => {
    expect(splitCoordinating('UBND xã Hồng Kim')).toEqual([agency('UBND xã Hồng Kim')]);
    expect(splitCoordinating('Ủy ban nhân dân xã Tu Mơ Rông')).toEqual([
      agency('Ủy ban nhân dân xã Tu Mơ Rông'),
    ]);
    expect(splitCoordinating('Phòng Y tế, UBND xã Hồng Kim và UBND xã A Roàng')).toEqual([
      agency('Phòng Y tế'),
      agency('UBND xã Hồng Kim'),
      agency('UBND xã A Roàng'),
    ]);
    expect(splitCoordinating('UBND xã Hồng Kim, UBND các xã')).toEqual([
      agency('UBND xã Hồng Kim'),
      communes('UBND các xã'),
    ]);
  });

  it('does not read "các xã" followed by more words as every commune', () => {
    // Named communes, or only some ("các xã có tỷ lệ hộ nghèo cao"): left as names, so the
    // import reports them instead of sending the duty to every commune.
    expect(splitCoordinating('UBND các xã Hồng Kim, Hồng Thái')).toEqual([
      agency('UBND các xã Hồng Kim'),
      agency('Hồng Thái'),
    ]);
    expect(splitCoordinating('UBND cấp xã Hồng Kim')).toEqual([agency('UBND cấp xã Hồng Kim')]);
    expect(splitCoordinating('các xã có tỷ lệ hộ nghèo cao')).toEqual([
      agency('các xã có tỷ lệ hộ nghèo cao'),
    ]);
  });

  it('reads a bare "địa phương" or "các địa phương" as the localities one level down', () => {
    expect(splitCoordinating('địa phương')).toEqual([below('địa phương')]);
    expect(splitCoordinating('các địa phương')).toEqual([below('các địa phương')]);
    // Tu Mơ Rông, 3.4: "phối hợp với Phòng Lao động - Thương binh và Xã hội và các phòng, ban, địa phương".
    expect(
      splitCoordinating('Phòng Lao động - Thương binh và Xã hội và các phòng, ban, địa phương'),
    ).toEqual([
      agency('Phòng Lao động - Thương binh và Xã hội'),
      related('các phòng, ban'),
      below('địa phương'),
    ]);
    expect(splitCoordinating('các sở, ngành và địa phương')).toEqual([
      related('các sở, ngành'),
      below('địa phương'),
    ]);
    expect(splitCoordinating('các đơn vị, địa phương liên quan')).toEqual([
      related('các đơn vị'),
      below('địa phương liên quan'),
    ]);
  });

  it('reads the district-level groups of a province plan', () => {
    expect(
      splitCoordinating('Các sở, ban, ngành, đoàn thể; UBND các huyện, thị xã, thành phố'),
    ).toEqual([
      everyBody('Các sở, ban, ngành, đoàn thể'),
      districts('UBND các huyện, thị xã, thành phố'),
    ]);
    expect(splitCoordinating('Sở Y tế và UBND cấp huyện')).toEqual([
      agency('Sở Y tế'),
      districts('UBND cấp huyện'),
    ]);
    expect(splitCoordinating('các huyện, thành phố trên địa bàn tỉnh')).toEqual([
      districts('các huyện, thành phố trên địa bàn tỉnh'),
    ]);
    // One named district, and the district's own committee, stay agencies.
    expect(splitCoordinating('UBND huyện Bắc Mê, UBND huyện')).toEqual([
      agency('UBND huyện Bắc Mê'),
      agency('UBND huyện'),
    ]);
  });

  it('reads the communes and wards of the two-tier government', () => {
    expect(splitCoordinating('UBND các xã, phường')).toEqual([communes('UBND các xã, phường')]);
    expect(splitCoordinating('UBND các phường, xã, đặc khu')).toEqual([
      communes('UBND các phường, xã, đặc khu'),
    ]);
  });

  it('keeps "địa phương" inside a longer name', () => {
    expect(splitCoordinating('chính quyền địa phương')).toEqual([agency('chính quyền địa phương')]);
    expect(splitCoordinating('các địa phương kết nghĩa')).toEqual([
      agency('các địa phương kết nghĩa'),
    ]);
  });

  it('collapses whitespace, trims, and drops empty parts', () => {
    expect(
      splitCoordinating(
        '  Trung tâm y tế ,\n  , các phòng,  ban ngành liên quan ;  UBND các xã, thị trấn. ',
      ),
    ).toEqual([
      agency('Trung tâm y tế'),
      related('các phòng, ban ngành liên quan'),
      communes('UBND các xã, thị trấn'),
    ]);
    expect(splitCoordinating('')).toEqual([]);
    expect(splitCoordinating(' , ; ')).toEqual([]);
  });

  it('reads decomposed (NFD) text and returns it composed', () => {
    expect(splitCoordinating('Trung tâm y tế, UBND các xã, thị trấn'.normalize('NFD'))).toEqual([
      agency('Trung tâm y tế'),
      communes('UBND các xã, thị trấn'),
    ]);
  });
});

describe('matchAgency: names typed without their place', () => {
  // A province plan's scope: the province's own bodies and two districts' offices, each agency
  // with its locality's name as the directory writes it.
  const province: DirectoryEntry[] = [
    { id: 'so-khdt', name: 'Sở Kế hoạch và Đầu tư', locality: 'Tỉnh Kon Tum' },
    { id: 'so-tc', name: 'Sở Tài chính', locality: 'Tỉnh Kon Tum' },
    { id: 'thong-ke', name: 'Cục Thống kê tỉnh Kon Tum', locality: 'Tỉnh Kon Tum' },
    { id: 'tinh-doan', name: 'Tỉnh đoàn Kon Tum', locality: 'Tỉnh Kon Tum' },
    { id: 'hoi-lhpn', name: 'Hội Liên hiệp Phụ nữ tỉnh Kon Tum', locality: 'Tỉnh Kon Tum' },
    { id: 'mttq', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Kon Tum', locality: 'Tỉnh Kon Tum' },
    { id: 'ubnd', name: 'Ủy ban nhân dân tỉnh Kon Tum', locality: 'Tỉnh Kon Tum' },
    { id: 'dak-ha.ttyt', name: 'Trung tâm Y tế huyện Đắk Hà', locality: 'Huyện Đắk Hà' },
    { id: 'dak-ha.ubnd', name: 'Ủy ban nhân dân huyện Đắk Hà', locality: 'Huyện Đắk Hà' },
    { id: 'sa-thay.ttyt', name: 'Trung tâm Y tế huyện Sa Thầy', locality: 'Huyện Sa Thầy' },
    { id: 'sa-thay.ubnd', name: 'Ủy ban nhân dân huyện Sa Thầy', locality: 'Huyện Sa Thầy' },
    {
      id: 'sa-thay.nhcsxh',
      name: 'Phòng giao dịch Ngân hàng Chính sách xã hội huyện Sa Thầy',
      locality: 'Huyện Sa Thầy',
    },
  ];
  const id = (name: string, dir = province) => {
    const m = matchAgency(name, dir);
    return m.ok ? m.id : undefined;
  };

  it('reads the abbreviations plans use', () => {
    expect(id('Sở KH&ĐT')).toBe('so-khdt');
    expect(id('Hội LHPN tỉnh')).toBe('hoi-lhpn');
    expect(id('Ủy ban MTTQ Việt Nam tỉnh')).toBe('mttq');
    expect(id('UBMTTQ tỉnh')).toBe('mttq');
    expect(id('Phòng giao dịch NHCSXH huyện')).toBe('sa-thay.nhcsxh');
  });

  it('takes the name less its locality when exactly one agency in scope fits', () => {
    expect(id('Tỉnh đoàn')).toBe('tinh-doan');
    expect(id('Cục Thống kê tỉnh')).toBe('thong-ke');
    expect(id('UBND tỉnh')).toBe('ubnd');
  });

  it('leaves out a leading "Cục" only when the rest is unique', () => {
    expect(id('Thống kê tỉnh')).toBe('thong-ke');
    const two = [
      ...province,
      { id: 'chi-cuc-tk', name: 'Chi cục Thống kê huyện Đắk Hà', locality: 'Huyện Đắk Hà' },
    ];
    // "Thống kê tỉnh" still says which; "Thống kê" could be either office.
    expect(id('Thống kê tỉnh', two)).toBe('thong-ke');
    expect(matchAgency('Thống kê', two)).toEqual({
      ok: false,
      suggestions: [
        { id: 'thong-ke', name: 'Cục Thống kê tỉnh Kon Tum' },
        { id: 'chi-cuc-tk', name: 'Chi cục Thống kê huyện Đắk Hà' },
      ],
    });
  });

  it('never picks one of several agencies the name fits: it offers them', () => {
    // Two districts' health centres are in a province plan's scope.
    expect(matchAgency('Trung tâm Y tế huyện', province)).toEqual({
      ok: false,
      suggestions: [
        { id: 'dak-ha.ttyt', name: 'Trung tâm Y tế huyện Đắk Hà' },
        { id: 'sa-thay.ttyt', name: 'Trung tâm Y tế huyện Sa Thầy' },
      ],
    });
    expect(matchAgency('UBND huyện', province).ok).toBe(false);
    // In one district's scope the same words mean its own centre.
    const district = province.filter((e) => !e.id.startsWith('sa-thay.'));
    expect(id('Trung tâm Y tế huyện', district)).toBe('dak-ha.ttyt');
    expect(id('UBND huyện', district)).toBe('dak-ha.ubnd');
  });

  it("requires a written kind word to be the agency's own", () => {
    const district = province.filter((e) => !e.id.startsWith('sa-thay.'));
    // The province has no health centre: the district's is not "tỉnh".
    expect(id('Trung tâm Y tế tỉnh', district)).toBeUndefined();
    expect(id('Tỉnh đoàn huyện')).toBeUndefined();
  });

  it("takes a place the directory leaves out of the name from the agency's locality", () => {
    const dir: DirectoryEntry[] = [
      { id: 'ldtbxh', name: 'Phòng Lao động - Thương binh và Xã hội', locality: 'Huyện A Lưới' },
      {
        id: 'htx.ldtbxh',
        name: 'Phòng Lao động - Thương binh và Xã hội thị xã Hương Thủy',
        locality: 'Thị xã Hương Thủy',
      },
    ];
    expect(id('Phòng LĐTBXH huyện', dir)).toBe('ldtbxh');
    expect(id('Phòng LĐ-TB&XH thị xã', dir)).toBe('htx.ldtbxh');
    // Without a kind word, the name that is exactly an entry's is that entry.
    expect(id('Phòng LĐTBXH', dir)).toBe('ldtbxh');
    expect(id('Phòng LĐTBXH', dir.slice(1))).toBe('htx.ldtbxh');
  });

  it('does not take a note in parentheses for part of the name', () => {
    expect(id('Sở Tài chính (vốn sự nghiệp)')).toBe('so-tc');
    expect(id('Sở Kế hoạch và Đầu tư (vốn đầu tư phát triển)')).toBe('so-khdt');
  });

  it('reads a commune post named by some of its fields, the first one first', () => {
    const commune: DirectoryEntry[] = [
      {
        id: 'dcnn',
        name: 'Công chức Địa chính - Xây dựng - Nông nghiệp và Môi trường xã Đắk Tờ Kan',
        locality: 'Xã Đắk Tờ Kan',
      },
      { id: 'vhxh', name: 'Công chức Văn hóa - Xã hội xã Đắk Tờ Kan', locality: 'Xã Đắk Tờ Kan' },
      { id: 'tram-yt', name: 'Trạm Y tế xã Đắk Tờ Kan', locality: 'Xã Đắk Tờ Kan' },
    ];
    expect(id('Công chức Địa chính - Nông nghiệp', commune)).toBe('dcnn');
    expect(id('Công chức VH-XH', commune)).toBe('vhxh');
    expect(id('Trạm Y tế xã', commune)).toBe('tram-yt');
    // A field the post does not hold, or another first field, is no match.
    expect(id('Công chức Địa chính - Tư pháp', commune)).toBeUndefined();
    expect(id('Công chức Nông nghiệp - Môi trường', commune)).toBeUndefined();
  });

  it('does not widen a one-part name to a longer office', () => {
    const dir: DirectoryEntry[] = [
      { id: 'gddt', name: 'Phòng Giáo dục và Đào tạo', locality: 'Huyện Đắk Hà' },
    ];
    expect(id('Phòng Giáo dục', dir)).toBeUndefined();
    expect(findAgency('Phòng Giáo dục', dir)).toBeUndefined();
  });

  it('stays fast on a long unknown name against a large directory', () => {
    const big: DirectoryEntry[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `a${i}`,
      name: `Trung tâm Dịch vụ số ${i} - Kỹ thuật - Nông nghiệp huyện X${i}`,
      locality: `Huyện X${i}`,
    }));
    const long = Array.from({ length: 60 }, (_, i) => `Trung tâm ${i} - Kỹ thuật`).join(' - ');
    const started = performance.now();
    // Building the indexes once, then each lookup: linear, not a comparison with every entry.
    for (let i = 0; i < 50; i++) findAgency(`${long} ${i}`, big);
    expect(performance.now() - started).toBeLessThan(2500);
  });
});

describe('splitCoordinating: groups of the corpus', () => {
  it("reads a commune's mass organisations and every body of a commune", () => {
    expect(splitCoordinating('Ủy ban MTTQ xã, các đoàn thể xã')).toEqual([
      agency('Ủy ban MTTQ xã'),
      massOrganisations('các đoàn thể xã'),
    ]);
    expect(splitCoordinating('đoàn thể xã')).toEqual([massOrganisations('đoàn thể xã')]);
    expect(splitCoordinating('Các ban, ngành, đoàn thể xã')).toEqual([
      everyBody('Các ban, ngành, đoàn thể xã'),
    ]);
    // With "liên quan" the list selects: the plan's related offices.
    expect(splitCoordinating('Các sở, ban, ngành, đoàn thể liên quan')).toEqual([
      related('Các sở, ban, ngành, đoàn thể liên quan'),
    ]);
  });

  it("keeps a district list that ends with a known city's or province's name whole", () => {
    const places = placeKeys(['Tỉnh Thừa Thiên Huế', 'Thành phố Huế', 'Huyện A Lưới']);
    expect(
      splitCoordinating('Tỉnh đoàn, Hội LHPN tỉnh, UBND các huyện, thị xã, thành phố Huế', places),
    ).toEqual([
      agency('Tỉnh đoàn'),
      agency('Hội LHPN tỉnh'),
      districts('UBND các huyện, thị xã, thành phố Huế'),
    ]);
    expect(splitCoordinating('UBND các huyện, thị xã thuộc tỉnh Thừa Thiên Huế', places)).toEqual([
      districts('UBND các huyện, thị xã thuộc tỉnh Thừa Thiên Huế'),
    ]);
    // A name the directory does not know is not swallowed into the group.
    expect(
      splitCoordinating('UBND các huyện, thị xã, thành phố Đà Nẵng', places),
    ).not.toContainEqual(districts('UBND các huyện, thị xã, thành phố Đà Nẵng'));
    // Nor is an agency after "và".
    expect(splitCoordinating('UBND các huyện, thành phố và Sở Y tế', places)).toEqual([
      districts('UBND các huyện, thành phố'),
      agency('Sở Y tế'),
    ]);
  });

  it('does not split a note in parentheses at its commas', () => {
    expect(
      splitCoordinating(
        'Sở Kế hoạch và Đầu tư (vốn đầu tư, vốn đối ứng); Sở Tài chính (vốn sự nghiệp)',
      ),
    ).toEqual([
      agency('Sở Kế hoạch và Đầu tư (vốn đầu tư, vốn đối ứng)'),
      agency('Sở Tài chính (vốn sự nghiệp)'),
    ]);
  });
});
