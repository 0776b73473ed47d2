/**
 * The board's built-in voice: a call said by playing short Mandarin clips one after another,
 * for boards whose system has no Chinese voice (Web Speech finds none). The clips are data in
 * renderer/public/voice/<id>.wav, made offline by scripts/voice-clips.mjs (eSpeak NG); the
 * build copies them next to index.html.
 *
 * 请 A012 号 到 3 号窗口办理 → 请 · A · 零 · 一 · 二 · 号 · 到 · 三 · 号窗口办理: the ticket's letter
 * as an English letter name and its digits one by one (as the text is spaced to be read), the
 * counter as a Chinese number (十二, 一百零五).
 */
export const CLIP_IDS = ['qing', 'hao', 'dao', 'chuangkou', 'shi', 'bai', ...'0123456789'.split(''), ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')] as const;
export type ClipId = (typeof CLIP_IDS)[number];

const isClip = (id: string): id is ClipId => (CLIP_IDS as readonly string[]).includes(id);

/** 3 → 三, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 110 → 一百一十 (1–999). */
export function counterClips(n: number): ClipId[] {
  if (!Number.isInteger(n) || n < 1 || n > 999) return [];
  const digit = (d: number) => String(d) as ClipId;
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  const out: ClipId[] = [];
  if (hundreds) out.push(digit(hundreds), 'bai');
  if (tens) {
    // 十二, but 一百一十二: the 一 before 十 is said only after a hundred.
    if (tens > 1 || hundreds) out.push(digit(tens));
    out.push('shi');
  } else if (hundreds && ones) out.push('0');
  if (ones) out.push(digit(ones));
  return out;
}

/** The clips of one call, or null when the ticket has a character there is no clip for. */
export function callClips(label: string, counter: number): ClipId[] | null {
  const ticket = label.toUpperCase().split('');
  const number = counterClips(counter);
  if (ticket.length === 0 || !ticket.every(isClip) || number.length === 0) return null;
  return ['qing', ...ticket, 'hao', 'dao', ...number, 'chuangkou'];
}

/** The announcement text as shared/queue/policy.ts `announcementText` writes it. */
const CALL_TEXT = /^请 (\S+) 号 到 (\d+) 号窗口办理$/;

/** The clips for an announcement's text, or null when it is not a call the clips can say. */
export function clipsForText(text: string): ClipId[] | null {
  const m = CALL_TEXT.exec(text.trim());
  return m ? callClips(m[1]!, Number(m[2])) : null;
}

export const clipUrl = (id: ClipId) => `./voice/${id}.wav`;
