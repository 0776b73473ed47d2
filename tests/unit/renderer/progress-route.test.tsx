import { describe, expect, it } from 'vitest';
import { codeFromHash, isProgressHash } from '../../../renderer/features/progress/route';

describe('progress page route (public, outside sign-in)', () => {
  it('recognises #/progress with or without a code', () => {
    expect(isProgressHash('#/progress')).toBe(true);
    expect(isProgressHash('#/progress?code=AB12CD34')).toBe(true);
    expect(isProgressHash('#/status')).toBe(false);
    expect(isProgressHash('')).toBe(false);
  });

  it('reads the code from the hash query, trimmed and upper-cased', () => {
    expect(codeFromHash('#/progress?code=ab12cd34')).toBe('AB12CD34');
    expect(codeFromHash('#/progress?kiosk=1&code=%20Q7K2M9XA%20')).toBe('Q7K2M9XA');
    expect(codeFromHash('#/progress')).toBe('');
    expect(codeFromHash('#/progress?other=1')).toBe('');
  });
});
