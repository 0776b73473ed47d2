import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
const REPORT_EVERY_MS = 60_000;

/**
 * Locks the screen after `minutes` without keyboard or mouse, and tells core about activity
 * at most once a minute (core enforces the same limit on its side).
 */
export function useIdleLock(minutes: number, onIdle: () => void, reportActivity: () => void): void {
  const idle = useRef(onIdle);
  const report = useRef(reportActivity);
  useEffect(() => {
    idle.current = onIdle;
    report.current = reportActivity;
  });

  useEffect(() => {
    let last = Date.now();
    let reported = last;
    const onActivity = () => {
      last = Date.now();
      if (last - reported > REPORT_EVERY_MS) {
        reported = last;
        report.current();
      }
    };
    ACTIVITY_EVENTS.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - last > minutes * 60_000) idle.current();
    }, 5_000);
    return () => {
      ACTIVITY_EVENTS.forEach((e) => window.removeEventListener(e, onActivity));
      window.clearInterval(timer);
    };
  }, [minutes]);
}
