import { existsSync, readFileSync } from 'node:fs';
import type PDFDocument from 'pdfkit';
import { AppError } from '../errors';
import { systemMessages } from '../../../shared/messages/zh-CN';

/**
 * The CJK font for PDFs. pdfkit embeds a subset of the glyphs used, straight from .ttc/.ttf/.otf
 * files. A font collection (.ttc) needs the PostScript name of the face inside it.
 *
 * Search order: MEDINS_CJK_FONT (a path, optionally `#PostScriptName` for a .ttc), then the
 * fonts Debian and Windows install. Without one, rendering fails with a clear error instead of
 * printing boxes.
 */
export interface FontCandidate {
  path: string;
  /** PostScript name of the face inside a collection; undefined for a single-face file. */
  family?: string;
}

export const DEFAULT_CJK_FONTS: readonly FontCandidate[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: 'C:\\Windows\\Fonts\\msyh.ttc', family: 'MicrosoftYaHei' },
  { path: 'C:\\Windows\\Fonts\\simsun.ttc', family: 'SimSun' },
];

/** Faces tried in a .ttc named by MEDINS_CJK_FONT without `#name`. */
const KNOWN_COLLECTION_FACES = DEFAULT_CJK_FONTS.flatMap((f) => (f.family ? [f.family] : []));

/** Parses MEDINS_CJK_FONT: `path` or `path#PostScriptName` (Windows paths keep their colon). */
export function parseFontSetting(value: string): FontCandidate {
  const hash = value.lastIndexOf('#');
  if (hash > 0) return { path: value.slice(0, hash), family: value.slice(hash + 1) };
  return { path: value };
}

export function fontCandidates(env: NodeJS.ProcessEnv = process.env): FontCandidate[] {
  const configured = env.MEDINS_CJK_FONT?.trim();
  return [...(configured ? [parseFontSetting(configured)] : []), ...DEFAULT_CJK_FONTS];
}

/** A font loaded into a document, usable by name afterwards. */
export interface LoadedFont {
  name: string;
  path: string;
  family?: string;
}

export const CJK_FONT_NAME = 'cjk';

const SAMPLE = '受理回执一次性告知书办结通知';

function hasCjkGlyphs(doc: PDFKit.PDFDocument): boolean {
  // pdfkit keeps the fontkit font of the current face on `_font.font`; when that internal shape
  // is not there (another pdfkit version), trust the file.
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font?.font;
  if (typeof font?.hasGlyphForCodePoint !== 'function') return true;
  return Array.from(SAMPLE).every((ch) => font.hasGlyphForCodePoint?.(ch.codePointAt(0) ?? 0));
}

// A CJK collection is 10–20 MB: read each file once per process, not once per document.
const fontFiles = new Map<string, Buffer>();
function fontFile(path: string): Buffer {
  let data = fontFiles.get(path);
  if (!data) {
    data = readFileSync(path);
    fontFiles.set(path, data);
  }
  return data;
}

function tryRegister(doc: PDFKit.PDFDocument, candidate: FontCandidate): LoadedFont | null {
  const faces = candidate.family ? [candidate.family] : candidate.path.toLowerCase().endsWith('.ttc') ? KNOWN_COLLECTION_FACES : [undefined];
  for (const family of faces) {
    try {
      doc.registerFont(CJK_FONT_NAME, fontFile(candidate.path), family as string);
      doc.font(CJK_FONT_NAME);
      if (hasCjkGlyphs(doc)) return { name: CJK_FONT_NAME, path: candidate.path, ...(family ? { family } : {}) };
    } catch {
      // not this face: try the next
    }
  }
  return null;
}

/**
 * Registers the first usable CJK font of `candidates` in `doc` and selects it. Throws an
 * AppError (Chinese for the user, English detail for the log) when none works.
 */
export function useCjkFont(doc: InstanceType<typeof PDFDocument>, candidates: readonly FontCandidate[] = fontCandidates()): LoadedFont {
  const tried: string[] = [];
  for (const candidate of candidates) {
    const label = candidate.family ? `${candidate.path}#${candidate.family}` : candidate.path;
    if (!existsSync(candidate.path)) {
      tried.push(`${label} (missing)`);
      continue;
    }
    const loaded = tryRegister(doc, candidate);
    if (loaded) return loaded;
    tried.push(`${label} (not a usable CJK font)`);
  }
  throw new AppError(
    'INTERNAL',
    `No CJK font found for PDF rendering; install fonts-noto-cjk or fonts-wqy-microhei, or set MEDINS_CJK_FONT=<path>[#PostScriptName]. Tried: ${tried.join('; ')}`,
    systemMessages.cjkFontMissing,
  );
}
