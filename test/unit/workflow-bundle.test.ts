// What every cached workflow pays for: the SDK evaluates the workflow bundle's modules once per
// workflow, so a heavy module in it costs worker memory per open duty (docs/benchmarks.md).
// This builds the bundle as the worker does and fails if zod, the API's schemas, the whole
// message catalogue or other heavy modules creep back in; it prints the bundle's size. The
// duty's update inputs are checked there by common/duty-checks.ts instead of zod, so the
// second half holds those checks to zod's own verdicts, outputs and messages.
import fc from 'fast-check';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import * as checks from '../../common/duty-checks.ts';
import * as schemas from '../../common/duty-schema.ts';
import { loadConfig } from '../../config/env.ts';
import { workerOptionsFromConfig } from '../../worker/build.ts';
import { cachedWorkflowsFor } from '../../worker/memory.ts';
import { bundleWorkflows } from '../../worker/create.ts';

/** Modules a workflow never needs at run time, and what brings each in when it comes back. */
const EXCLUDED: [RegExp, string][] = [
  [/^\.\/node_modules\/zod\//, 'zod (the API validates; workflows use common/duty-checks.ts)'],
  [/^\.\/common\/(duty|cycle|plan|simulation)-schema\.ts$/, "the API's zod schemas"],
  [/^\.\/i18n\/index\.ts$/, 'the whole message catalogue'],
  [/^\.\/node_modules\/@dqcai\//, 'the lunar calendar (domain/holidays.ts)'],
  [/^\.\/(activities|db|api|plans|exports|use-cases|services)\//, 'activity or server code'],
];
/** The bundle's code without its inline source map; 1.13 MB when zod was in it. */
const CODE_BUDGET = 800_000;

let modules: { name: string; size: number }[] = [];
let codeSize = 0;

beforeAll(async () => {
  const { code } = await bundleWorkflows();
  const end = code.indexOf('//# sourceMappingURL=');
  const body = end >= 0 ? code.slice(0, end) : code;
  codeSize = body.length;
  // webpack's development output: each module as `/***/ "./path"` followed by its code.
  const parts = body.split(/\n\/\*\*\*\/ "([^"]+)"\n/);
  modules = [];
  for (let i = 1; i < parts.length; i += 2) {
    modules.push({ name: parts[i] ?? '', size: (parts[i + 1] ?? '').length });
  }
}, 120_000);

describe('the workflow bundle', () => {
  it('holds the workflows and what they import, read from the bundle', () => {
    const names = modules.map((m) => m.name);
    expect(names).toContain('./workflows/duty.ts');
    expect(names).toContain('./common/duty-checks.ts');
    expect(names.some((n) => n.startsWith('./node_modules/@temporalio/workflow/'))).toBe(true);
  });

  it.each(EXCLUDED)('leaves out %s (%s)', (pattern) => {
    expect(modules.map((m) => m.name).filter((n) => pattern.test(n))).toEqual([]);
  });

  it(`stays under ${CODE_BUDGET / 1000} kB of code, and says how big it is`, () => {
    const largest = [...modules]
      .sort((a, b) => b.size - a.size)
      .slice(0, 5)
      .map((m) => `${m.name} ${(m.size / 1000).toFixed(1)} kB`);
    console.log(
      `workflow bundle: ${(codeSize / 1000).toFixed(0)} kB of code in ${modules.length} modules ` +
        `(source map aside); largest: ${largest.join(', ')}`,
    );
    expect(codeSize).toBeLessThan(CODE_BUDGET);
  });
});

// --- common/duty-checks.ts against the zod schemas it stands in for ----------------------------

const PAIRS: [string, z.ZodType, checks.InputCheck<unknown>][] = [
  ['Acknowledge', schemas.Acknowledge, checks.Acknowledge],
  ['Submit', schemas.Submit, checks.Submit],
  ['Contribute', schemas.Contribute, checks.Contribute],
  ['RequestExtension', schemas.RequestExtension, checks.RequestExtension],
  ['DecideExtension', schemas.DecideExtension, checks.DecideExtension],
  ['Review', schemas.Review, checks.Review],
  ['UrgeNow', schemas.UrgeNow, checks.UrgeNow],
  ['Cancel', schemas.Cancel, checks.Cancel],
  ['ReassignLead', schemas.ReassignLead, checks.ReassignLead],
  ['ReplaceCoordinating', schemas.ReplaceCoordinating, checks.ReplaceCoordinating],
];

const contact = { name: 'Nguyễn Văn An', email: 'an@ubnd.vn', lang: 'vi' };
const agency = { id: 'so-ldtbxh', name: 'Sở LĐTBXH', head: contact, focalPoints: [contact] };
const actor = { name: 'Trần Thị Bình', agencyId: 'ubnd-xa-1' };
const attachment = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  name: 'bao-cao.pdf',
  contentType: 'application/pdf',
  size: 1024,
};
const at = '2026-06-20T00:00:00+07:00';
/** A valid input of each schema, every field filled: the fuzzer mutates these. */
const VALID: Record<string, unknown[]> = {
  Acknowledge: [{ actor, comment: 'Đã nhận' }],
  Submit: [
    { actor, text: 'Báo cáo', attachments: [attachment], indicators: { hộ: 12 }, comment: 'x' },
  ],
  Contribute: [{ actor, text: 'Ý kiến', indicators: { 'tỷ lệ': 0.5 } }],
  RequestExtension: [{ actor, newDueAt: at, reason: 'Chờ số liệu' }],
  DecideExtension: [{ actor, grant: true, comment: 'Đồng ý', newDueAt: at }],
  Review: [
    { actor, outcome: 'accept', comment: 'Tốt' },
    { actor, outcome: 'return', comment: 'Bổ sung', newDueAt: at },
  ],
  UrgeNow: [{ actor, comment: 'Khẩn' }],
  Cancel: [{ actor, reason: 'Trùng' }],
  ReassignLead: [{ actor, lead: agency, reason: 'Sáp nhập' }],
  ReplaceCoordinating: [{ actor, from: 'xa-cu', to: agency, reason: 'Sáp nhập' }],
};

const STRINGS = [
  '',
  'a',
  'a b',
  'x.y_z~1-2',
  'Sở Lao động',
  'a'.repeat(100),
  'a'.repeat(101),
  '😀'.repeat(100),
  '😀'.repeat(101),
  'x'.repeat(201),
  'x'.repeat(2001),
  '2026-06-20T00:00:00Z',
  '2026-06-20T08:30:00.123+07:00',
  '2026-02-30T00:00:00Z',
  '2026-06-20',
  'an@ubnd.vn',
  'an@',
  '.an@ubnd.vn',
  'accept',
  'return',
  'vi',
  'en',
  'fr',
  '0f8fad5b-d9cb-469f-a165-70867728950E',
];
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 60, 1e300, 60 * 1024 * 1024),
  fc.constantFrom(...STRINGS),
  fc.string({ maxLength: 8 }),
  fc.constantFrom([], {}, { length: 0 }, { length: 500 }, [1, 'a']),
);

