// What the JSON API says when a write names what does not exist (a duty for an unknown plan or
// agency), when a directory entry is still named and cannot be deleted, and when an entry is
// retired (kept for history, never assigned anew).
import { msg } from './catalogue.ts';

export const contractMessages = {
  'contract.due-years': msg<{ min: number; max: number }>(
    (p) => `hạn phải trong các năm từ ${p.min} đến ${p.max}`,
    (p) => `the deadline must fall in the years ${p.min} to ${p.max}`,
  ),
  'contract.unknown-plan': msg<{ plan: string }>(
    (p) => `chưa có kế hoạch "${p.plan}"; hãy nhập kế hoạch trước`,
    (p) => `no plan "${p.plan}"; import the plan first`,
  ),
  'contract.unknown-agency': msg<{ agency: string }>(
    (p) => `cơ quan "${p.agency}" không có trong danh bạ`,
    (p) => `agency "${p.agency}" is not in the directory`,
  ),
  'contract.retired-agency': msg<{ agency: string }>(
    (p) => `cơ quan "${p.agency}" đã ngừng hoạt động, không giao nhiệm vụ mới`,
    (p) => `agency "${p.agency}" is retired and takes no new duties`,
  ),
  'contract.unknown-cycle': msg<{ cycle: string }>(
    (p) => `không có chu kỳ "${p.cycle}"`,
    (p) => `no cycle "${p.cycle}"`,
  ),
  'contract.references-refused': msg<{ issues: string }>(
    (p) => `Nhiệm vụ chưa được bắt đầu vì tham chiếu đến mục không tồn tại: ${p.issues}`,
    (p) => `The duty was not started: it names what does not exist: ${p.issues}`,
  ),
  'contract.no-agency': msg<{ agency: string }>(
    (p) => `Không có cơ quan "${p.agency}"`,
    (p) => `No agency "${p.agency}"`,
  ),
  'contract.no-locality': msg<{ locality: string }>(
    (p) => `Không có địa bàn "${p.locality}"`,
    (p) => `No locality "${p.locality}"`,
  ),
  'contract.agency-referenced': msg<{ agency: string; holders: string }>(
    (p) =>
      `Không xóa được cơ quan "${p.agency}" vì còn được nêu trong ${p.holders}; hãy cho cơ quan ngừng hoạt động thay vì xóa`,
    (p) =>
      `Agency "${p.agency}" is still named by ${p.holders}; it cannot be deleted (retire it instead)`,
  ),
  'contract.locality-referenced': msg<{ locality: string; holders: string }>(
    (p) =>
      `Không xóa được địa bàn "${p.locality}" vì còn được nêu trong ${p.holders}; hãy cho địa bàn ngừng sử dụng thay vì xóa`,
    (p) =>
      `Locality "${p.locality}" is still named by ${p.holders}; it cannot be deleted (retire it instead)`,
  ),
  'contract.holders.plans': msg<{ ids: string }>(
    (p) => `kế hoạch ${p.ids}`,
    (p) => `plans ${p.ids}`,
  ),
  'contract.holders.duties': msg<{ count: number }>(
    (p) => `${p.count} nhiệm vụ`,
    (p) => `${p.count} duties`,
  ),
  'contract.holders.agencies': msg<{ ids: string }>(
    (p) => `cơ quan ${p.ids}`,
    (p) => `agencies ${p.ids}`,
  ),
  'contract.holders.localities': msg<{ ids: string }>(
    (p) => `địa bàn ${p.ids}`,
    (p) => `localities ${p.ids}`,
  ),
  'contract.holders.and': msg(
    () => ' và ',
    () => ' and ',
  ),
};
