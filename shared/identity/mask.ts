/** Masking for lists, receipts and logs: identity numbers are never shown or logged in full. */

function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = Array.from(value);
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(chars.length);
  return chars.slice(0, keepStart).join('') + '*'.repeat(chars.length - keepStart - keepEnd) + chars.slice(chars.length - keepEnd).join('');
}

/** `4101**********123X`: first 4 and last 4 kept. Short values are masked entirely. */
export function maskIdNumber(value: string): string {
  return maskMiddle(value.trim(), 4, 4);
}

/** `138****5678` for a mobile number; other numbers keep their first 3 and last 4 characters too. */
export function maskPhone(value: string): string {
  return maskMiddle(value.trim(), 3, 4);
}

/** `914101********123X`: authority, type and province kept, the 主体标识码 body hidden. */
export function maskCreditCode(value: string): string {
  return maskMiddle(value.trim(), 6, 4);
}

// Common two-character surnames, so 欧阳娜娜 shows as 欧阳** (the clerk still sees the surname).
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
  '夏侯', '轩辕', '令狐', '端木', '独孤', '南宫', '西门', '百里', '呼延', '澹台', '公冶', '太史',
  '申屠', '钟离', '闻人', '万俟', '赫连', '濮阳', '淳于', '单于', '东郭', '拓跋', '司空', '第五',
]);

/**
 * Keeps the surname: 张三 → 张*, 欧阳娜娜 → 欧阳**. A one-character value is masked whole.
 * The middle dot and spaces of minority and foreign names stay so the shape is readable.
 */
export function maskName(value: string): string {
  const chars = Array.from(value.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  const rest = chars.slice(keep).map((ch) => (ch === '·' || ch === ' ' ? ch : '*'));
  return chars.slice(0, keep).join('') + rest.join('');
}

/**
 * For what the public sees (叫号屏, voice, 实名取号 tickets): first and last character kept,
 * 张三丰 → 张*丰, 欧阳娜娜 → 欧*娜, 张三 → 张*; the person recognises their own name, others do not.
 */
export function maskNamePublic(value: string): string {
  const chars = Array.from(value.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + chars.slice(1, -1).map((ch) => (ch === '·' || ch === ' ' ? ch : '*')).join('') + chars[chars.length - 1];
}

// Not preceded/followed by a letter or digit, so longer numbers (order ids, timestamps) are left alone.
const ID_PATTERN = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const FOREIGN_2017_PATTERN = /(?<![0-9A-Za-z])[A-Za-z]{3}\d{12}(?![0-9A-Za-z])/g;
const MOBILE_PATTERN = /(?<![0-9])((?:\+|00)?86[- ]?)?(1[3-9]\d)([- ]?)(\d{4})([- ]?)(\d{4})(?![0-9])/g;

/** Masks identity numbers and mobile numbers found anywhere in free text (for log redaction). */
export function redactPersonalData(text: string): string {
  return text
    .replace(ID_PATTERN, (m) => maskIdNumber(m))
    .replace(FOREIGN_2017_PATTERN, (m) => maskIdNumber(m))
    .replace(
      MOBILE_PATTERN,
      (_m, cc: string | undefined, head: string, s1: string, _mid: string, s2: string, tail: string) =>
        `${cc ?? ''}${head}${s1}****${s2}${tail}`,
    );
}
