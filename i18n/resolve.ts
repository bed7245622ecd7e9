// Refusals and warnings of resolving a plan against the agency directory (plans/resolve.ts,
// plans/service.ts): agency names, groups, receivers, time phrases, the directory itself.
import { msg, quotedList, type Lang } from './catalogue.ts';

/** Names in one parameter, one a line (parameters are plain values). */
export const joinNames = (names: readonly string[]): string => names.join('\n');
const names = (p: string | undefined): string[] => (p ? p.split('\n') : []);

const GROUPS: Record<string, Record<Lang, string>> = {
  'related-offices': {
    vi: 'các cơ quan chuyên môn của địa phương ban hành kế hoạch',
    en: "the offices of the plan's own locality",
  },
  'all-organisations': {
    vi: 'tất cả các cơ quan, đơn vị, đoàn thể của địa phương ban hành kế hoạch (trừ Ủy ban nhân dân)',
    en: "every body of the plan's own locality but its People's Committee",
  },
  'mass-organisations': {
    vi: 'các tổ chức chính trị - xã hội (đoàn thể) của địa phương ban hành kế hoạch',
    en: "the mass organisations of the plan's own locality",
  },
  'all-districts': {
    vi: 'Ủy ban nhân dân các đơn vị hành chính cấp huyện trực thuộc',
    en: "the People's Committee of every district-level locality under the plan's",
  },
  'all-communes': {
    vi: 'Ủy ban nhân dân các đơn vị hành chính cấp xã trực thuộc',
    en: "the People's Committee of every commune-level locality under the plan's",
  },
  'localities-below': {
    vi: 'Ủy ban nhân dân các địa phương cấp dưới trực tiếp',
    en: "the People's Committee of every locality directly under the plan's",
  },
};
const group = (g: string, lang: Lang): string => GROUPS[g]?.[lang] ?? g;

export const resolveMessages = {
  // Summaries (ImportError's code) take no parameters: the issues under them name the place.
  'resolve.plan.refused': msg(
    () => 'Không thể nhập kế hoạch',
    () => 'The plan cannot be imported',
  ),
  'resolve.plan.unknown': msg<{ planId: string }>(
    (p) => `Chưa có kế hoạch "${p.planId}"; hãy nhập tệp kế hoạch trước`,
    (p) => `no plan "${p.planId}"; import the plan definition first`,
  ),
  'resolve.plan.unknown-summary': msg(
    () => 'Không tìm thấy kế hoạch',
    () => 'Unknown plan',
  ),
  'resolve.duty.unknown': msg<{ planId: string; ref: string }>(
    (p) => `Kế hoạch "${p.planId}" không có nhiệm vụ số thứ tự ${p.ref}`,
    (p) => `the plan "${p.planId}" has no duty with STT ${p.ref}`,
  ),
  'resolve.agency.unknown': msg<{ name: string; suggestions?: string }>(
    (p) =>
      names(p.suggestions).length > 0
        ? `Danh bạ không có cơ quan "${p.name}"; có phải là ${quotedList(names(p.suggestions), 'vi')}?`
        : `Danh bạ không có cơ quan "${p.name}", cũng không có cơ quan nào có tên gần giống`,
    (p) =>
      names(p.suggestions).length > 0
        ? `unknown agency "${p.name}"; did you mean ${quotedList(names(p.suggestions), 'en')}?`
        : `unknown agency "${p.name}", and no agency in the directory has a similar name`,
  ),
  'resolve.group.empty': msg<{ text: string; group: string }>(
    (p) =>
      `"${p.text}" chỉ một nhóm cơ quan (${group(p.group, 'vi')}) nhưng danh bạ không có cơ quan nào thuộc nhóm này`,
    (p) => `"${p.text}" names a group with no members in the directory (${group(p.group, 'en')})`,
  ),
  'resolve.group.incomplete': msg<{ text: string; group: string; localities: string }>(
    (p) =>
      `"${p.text}" (${group(p.group, 'vi')}): danh bạ chưa có Ủy ban nhân dân của ${quotedList(names(p.localities), 'vi', 'and')}, nên các địa phương này không được giao nhiệm vụ`,
    (p) =>
      `"${p.text}" (${group(p.group, 'en')}): the directory has no People's Committee for ${quotedList(names(p.localities), 'en', 'and')}, so they are left out`,
  ),
  'resolve.duty.duplicate-ref': msg<{ ref: string }>(
    (p) =>
      `Hai nhiệm vụ sẽ cùng được lưu với số thứ tự ${p.ref}; hãy đổi số thứ tự của một trong hai`,
    (p) => `two duties would be stored as STT ${p.ref}; give one of them another STT`,
  ),
  'resolve.time.no-deadline': msg<{ time: string; from: number; to: number }>(
    (p) =>
      `"${p.time}" không cho thời hạn nào trong giai đoạn ${p.from}–${p.to} của kế hoạch kể từ ngày ban hành`,
    (p) =>
      `"${p.time}" gives no deadline within the plan's period ${p.from}–${p.to} after its issue date`,
  ),
  'resolve.time.undated': msg<{ time: string; reason: string; reasonVi?: string }>(
    (p) =>
      `Không đọc được thời hạn "${p.time}" (${p.reasonVi ?? p.reason}); nhiệm vụ được nhập ở trạng thái chưa có thời hạn, cần cập nhật thời hạn sau`,
    (p) =>
      `the time "${p.time}" cannot be read (${p.reason}); the duty is imported without a deadline (chưa có thời hạn) and its time can be set later`,
  ),
  'resolve.time.refused': msg(
    () => 'Không cập nhật được thời hạn',
    () => 'The time cannot be set',
  ),
  'resolve.receiver.unknown': msg<{ phrase: string }>(
    (p) =>
      `Sản phẩm được gửi đến "${p.phrase}" nhưng danh bạ không có cơ quan này; nhiệm vụ không ghi cơ quan nhận sản phẩm`,
    (p) =>
      `the product is sent to "${p.phrase}", which is not an agency of the directory; the duty has no receiver`,
  ),
  'resolve.receiver.not-coordinating': msg<{ name: string }>(
    (p) => `"${p.name}" là cơ quan nhận sản phẩm nên không được tính là cơ quan phối hợp`,
    (p) => `"${p.name}" receives the product, so it is not one of the coordinating agencies`,
  ),
  'resolve.directory.empty-summary': msg(
    () => 'Danh bạ cơ quan trống',
    () => 'The agency directory is empty',
  ),
  'resolve.directory.empty': msg<{ locality: string }>(
    (p) =>
      `Danh bạ không có cơ quan nào thuộc "${p.locality}"; hãy nhập danh bạ (POST /api/directory) trước`,
    (p) =>
      `no agency in the directory belongs to "${p.locality}"; import the directory (POST /api/directory) first`,
  ),
  'resolve.directory.refused': msg(
    () => 'Danh bạ có lỗi',
    () => 'The directory has errors',
  ),
  'resolve.directory.unknown-locality': msg<{ locality: string }>(
    (p) => `Không có địa phương "${p.locality}"`,
    (p) => `no locality "${p.locality}"`,
  ),
  'resolve.directory.duplicate-agency': msg<{ id: string }>(
    (p) => `Mã cơ quan "${p.id}" xuất hiện hai lần`,
    (p) => `agency id "${p.id}" appears twice`,
  ),
};
