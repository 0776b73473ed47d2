/**
 * The board's voice queue, free of the browser: it is fed the recent calls of every snapshot
 * and speaks each call it has not seen yet — one at a time, in seq order, never two over each
 * other (domain.md §1: overlapping calls cut each other off). A recall has its own seq, so it
 * is spoken again. `speak` is injected: Web Speech on the board, a stub in tests.
 */
export interface Announcement {
  seq: number;
  text: string;
}

export interface AnnouncerCall extends Announcement {
  /** ISO time of the call. */
  at: string;
}

export interface AnnouncerState {
  /** What is being said (or shown, where there is no voice) now. */
  current: Announcement | null;
  /** Waiting to be said, in order. */
  pending: Announcement[];
}

export interface AnnouncerOptions {
  /** Says the text; resolves when done. A rejection counts as done (the queue goes on). */
  speak: (text: string) => Promise<void>;
  onChange?: (state: AnnouncerState) => void;
  /** Calls older than this (against the snapshot's `now`) are not announced: a board coming back after a long outage does not read out the past. */
  maxAgeMs?: number;
  /** Silence between two announcements. */
  gapMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Announcer {
  private lastSeq: number | null = null;
  private day: string | null = null;
  private queue: Announcement[] = [];
  private current: Announcement | null = null;
  private running = false;
  private stopped = false;
  private readonly maxAgeMs: number;
  private readonly gapMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: AnnouncerOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 120_000;
    this.gapMs = options.gapMs ?? 600;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /**
   * Feed the calls of a snapshot (any order). The first snapshot only sets the starting point:
   * calls made before the board opened are not read out; neither are calls seen before (a
   * reconnect sends the same list again). A new hall day starts counting afresh.
   */
  offer(calls: readonly AnnouncerCall[], now: string, day: string): void {
    if (this.stopped) return;
    const maxSeq = calls.reduce((m, c) => Math.max(m, c.seq), 0);
    if (this.lastSeq === null || this.day === null) {
      this.lastSeq = maxSeq;
      this.day = day;
      return;
    }
    if (day !== this.day) {
      this.day = day;
      this.lastSeq = 0;
    }
    const nowMs = Date.parse(now);
    const fresh = calls
      .filter((c) => c.seq > this.lastSeq!)
      .sort((a, b) => a.seq - b.seq)
      .filter((c) => Number.isNaN(nowMs) || nowMs - Date.parse(c.at) <= this.maxAgeMs);
    this.lastSeq = Math.max(this.lastSeq, maxSeq);
    if (fresh.length === 0) return;
    this.queue.push(...fresh.map(({ seq, text }) => ({ seq, text })));
    this.emit();
    void this.run();
  }

  state(): AnnouncerState {
    return { current: this.current, pending: [...this.queue] };
  }

  /** Stop speaking anything further (the page goes away). */
  stop(): void {
    this.stopped = true;
    this.queue = [];
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.stopped && this.queue.length > 0) {
        this.current = this.queue.shift()!;
        this.emit();
        try {
          await this.options.speak(this.current.text);
        } catch {
          // A failed utterance must not stall the hall's calls.
        }
        if (this.queue.length > 0 && this.gapMs > 0) await this.sleep(this.gapMs);
      }
    } finally {
      this.current = null;
      this.running = false;
      this.emit();
    }
  }

  private emit(): void {
    this.options.onChange?.(this.state());
  }
}
