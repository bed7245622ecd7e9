// The pages' text handling: everything interpolated is escaped unless it is markup built by the
// same tag; dates and numbers typed the Vietnamese way; refusals read in Vietnamese.
import { describe, expect, it } from 'vitest';
import { parseLocalDate, parseNumber } from '../../api/web/forms.ts';
import { html } from '../../api/web/html.ts';
import { reasonIn } from '../../api/web/i18n.ts';

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
  it('are told in Vietnamese with their particulars, in English as the workflow said them', () => {
    const reason =
      'only the lead agency (Phòng Nông nghiệp và Phát triển nông thôn) may do this; a-luoi.phong-gddt is not it';
    expect(reasonIn('vi', reason)).toBe(
      'Chỉ cơ quan chủ trì (Phòng Nông nghiệp và Phát triển nông thôn) được thực hiện việc này',
    );
    expect(reasonIn('en', reason)).toBe(reason);
    expect(
      reasonIn(
        'vi',
        'this duty was urged at 09:00 22/11/2026; the next urge is possible from 09:00 23/11/2026',
      ),
    ).toBe('Nhiệm vụ đã được đôn đốc lúc 09:00 22/11/2026; có thể đôn đốc lại từ 09:00 23/11/2026');
    expect(reasonIn('vi', 'something new')).toBe('something new');
  });
});
