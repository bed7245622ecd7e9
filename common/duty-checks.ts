// The duty's update inputs checked without zod, for the workflow. The TypeScript SDK evaluates
// every module a workflow imports once per cached workflow, and zod with the duty's schemas
// cost about 1.4 MB of worker memory per duty (docs/benchmarks.md); these few hand-written
// parsers cost next to nothing. They mirror common/duty-schema.ts exactly, as zod 4 runs it on
// JSON input: the same verdict, the same output (unknown keys dropped, defaults filled in, keys
// in the schema's order) and the same issues with zod's English messages, in zod's order.
// test/unit/workflow-bundle.test.ts compares the two on generated input; a change to an update
// schema in duty-schema.ts needs the same change here.
import type {
  Acknowledge as AcknowledgeInput,
  Cancel as CancelInput,
  Contribute as ContributeInput,
  DecideExtension as DecideExtensionInput,
  ReassignLead as ReassignLeadInput,
  ReplaceCoordinating as ReplaceCoordinatingInput,
  RequestExtension as RequestExtensionInput,
  Review as ReviewInput,
  Submit as SubmitInput,
  UrgeNow as UrgeNowInput,
} from './duty-schema.ts';

export interface CheckIssue {
  path: (string | number)[];
  message: string;
}

export type CheckResult<T> =
  { success: true; data: T } | { success: false; error: { issues: CheckIssue[] } };

/** The part of a zod schema the workflow uses. */
export interface InputCheck<T> {
  parse(raw: unknown): T;
  safeParse(raw: unknown): CheckResult<T>;
}

// --- a zod-shaped core, only as much as the update schemas use ---------------------------------

/** zod's `continue`: true lets later checks run; undefined stops them; false stops even `when` checks. */
interface Issue extends CheckIssue {
  continue?: boolean;
}
interface Payload {
  value: unknown;
  issues: Issue[];
}
interface Schema {
  run(p: Payload): Payload;
  /** zod's optin: absence allowed ('optional') or filled in ('defaulted'). */
  optin?: 'optional' | 'defaulted';
  optout?: 'optional';
}
interface Check {
  /** Length checks run even after a failed type check, on anything with a length. */
  when?: (value: unknown) => boolean;
  check(p: Payload): void;
}

const aborted = (issues: Issue[], from = 0): boolean =>
  issues.slice(from).some((i) => i.continue !== true);
const explicitlyAborted = (issues: Issue[]): boolean => issues.some((i) => i.continue === false);

function parsedType(data: unknown): string {
  if (typeof data === 'number') return Number.isFinite(data) ? 'number' : String(data);
  if (typeof data !== 'object') return typeof data;
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'array';
  const ctor = (data as { constructor?: unknown }).constructor;
  if (Object.getPrototypeOf(data) !== Object.prototype && 'constructor' in data && ctor) {
    return (ctor as { name: string }).name;
  }
  return 'object';
}

const invalidType = (expected: string, input: unknown): Issue => ({
  path: [],
  message: `Invalid input: expected ${expected}, received ${parsedType(input)}`,
});

function runChecks(p: Payload, checks: Check[]): Payload {
  let stop = aborted(p.issues);
  for (const ch of checks) {
    if (ch.when) {
      if (explicitlyAborted(p.issues) || !ch.when(p.value)) continue;
    } else if (stop) continue;
    const before = p.issues.length;
    ch.check(p);
    if (p.issues.length !== before && !stop) stop = aborted(p.issues, before);
  }
  return p;
}

const hasLength = (v: unknown): boolean =>
  v !== null && v !== undefined && (v as { length?: unknown }).length !== undefined;