const DELETE = Symbol('delete');
/** A value like `v`: kept, changed in part, replaced by junk, or (in an object) left out. */
function like(v: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return fc.constant(v);
  if (Array.isArray(v)) {
    const item = v.length ? like(v[0], depth + 1) : junk;
    return fc.oneof(
      { arbitrary: fc.array(item, { maxLength: 3 }), weight: 4 },
      { arbitrary: fc.array(fc.constant(v[0]), { minLength: 19, maxLength: 22 }), weight: 1 },
      { arbitrary: junk, weight: 1 },
    );
  }
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v).map(
      ([k, x]) =>
        [
          k,
          fc.oneof(
            { arbitrary: like(x, depth + 1), weight: 6 },
            { arbitrary: junk, weight: 1 },
            { arbitrary: fc.constant(DELETE), weight: 1 },
          ),
        ] as const,
    );
    const extra = fc.option(fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor'), junk));
    return fc.oneof(
      {
        arbitrary: fc
          .tuple(fc.tuple(...entries.map(([, a]) => a)), extra, fc.boolean())
          .map(([values, more, shuffled]) => {
            const out: Record<string, unknown> = {};
            const keys = entries.map(([k]) => k);
            const order = shuffled ? [...keys].reverse() : keys;
            for (const k of order) {
              const x = values[keys.indexOf(k)];
              if (x !== DELETE) out[k] = x;
            }
            if (more) Object.defineProperty(out, more[0], { value: more[1], enumerable: true });
            return out;
          }),
        weight: 8,
      },
      { arbitrary: junk, weight: 1 },
    );
  }
  if (typeof v === 'string') return fc.oneof(fc.constant(v), fc.constantFrom(...STRINGS));
  return fc.oneof(fc.constant(v), junk);
}

