import { describe, expect, it } from 'vitest';
import { emptyWedge, feedWedge, wedgeTargetAllowed, type WedgeState } from '../../../renderer/features/readers/wedge';

/** Feeds keys with the given gaps (ms); returns every code detected. */
function run(keys: string[], gaps: number | number[]): string[] {
  let state: WedgeState = emptyWedge;
  let t = 1000;
  const codes: string[] = [];
  keys.forEach((key, i) => {
    t += Array.isArray(gaps) ? (gaps[i] ?? 0) : gaps;
    const step = feedWedge(state, { key, time: t });
    state = step.state;
    if (step.code !== undefined) codes.push(step.code);
  });
  return codes;
}

const scan = (code: string) => [...code, 'Enter'];

describe('医保电子凭证 keyboard-wedge detection', () => {
  it('a fast burst of 12+ characters ending in Enter is a scan', () => {
    expect(run(scan('SIMQR-0123456789ABCDEF'), 8)).toEqual(['SIMQR-0123456789ABCDEF']);
  });

  it('typing at human speed is not', () => {
    expect(run(scan('SIMQR-0123456789ABCDEF'), 120)).toEqual([]);
  });

  it('a burst shorter than 12 characters is not', () => {
    expect(run(scan('ABCDEFGHIJK'), 5)).toEqual([]);
    expect(run(scan('ABCDEFGHIJKL'), 5)).toEqual(['ABCDEFGHIJKL']);
  });

  it('a pause inside the burst restarts it: only the fast tail counts', () => {
    const keys = scan('abcSIMQR-0123456789');
    const gaps = keys.map((_, i) => (i === 3 ? 400 : 6));
    expect(run(keys, gaps)).toEqual(['SIMQR-0123456789']);
    const short = scan('SIMQR-012345');
    expect(run(short, short.map((_, i) => (i === 6 ? 200 : 6)))).toEqual([]);
  });

  it('an Enter long after the last character does not complete a scan', () => {
    const keys = scan('SIMQR-0123456789');
    expect(run(keys, keys.map((_, i) => (i === keys.length - 1 ? 500 : 5)))).toEqual([]);
  });

  it('modifier keys are ignored, other non-character keys break the burst', () => {
    expect(run(['Shift', ...'SIMQR-', 'Shift', ...'0123456789', 'Enter'], 4)).toEqual(['SIMQR-0123456789']);
    expect(run([...'SIMQR-012', 'ArrowDown', ...'3456789', 'Enter'], 4)).toEqual([]);
    let state = emptyWedge;
    for (const [i, key] of [...'SIMQR-0123456789'].entries()) state = feedWedge(state, { key, time: i * 5 }).state;
    expect(feedWedge(state, { key: 'Enter', time: 80, modified: true }).code).toBeUndefined();
  });

  it('two scans in a row give two codes', () => {
    expect(run([...scan('SIMQR-AAAAAAAAAA'), ...scan('SIMQR-BBBBBBBBBB')], 5)).toEqual(['SIMQR-AAAAAAAAAA', 'SIMQR-BBBBBBBBBB']);
  });

  it('scans are taken outside text fields, or in a field marked for 电子凭证', () => {
    expect(wedgeTargetAllowed(null)).toBe(true);
    expect(wedgeTargetAllowed({ tagName: 'BODY' })).toBe(true);
    expect(wedgeTargetAllowed({ tagName: 'TR' })).toBe(true);
    expect(wedgeTargetAllowed({ tagName: 'BUTTON' })).toBe(true);
    expect(wedgeTargetAllowed({ tagName: 'INPUT', type: 'checkbox' })).toBe(true);
    expect(wedgeTargetAllowed({ tagName: 'INPUT', type: 'text' })).toBe(false);
    expect(wedgeTargetAllowed({ tagName: 'INPUT' })).toBe(false);
    expect(wedgeTargetAllowed({ tagName: 'TEXTAREA' })).toBe(false);
    expect(wedgeTargetAllowed({ tagName: 'DIV', isContentEditable: true })).toBe(false);
    expect(wedgeTargetAllowed({ tagName: 'INPUT', type: 'text', dataset: { evoucher: '' } })).toBe(true);
  });
});
