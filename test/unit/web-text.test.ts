// The pages' text handling: everything interpolated is escaped unless it is markup built by the
// same tag; dates and numbers typed the Vietnamese way; refusals worded by code in the reader's
// language.
import { describe, expect, it } from 'vitest';
import { parseLocalDate, parseNumber } from '../../api/web/forms.ts';
import { html } from '../../api/web/html.ts';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { toHttpError } from '../../api/errors.ts';
import type { DutyState } from '../../common/duty-state.ts';
import { checkAcknowledge } from '../../domain/duty-rules.ts';
import { cycleRuleMessages, dutyRuleMessages } from '../../i18n/duty-rules.ts';

describe('html', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const name = `<script>alert("x")</script> & 'Phòng' \``;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Phòng&#39; &#96;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Phòng&#39; &#96;</p>',
    );
  });

  it('keeps markup built by the tag, lists of it, and leaves out nothing-values', () => {
    const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    // prettier-ignore
    const list = html`<ul>${items}</ul>${null}${undefined}${false}${0}`;
    expect(list.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
  });
});

describe('form values', () => {
  it('reads dd/mm/yyyy as the start of that day in Vietnam, and refuses impossible dates', () => {
    expect(parseLocalDate('20/6/2026')).toBe('2026-06-19T17:00:00.000Z');
    expect(parseLocalDate(' 01/01/2027 ')).toBe('2026-12-31T17:00:00.000Z');
    expect(parseLocalDate('31/06/2026')).toBeUndefined();
    expect(parseLocalDate('29/02/2027')).toBeUndefined();
    expect(parseLocalDate('2026-06-20')).toBeUndefined();
    expect(parseLocalDate(undefined)).toBeUndefined();
  });

  it('reads numbers written the Vietnamese way and the English way', () => {
    expect(parseNumber('1.250.000.000')).toBe(1_250_000_000);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('0,2')).toBe(0.2);
    expect(parseNumber('4')).toBe(4);
    expect(parseNumber('-3,5')).toBe(-3.5);
    expect(parseNumber('1.500')).toBe(1500);
    expect(parseNumber('bốn')).toBeUndefined();
    expect(parseNumber('1.2.3,4,5')).toBeUndefined();
  });
});

describe('refusals', () => {
  /** What the client sees when a duty's update validator refuses (workflows/duty.ts refuse). */
  const refusedUpdate = (code: string, params: object, message: string) =>
    new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ message, type: code, details: [params], nonRetryable: true }),
    );

  it("carry a stable code and are worded from the catalogue in the reader's language", () => {
    const lead = 'Phòng Nông nghiệp và Phát triển nông thôn';
    const refusal = checkAcknowledge(
      { lead: { id: 'a-luoi.phong-nnptnt', name: lead } } as DutyState,
      { actor: { name: 'Cán bộ', agencyId: 'a-luoi.phong-gddt' } },
    );
    expect(refusal?.code).toBe('duty-rules.only-lead');
    const err = refusedUpdate(refusal!.code, refusal!.params, refusal!.message);
    const vi = toHttpError(err, 'vi');
    const en = toHttpError(err, 'en');
    expect([vi.status, vi.code]).toEqual([409, 'refused']);
    expect([en.status, en.code]).toEqual([409, 'refused']);
    expect(vi.message).toBe(`Chỉ cơ quan chủ trì (${lead}) được thực hiện việc này`);
    // The English is the workflow's own sentence, as scripts have always read it.
    expect(en.message).toBe(
      `only the lead agency (${lead}) may do this; a-luoi.phong-gddt is not it`,
    );
  });

  it('a second urge the same day is "too soon" (429), with its times in both languages', () => {
    const params = { at: '09:00 22/11/2026', next: '09:00 23/11/2026' };
    const err = refusedUpdate('duty-rules.urged-recently', params, 'urged');
    const vi = toHttpError(err, 'vi');
    expect([vi.status, vi.code]).toEqual([429, 'rate_limited']);
    expect(vi.message).toBe(
      'Nhiệm vụ đã được đôn đốc lúc 09:00 22/11/2026; có thể đôn đốc lại từ 09:00 23/11/2026',
    );
    expect(toHttpError(err, 'en').message).toBe(
      'this duty was urged at 09:00 22/11/2026; the next urge is possible from 09:00 23/11/2026',
    );
  });

  it('a failure whose type is not a catalogue code keeps its own words; nothing reads them', () => {
    const err = refusedUpdate('SomethingElse', {}, 'something new');
    expect(toHttpError(err, 'vi').message).toBe('something new');
    expect(toHttpError(err, 'vi').code).toBe('refused');
  });

  it('every Vietnamese rule message is Vietnamese, and none repeats its English', () => {
    for (const [code, m] of Object.entries({ ...dutyRuleMessages, ...cycleRuleMessages })) {
      const params = new Proxy({}, { get: () => 'X' }) as never;
      const vi = (m.vi as (p: never) => string)(params);
      const en = (m.en as (p: never) => string)(params);
      expect(vi, code).not.toBe(en);
      expect(vi, code).toMatch(
        /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i,
      );
    }
  });
});