function codePoints(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

const SIZED: Record<string, string> = { string: 'characters', array: 'items' };
const originOf = (v: unknown): string =>
  Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : 'unknown';

function sizeMessage(kind: 'small' | 'big', origin: string, bound: number): string {
  const [word, adj] = kind === 'small' ? ['Too small', '>='] : ['Too big', '<='];
  const unit = SIZED[origin];
  return unit
    ? `${word}: expected ${origin} to have ${adj}${bound} ${unit}`
    : `${word}: expected ${origin} to be ${adj}${bound}`;
}

function lengthOf(v: unknown): unknown {
  return (v as { length: unknown }).length;
}

const minLength = (min: number): Check => ({
  when: hasLength,
  check(p) {
    const units = lengthOf(p.value) as number;
    const n =
      typeof p.value === 'string' && units >= min && units < min * 2 ? codePoints(p.value) : units;
    if (n >= min) return;
    p.issues.push({
      path: [],
      message: sizeMessage('small', originOf(p.value), min),
      continue: true,
    });
  },
});

const maxLength = (max: number): Check => ({
  when: hasLength,
  check(p) {
    const units = lengthOf(p.value) as number;
    const n = typeof p.value === 'string' && units > max ? codePoints(p.value) : units;
    if (n <= max) return;
    p.issues.push({
      path: [],
      message: sizeMessage('big', originOf(p.value), max),
      continue: true,
    });
  },
});

/** A pattern: `message` as given to zod's `.regex(re, message)`, or zod's own wording. */
const pattern = (re: RegExp, message?: string): Check => ({
  check(p) {
    re.lastIndex = 0;
    if (re.test(p.value as string)) return;
    p.issues.push({
      path: [],
      message: message ?? `Invalid string: must match pattern ${re.toString()}`,
      continue: true,
    });
  },
});

/** A string format (z.email(), z.iso.datetime()): its pattern runs before the other checks. */
const format = (re: RegExp, name: string): Check => ({
  check(p) {
    re.lastIndex = 0;
    if (re.test(p.value as string)) return;
    p.issues.push({ path: [], message: `Invalid ${name}`, continue: true });
  },
});

function string(...checks: Check[]): Schema {
  return {
    run(p) {
      if (typeof p.value !== 'string') p.issues.push(invalidType('string', p.value));
      return runChecks(p, checks);
    },
  };
}

const boundCheck = (kind: 'small' | 'big', bound: number): Check => ({
  check(p) {
    const v = p.value as number;
    if (kind === 'small' ? v >= bound : v <= bound) return;
    p.issues.push({ path: [], message: sizeMessage(kind, 'number', bound), continue: true });
  },
});

/** z.int().min(min).max(max). */
function int(min: number, max: number): Schema {
  const isInt: Check = {
    check(p) {
      const v = p.value as number;
      if (!Number.isInteger(v)) {
        p.issues.push({ ...invalidType('int', v), continue: false });
        return;
      }
      if (!Number.isSafeInteger(v)) {
        p.issues.push({
          path: [],
          message:
            v > 0
              ? `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`
              : `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`,
          continue: true,
        });
      }
    },
  };
  const checks = [isInt, boundCheck('small', min), boundCheck('big', max)];
  return {
    run(p) {
      const v = p.value;
      if (typeof v !== 'number' || !Number.isFinite(v)) p.issues.push(invalidType('number', v));
      return runChecks(p, checks);
    },
  };
}

const number: Schema = {
  run(p) {
    const v = p.value;
    if (typeof v !== 'number' || !Number.isFinite(v)) p.issues.push(invalidType('number', v));
    return p;
  },
};

const boolean: Schema = {
  run(p) {
    if (typeof p.value !== 'boolean') p.issues.push(invalidType('boolean', p.value));
    return p;
  },
};

const quoted = (v: string): string => `"${v}"`;

function oneOf(values: readonly string[]): Schema {
  return {
    run(p) {
      if (values.includes(p.value as string)) return p;
      p.issues.push({
        path: [],
        message:
          values.length === 1
            ? `Invalid input: expected ${quoted(values[0] ?? '')}`
            : `Invalid option: expected one of ${values.map(quoted).join('|')}`,
      });
      return p;
    },
  };
}

const prefix = (key: string | number, issues: Issue[]): Issue[] =>
  issues.map((i) => ({ ...i, path: [key, ...i.path] }));

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function array(element: Schema, max: number): Schema {
  const checks = [maxLength(max)];
  return {
    run(p) {
      const input = p.value;
      // zod measures an over-long array first and leaves its items unread.
      if (Array.isArray(input) && input.length > max) {
        p.issues.push({
          path: [],
          message: sizeMessage('big', 'array', max),
          continue: false,
        });
        return p;
      }
      if (!Array.isArray(input)) {
        p.issues.push(invalidType('array', input));
        return runChecks(p, checks);
      }
      const out: unknown[] = new Array<unknown>(input.length);
      for (let i = 0; i < input.length; i++) {
        const r = element.run({ value: input[i], issues: [] });
        p.issues.push(...prefix(i, r.issues));
        out[i] = r.value;
      }
      p.value = out;
      return runChecks(p, checks);
    },
  };
}

/** z.object(shape): unknown keys dropped, the output's keys in the shape's order. */
function object(shape: Record<string, Schema>): Schema & { shape: Record<string, Schema> } {
  return {
    shape,
    run(p) {
      const input = p.value;
      if (!isObject(input)) {
        p.issues.push(invalidType('object', input));
        return p;
      }
      const out: Record<string, unknown> = {};
      for (const [key, el] of Object.entries(shape)) {
        const r = el.run({ value: input[key], issues: [] });
        const present = key in input;
        if (!present && el.optout === 'optional' && el.optin === 'optional') continue;
        if (r.issues.length) {
          if (el.optin !== undefined && el.optout === 'optional' && !present) continue;
          p.issues.push(...prefix(key, r.issues));
        }
        if (!present && el.optin === undefined) {
          if (!r.issues.length) {
            p.issues.push({
              path: [key],
              message: 'Invalid input: expected nonoptional, received undefined',
            });
          }
          continue;
        }
        if (r.value === undefined) {
          if (present || (el.optin === 'defaulted' && el.optout !== 'optional'))
            out[key] = undefined;
        } else out[key] = r.value;
      }
      p.value = out;
      return p;
    },
  };
}

function extend(
  base: { shape: Record<string, Schema> },
  more: Record<string, Schema>,
): ReturnType<typeof object> {
  return object({ ...base.shape, ...more });
}

function optional(inner: Schema): Schema {
  return {
    optin: inner.optin === 'defaulted' ? 'defaulted' : 'optional',
    optout: 'optional',
    run(p) {
      if (p.value === undefined && inner.optin !== 'defaulted') return p;
      return inner.run(p);
    },
  };
}

/** `.default(…)`: a fresh copy of the default each time, as zod gives. */
function withDefault(inner: Schema, make: () => unknown): Schema {
  return {
    optin: 'defaulted',
    run(p) {
      if (p.value === undefined) {
        p.value = make();
        return p;
      }
      const r = inner.run(p);
      if (r.value === undefined) r.value = make();
      return r;
    },
  };
}

function record(key: Schema, value: Schema): Schema {
  return {
    run(p) {
      const input = p.value;
      if (!isObject(input)) {
        p.issues.push(invalidType('record', input));
        return p;
      }
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(input)) {
        if (k === '__proto__') continue;
        if (key.run({ value: k, issues: [] }).issues.length) {
          p.issues.push({ path: [k], message: 'Invalid key in record' });
          continue;
        }
        const r = value.run({ value: input[k], issues: [] });
        p.issues.push(...prefix(k, r.issues));
        out[k] = r.value;
      }
      p.value = out;
      return p;
    },
  };
}

