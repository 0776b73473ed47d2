/**
 * Width-aware text for receipt printers. A Chinese (GB) printer prints every character it
 * receives as two bytes (GBK / GB18030 in Chinese mode) as a full-width glyph (24 dots, two
 * columns) and every ASCII byte as a half-width one (12 dots, one column). So the width of a
 * character on paper is decided by its encoding, not by Unicode's East-Asian-width table:
 * `·`, `—` and `①` are two columns on these printers.
 */

/** Paper widths the hall uses, in millimetres. */
export type PaperWidth = 58 | 80;

/** Font A columns per line: 384 dots / 12 at 58 mm, 576 / 12 at 80 mm. */
export const COLUMNS: Record<PaperWidth, number> = { 58: 32, 80: 48 };
/** Printable dots per line (203 dpi heads). */
export const DOTS: Record<PaperWidth, number> = { 58: 384, 80: 576 };
/** One column of font A, in dots. */
export const COLUMN_DOTS = 12;
/** The height of a line of font A (24-dot glyphs plus the printer's default spacing). */
export const LINE_DOTS = 30;

/** 1 for ASCII, 2 for everything a GB printer prints full-width. Control characters are 0. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return 0;
  return cp < 0x80 ? 1 : 2;
}

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/**
 * Text as the printer should get it: `¥` (U+00A5, a four-byte GB18030 sequence most printer
 * fonts lack, printed as garbage) becomes the full-width `￥` (A3 A4); tabs become a space;
 * other control characters are dropped (they would be read as commands).
 */
export function normalizeForPrint(text: string): string {
  let out = '';
  for (const ch of text.replace(/\u00a5/g, '\uffe5').replace(/\r\n?|\n|\t/g, ' ')) {
    if (charWidth(ch) > 0) out += ch;
  }
  return out;
}

/** Characters that must not start a line (Chinese line-breaking rules, 避头点). */
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』】〕’”…%,.;:?!)]}'));

/** A run that should not be broken: a word of ASCII letters and digits, or a single other character. */
function tokens(text: string): string[] {
  return text.match(/[\x21-\x7e]+|[\s\S]/gu) ?? [];
}

/**
 * Breaks `text` into lines of at most `cols` columns. ASCII words (numbers, codes, URLs) stay
 * whole when they fit on a line; Chinese breaks between any two characters, but a closing mark
 * (，。）…) never starts a line: it takes the previous character down with it.
 * `indent` columns of spaces start every line after the first (hanging indent).
 */
export function wrapText(text: string, cols: number, indent = 0): string[] {
  const clean = normalizeForPrint(text);
  if (cols <= 0) return [clean];
  const hang = indent >= cols ? 0 : indent;
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const push = () => {
    lines.push(line.trimEnd());
    line = ' '.repeat(hang);
    width = hang;
  };
  for (const tok of tokens(clean)) {
    const w = textWidth(tok);
    if (width + w <= cols) {
      line += tok;
      width += w;
      continue;
    }
    if (tok === ' ') {
      push();
      continue;
    }
    if (w > cols - hang) {
      // A word longer than a line: fill this line, then carry on character by character.
      for (const ch of tok) {
        if (width + 1 > cols) push();
        line += ch;
        width += 1;
      }
      continue;
    }
    if (NO_LINE_START.has(tok) && line.trim().length > 1) {
      const chars = Array.from(line);
      const last = chars.pop()!;
      line = chars.join('');
      push();
      line += last + tok;
      width += textWidth(last) + w;
      continue;
    }
    push();
    line += tok;
    width += w;
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Pads (or cuts) to exactly `cols` columns. */
export function padToWidth(text: string, cols: number): string {
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > cols) break;
    out += ch;
    w += cw;
  }
  return out + ' '.repeat(cols - w);
}
