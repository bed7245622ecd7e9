// Vietnamese alphabetical order for the names the pages list.
import { describe, expect, it } from 'vitest';
import { byVietnamese, viCollator } from '../../domain/vi-order.ts';

describe('Vietnamese order', () => {
  it('puts Đ after D and before E', () => {
    const names = ['Ea', 'Đông', 'Dương', 'Đa', 'Du'];
    expect([...names].sort(viCollator.compare)).toEqual(['Du', 'Dương', 'Đa', 'Đông', 'Ea']);
  });

  it('puts Hồng before Hương, whatever code points say', () => {
    expect(['Hương', 'Hồng'].sort()).toEqual(['Hương', 'Hồng']);
    expect(['Hương', 'Hồng'].sort(viCollator.compare)).toEqual(['Hồng', 'Hương']);
  });

  it('sorts records by a name', () => {
    const rows = [{ name: 'Xã Hồng Thái' }, { name: 'Xã A Roàng' }, { name: 'Xã Đông Sơn' }];
    expect(rows.sort(byVietnamese((r) => r.name)).map((r) => r.name)).toEqual([
      'Xã A Roàng',
      'Xã Đông Sơn',
      'Xã Hồng Thái',
    ]);
  });
});