function discriminated(key: string, options: Record<string, Schema>): Schema {
  const names = Object.keys(options);
  return {
    run(p) {
      const input = p.value;
      if (!isObject(input)) {
        p.issues.push(invalidType('object', input));
        return p;
      }
      const tag = input[key];
      const option = typeof tag === 'string' && names.includes(tag) ? options[tag] : undefined;
      if (option) return option.run(p);
      p.issues.push({
        path: [key],
        message: `Invalid discriminator value. Expected ${names.map((n) => `'${n}'`).join(' | ')}`,
      });
      return p;
    },
  };
}

function checked<T>(schema: Schema): InputCheck<T> {
  const safeParse = (raw: unknown): CheckResult<T> => {
    const r = schema.run({ value: raw, issues: [] });
    if (r.issues.length === 0) return { success: true, data: r.value as T };
    return {
      success: false,
      error: { issues: r.issues.map(({ path, message }) => ({ path, message })) },
    };
  };
  return {
    safeParse,
    parse(raw) {
      const r = safeParse(raw);
      if (r.success) return r.data;
      throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    },
  };
}

// --- the update schemas of common/duty-schema.ts -----------------------------------------------

// zod 4's own patterns for z.email() and z.iso.datetime({ offset: true }); the test checks that
// they are still the ones zod uses.
// Written as a string so that its source stays character for character zod's.
export const EMAIL_PATTERN = new RegExp(
  String.raw`^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$`,
);
export const DATETIME_OFFSET_PATTERN =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;

