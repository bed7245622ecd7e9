// What the JSON API says about an Idempotency-Key it cannot honour.
import { msg } from './catalogue.ts';

export const idempotencyMessages = {
  'idempotency.invalid-key': msg(
    () => 'Idempotency-Key phải gồm 1 đến 200 ký tự ASCII in được (không dấu cách), ví dụ một UUID',
    () => 'Idempotency-Key must be 1 to 200 printable ASCII characters (no spaces), e.g. a UUID',
  ),
  'idempotency.reused': msg(
    () => 'Idempotency-Key này đã được dùng cho một yêu cầu khác; mỗi yêu cầu mới cần một khóa mới',
    () => 'This Idempotency-Key was used for a different request; a new request needs a new key',
  ),
  'idempotency.in-progress': msg(
    () => 'Yêu cầu với Idempotency-Key này đang được xử lý; vui lòng thử lại sau giây lát',
    () => 'A request with this Idempotency-Key is still being answered; try again shortly',
  ),
};