/** As a workflow receives it: through JSON, so no undefined inside and own `__proto__` keys. */
const asJson = (v: unknown): unknown => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

function outcome(r: z.ZodSafeParseResult<unknown> | checks.CheckResult<unknown>) {
  return r.success
    ? { ok: JSON.stringify(r.data) }
    : { issues: r.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`) };
}

describe("the workflow's input checks (common/duty-checks.ts)", () => {
  it('use the very patterns zod uses for e-mail addresses and date-times', () => {
    const pattern = (s: z.ZodType) =>
      String((s as unknown as { _zod: { def: { pattern: RegExp } } })._zod.def.pattern);
    expect(String(checks.EMAIL_PATTERN)).toBe(pattern(z.email()));
    expect(String(checks.DATETIME_OFFSET_PATTERN)).toBe(pattern(z.iso.datetime({ offset: true })));
  });

  it.each(PAIRS)('%s: accept the valid examples with the same output as zod', (name, zod, own) => {
    for (const v of VALID[name] ?? []) {
      const mine = outcome(own.safeParse(asJson(v)));
      expect(mine).toEqual(outcome(zod.safeParse(asJson(v))));
      expect(mine).toHaveProperty('ok');
      expect(own.parse(asJson(v))).toEqual(zod.parse(asJson(v)));
    }
  });

  it.each(PAIRS)(
    '%s: agree with zod on generated input: verdict, output and every message',
    (name, zod, own) => {
      const examples = VALID[name] ?? [];
      let refused = 0;
      fc.assert(
        fc.property(
          fc.oneof(...examples.map((v) => like(v)), fc.constant(undefined)).map(asJson),
          (input) => {
            const expected = outcome(zod.safeParse(input));
            if ('issues' in expected) refused += 1;
            expect(outcome(own.safeParse(input))).toEqual(expected);
          },
        ),
        { numRuns: 400 },
      );
      // The generator must reach the refusals, not only valid input.
      expect(refused).toBeGreaterThan(100);
    },
  );

  it('refuse in parse() what safeParse() refuses, naming the field', () => {
    expect(() => checks.Cancel.parse({ actor, reason: '' })).toThrow(/reason: Too small/);
  });
});

describe("the worker's sticky cache, sized from memory (worker/memory.ts)", () => {
  it("grows with V8's heap limit, within 100 and 10,000", () => {
    expect(cachedWorkflowsFor(4288)).toBe(134); // Node 24's default heap on this machine
    expect(cachedWorkflowsFor(256)).toBe(100);
    expect(cachedWorkflowsFor(16_384)).toBe(512);
    expect(cachedWorkflowsFor(1_000_000)).toBe(10_000);
  });

  it('is what WORKER_MAX_CACHED_WORKFLOWS says when set, and refuses 1', () => {
    const env = { SMTP_HOST: 'mail.example', WORKER_MAX_CACHED_WORKFLOWS: '500' };
    expect(workerOptionsFromConfig(loadConfig(env)).maxCachedWorkflows).toBe(500);
    expect(workerOptionsFromConfig(loadConfig({ SMTP_HOST: 'mail.example' }))).toMatchObject({
      maxCachedWorkflows: undefined,
    });
    expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '1' })).toThrow(
      /WORKER_MAX_CACHED_WORKFLOWS: must be 0 \(no cache\) or at least 2/,
    );
  });
});