const id = string(
  minLength(1),
  maxLength(100),
  pattern(/^[\p{L}\p{N}._~-]+$/u, 'use letters, digits, dot, dash, tilde or underscore'),
);
const instant = string(format(DATETIME_OFFSET_PATTERN, 'ISO datetime'));
const text = (min: number, max: number): Schema => string(minLength(min), maxLength(max));
const upTo = (max: number): Schema => string(maxLength(max));

const Contact = object({
  name: text(1, 200),
  email: string(format(EMAIL_PATTERN, 'email address')),
  lang: optional(oneOf(['vi', 'en'])),
});
const Agency = object({
  id,
  name: text(1, 300),
  head: Contact,
  focalPoints: withDefault(array(Contact, 20), () => []),
});
const Actor = object({ name: text(1, 200), agencyId: id });
const Attachment = object({
  id: optional(string(pattern(/^[0-9a-f-]{36}$/))),
  name: text(1, 255),
  contentType: text(1, 100),
  size: int(0, 50 * 1024 * 1024),
});
const Indicators = withDefault(record(text(1, 100), number), () => ({}));

export const Acknowledge = checked<AcknowledgeInput>(
  object({ actor: Actor, comment: optional(upTo(2000)) }),
);
export const Submit = checked<SubmitInput>(
  object({
    actor: Actor,
    text: text(1, 20_000),
    attachments: withDefault(array(Attachment, 20), () => []),
    indicators: Indicators,
    comment: optional(upTo(2000)),
  }),
);
export const Contribute = checked<ContributeInput>(
  object({ actor: Actor, text: text(1, 20_000), indicators: Indicators }),
);
export const RequestExtension = checked<RequestExtensionInput>(
  object({ actor: Actor, newDueAt: instant, reason: text(1, 2000) }),
);
export const DecideExtension = checked<DecideExtensionInput>(
  object({
    actor: Actor,
    grant: boolean,
    comment: optional(upTo(2000)),
    newDueAt: optional(instant),
  }),
);
const reviewBase = object({ actor: Actor });
export const Review = checked<ReviewInput>(
  discriminated('outcome', {
    accept: extend(reviewBase, { outcome: oneOf(['accept']), comment: optional(upTo(2000)) }),
    return: extend(reviewBase, {
      outcome: oneOf(['return']),
      comment: text(1, 2000),
      newDueAt: instant,
    }),
  }),
);
export const UrgeNow = checked<UrgeNowInput>(
  object({ actor: Actor, comment: optional(upTo(2000)) }),
);
export type UrgeNow = UrgeNowInput;
export const Cancel = checked<CancelInput>(object({ actor: Actor, reason: text(1, 2000) }));
export const ReassignLead = checked<ReassignLeadInput>(
  object({ actor: Actor, lead: Agency, reason: text(1, 2000) }),
);
export const ReplaceCoordinating = checked<ReplaceCoordinatingInput>(
  object({ actor: Actor, from: id, to: optional(Agency), reason: text(1, 2000) }),
);
