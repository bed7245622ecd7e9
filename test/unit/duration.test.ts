import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../domain/duration.ts';

describe('ISO-8601 durations', () => {
  it.each([
    ['P7D', 7 * 86_400_000],
    ['PT30S', 30_000],
    ['PT1.5S', 1_500],
    ['P1W2DT3H4M', (9 * 24 + 3) * 3_600_000 + 4 * 60_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['P', 'PT', '7D', 'P1M', 'P1Y', 'P-1D', ''])(
    'refuses %j with a message naming it',
    (text) => {
      expect(() => parseDuration(text)).toThrow(`"${text}" is not an ISO-8601 duration`);
    },
  );
});
