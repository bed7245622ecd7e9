// Query strings as forms and scripts send them: `role=&dueFrom=` is what a form with empty
// filters submits, and it means "no filter", so an empty value is absent rather than an
// invalid one. Repeated keys keep every value, as Express's simple parser does.
import { parse } from 'node:querystring';

export function parseQueryDroppingEmpty(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(parse(text))) {
    const values = (Array.isArray(value) ? value : [value ?? '']).filter((v) => v !== '');
    if (values.length === 1) out[key] = values[0]!;
    else if (values.length > 1) out[key] = values;
  }
  return out;
}
