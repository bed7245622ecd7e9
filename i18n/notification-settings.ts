// Refusals of the notification settings (use-cases/notification-settings.ts): an agency's
// delivery and calendar feed belong to its own people, a person's reminders to that person.
import { msg } from './catalogue.ts';

export const notificationSettingsMessages = {
  'notification-settings.not-your-agency': msg(
    () => 'Anh/chị không thuộc cơ quan này nên không thay đổi được cài đặt thông báo của cơ quan',
    () => 'Not your agency',
  ),
  'notification-settings.not-your-address': msg(
    () => 'Anh/chị chỉ thay đổi được cài đặt nhắc việc của chính mình',
    () => 'You may change only your own reminders',
  ),
} as const;
