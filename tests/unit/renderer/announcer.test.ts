import { describe, expect, it } from 'vitest';
import { Announcer, type AnnouncerCall, type AnnouncerState } from '../../../renderer/features/board/announcer';

const NOW = '2026-03-02T09:00:00.000Z';
const DAY = '2026-03-02';
const call = (seq: number, label: string, counter = 3, at = NOW): AnnouncerCall => ({ seq, text: `请 ${label} 号 到 ${counter} 号窗口办理`, at });

/** A speak stub: records start/end of every utterance; each finishes when the test says so. */
function stubVoice() {
  const log: string[] = [];
  const open: Array<() => void> = [];
  const speak = (text: string) =>
    new Promise<void>((resolve) => {
      log.push(`start ${text}`);
      open.push(() => {
        log.push(`end ${text}`);
        resolve();
      });
    });
  const finishOne = async () => {
    open.shift()?.();
    await flush();
  };
  return { log, speak, finishOne, speaking: () => open.length };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const noSleep = () => Promise.resolve();

describe('board announcer', () => {
  it('does not read out calls made before the board opened', async () => {
    const v = stubVoice();
    const a = new Announcer({ speak: v.speak, sleep: noSleep });
    a.offer([call(1, 'A001'), call(2, 'A002')], NOW, DAY);
    await flush();
    expect(v.log).toEqual([]);
    a.offer([call(1, 'A001'), call(2, 'A002'), call(3, 'B001', 5)], NOW, DAY);
    await flush();
    expect(v.log).toEqual(['start 请 B001 号 到 5 号窗口办理']);
  });

  it('speaks one at a time, in seq order, never overlapping', async () => {
    const v = stubVoice();
    const a = new Announcer({ speak: v.speak, sleep: noSleep });
    a.offer([], NOW, DAY);
    // Out of order in the list, as a snapshot may have them newest first.
    a.offer([call(3, 'A003'), call(1, 'A001'), call(2, 'B001')], NOW, DAY);
    await flush();
    expect(v.speaking()).toBe(1);
    await v.finishOne();
    expect(v.speaking()).toBe(1);
    await v.finishOne();
    await v.finishOne();
    expect(v.log).toEqual([
      'start 请 A001 号 到 3 号窗口办理',
      'end 请 A001 号 到 3 号窗口办理',
      'start 请 B001 号 到 3 号窗口办理',
      'end 请 B001 号 到 3 号窗口办理',
      'start 请 A003 号 到 3 号窗口办理',
      'end 请 A003 号 到 3 号窗口办理',
    ]);
  });

  it('queues calls that arrive while speaking, and a recall (new seq) is spoken again', async () => {
    const v = stubVoice();
    const a = new Announcer({ speak: v.speak, sleep: noSleep });
    a.offer([], NOW, DAY);
    a.offer([call(1, 'A001')], NOW, DAY);
    await flush();
    a.offer([call(2, 'A001'), call(1, 'A001')], NOW, DAY);
    await flush();
    expect(v.speaking()).toBe(1);
    expect(a.state().pending.map((p) => p.seq)).toEqual([2]);
    await v.finishOne();
    await v.finishOne();
    expect(v.log.filter((l) => l.startsWith('start'))).toEqual(['start 请 A001 号 到 3 号窗口办理', 'start 请 A001 号 到 3 号窗口办理']);
  });

  it('does not repeat calls when a reconnect sends the same snapshot again', async () => {
    const v = stubVoice();
    const a = new Announcer({ speak: v.speak, sleep: noSleep });
    a.offer([], NOW, DAY);
    a.offer([call(1, 'A001')], NOW, DAY);
    await flush();
    await v.finishOne();
    a.offer([call(1, 'A001')], NOW, DAY);
    a.offer([call(1, 'A001')], NOW, DAY);
    await flush();
    expect(v.log).toEqual(['start 请 A001 号 到 3 号窗口办理', 'end 请 A001 号 到 3 号窗口办理']);
  });

  it('skips stale calls (a board back after a long outage) but remembers them', async () => {
    const v = stubVoice();
    const a = new Announcer({ speak: v.speak, sleep: noSleep, maxAgeMs: 60_000 });
    a.offer([], NOW, DAY);
    const later = '2026-03-02T09:10:00.000Z';
    a.offer([call(1, 'A001', 3, NOW), call(2, 'A002', 3, '2026-03-02T09:09:30.000Z')], later, DAY);
    await flush();
    expect(v.log).toEqual(['start 请 A002 号 到 3 号窗口办理']);
  });

  it('a new hall day counts afresh (seq restarts)', async () => {
    const v = stubVoice();
    const a = new Announcer({ speak: v.speak, sleep: noSleep });
    a.offer([call(40, 'A040')], NOW, DAY);
    const tomorrow = '2026-03-03T01:00:00.000Z';
    a.offer([call(1, 'A001', 2, tomorrow)], tomorrow, '2026-03-03');
    await flush();
    expect(v.log).toEqual(['start 请 A001 号 到 2 号窗口办理']);
  });

  it('a failing voice does not stall the queue; state reports current and pending', async () => {
    const states: AnnouncerState[] = [];
    let n = 0;
    const a = new Announcer({
      speak: () => (++n === 1 ? Promise.reject(new Error('not-allowed')) : Promise.resolve()),
      sleep: noSleep,
      onChange: (s) => states.push(s),
    });
    a.offer([], NOW, DAY);
    a.offer([call(1, 'A001'), call(2, 'A002')], NOW, DAY);
    for (let i = 0; i < 5; i++) await flush();
    expect(n).toBe(2);
    expect(states.map((s) => s.current?.seq ?? null)).toEqual([null, 1, 2, null]);
    expect(a.state()).toEqual({ current: null, pending: [] });
  });

  it('stop() ends the queue', async () => {
    const v = stubVoice();
    const a = new Announcer({ speak: v.speak, sleep: noSleep });
    a.offer([], NOW, DAY);
    a.offer([call(1, 'A001'), call(2, 'A002')], NOW, DAY);
    await flush();
    a.stop();
    await v.finishOne();
    a.offer([call(3, 'A003')], NOW, DAY);
    await flush();
    expect(v.log).toEqual(['start 请 A001 号 到 3 号窗口办理', 'end 请 A001 号 到 3 号窗口办理']);
  });
});
