import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAcceptanceReceipt, buildCompletionNotice, buildOneTimeNotice, type CaseDocumentDraft } from '../../../shared/cases/documents';
import { pdfFileName, renderDocumentPdf, type PdfLayout } from '../../../electron/core/documents/pdf';
import { DEFAULT_CJK_FONTS, fontCandidates, parseFontSetting, useCjkFont } from '../../../electron/core/documents/fonts';
import { AppError } from '../../../electron/core/errors';
import { applicantId, fixtureCaseDetail, fixtureItem, fixtureOptions } from '../../fixtures/case-detail';

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const poppler = hasTool('pdftotext');
const fontInstalled = DEFAULT_CJK_FONTS.some((f) => existsSync(f.path));
const dir = mkdtempSync(join(tmpdir(), 'medins-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const documents: Record<string, CaseDocumentDraft> = {
  receipt: buildAcceptanceReceipt(fixtureCaseDetail(), fixtureOptions),
  notice: buildOneTimeNotice(fixtureCaseDetail({ status: 'correction_requested', acceptedOn: null, dueDate: null, reason: '材料不齐全' }), fixtureItem, fixtureOptions),
  completion: buildCompletionNotice(fixtureCaseDetail({ status: 'completed', result: '备案成功', message: '张建国，您申请的异地安置退休人员备案已办结。' }), fixtureOptions),
};

function pdfText(pdf: Buffer, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  // No line wrapping artefacts in assertions: drop the line breaks pdftotext keeps.
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

function pageSize(pdf: Buffer): { width: number; height: number; pages: number } {
  const text = pdf.toString('latin1');
  const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(text);
  const count = /\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(text);
  return { width: Number(box?.[1]), height: Number(box?.[2]), pages: Number(count?.[1]) };
}

describe.skipIf(!fontInstalled)('case documents as PDF', { timeout: 30_000 }, () => {
  const layouts: PdfLayout[] = ['a4', 'receipt80', 'receipt58'];
  const cases = Object.keys(documents).flatMap((kind) => layouts.map((layout) => [kind, layout] as const));

  it.each(cases)('%s in layout %s is a valid PDF with the CJK font embedded', async (kind, layout) => {
    const pdf = await renderDocumentPdf(documents[kind]!, { layout });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    const { width, height, pages } = pageSize(pdf);
    expect(pages).toBe(1);
    const expectedWidth = { a4: 595.28, receipt80: 226.77, receipt58: 164.41 }[layout];
    expect(width).toBeCloseTo(expectedWidth, 1);
    if (layout === 'a4') expect(height).toBeCloseTo(841.89, 1);
    else expect(height).toBeGreaterThan(width);
    // A subset (XXXXXX+Name) of a CJK face, never a standard font that would print boxes.
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+(NotoSansCJK|WenQuanYi|MicrosoftYaHei|SimSun)/);
    expect(pdf.toString('latin1')).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it.skipIf(!poppler)('the text reads back: item name, 一次性告知, masked ID, never the full number', async () => {
    const receipt = pdfText(await renderDocumentPdf(documents.receipt!, { layout: 'a4' }), 'receipt.pdf');
    expect(receipt).toContain('受理回执');
    expect(receipt).toContain('异地安置退休人员备案');
    expect(receipt).toContain('承诺办结日期2026年2月27日');
    expect(receipt).toContain('Q7K2M9XA');
    expect(receipt).toContain(`4101**********${applicantId.slice(-4)}`);
    expect(receipt).not.toContain(applicantId);
    expect(receipt).toContain('出具时间2026-02-1309:35'); // stored in UTC, printed in hall time
    expect(receipt).toContain('经办人（签字）');

    const notice = pdfText(await renderDocumentPdf(documents.notice!, { layout: 'receipt58' }), 'notice.pdf');
    expect(notice).toContain('一次性告知书');
    expect(notice).toContain('一次性告知：需补正的材料');
    expect(notice).toContain('参保人员异地就医备案登记表');
    expect(notice).toContain('中华人民共和国社会保险法第二十九条');
    expect(notice).toContain('申请人（签收）：');

    const completion = pdfText(await renderDocumentPdf(documents.completion!, { layout: 'receipt80' }), 'completion.pdf');
    expect(completion).toContain('办结通知');
    expect(completion).toContain('备案成功');
  });

  it.skipIf(!hasTool('pdftoppm'))('page 1 renders to an image', async () => {
    const file = join(dir, 'receipt-render.pdf');
    writeFileSync(file, await renderDocumentPdf(documents.receipt!, { layout: 'a4' }));
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'receipt-render')]);
    expect(readFileSync(join(dir, 'receipt-render.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('flows a long notice onto more pages on A4, numbering them', async () => {
    const many = fixtureCaseDetail({
      status: 'correction_requested',
      materials: Array.from({ length: 60 }, (_, i) => ({ seq: String(i + 1), name: `第${i + 1}项证明材料`, notes: [], promiseAllowed: false, dataSharing: false, status: 'missing' as const, note: null })),
    });
    const pdf = await renderDocumentPdf(buildOneTimeNotice(many, fixtureItem, fixtureOptions), { layout: 'a4' });
    expect(pageSize(pdf).pages).toBeGreaterThan(1);
    if (poppler) {
      const text = pdfText(pdf, 'long.pdf');
      expect(text).toContain('第60项证明材料');
      expect(text).toContain('第1页/共');
    }
  });
});

describe('CJK font search', () => {
  it('reads MEDINS_CJK_FONT first, with an optional #PostScript name', () => {
    expect(parseFontSetting('C:\\Fonts\\msyh.ttc#MicrosoftYaHei')).toEqual({ path: 'C:\\Fonts\\msyh.ttc', family: 'MicrosoftYaHei' });
    expect(parseFontSetting('/opt/fonts/a.ttf')).toEqual({ path: '/opt/fonts/a.ttf' });
    expect(fontCandidates({ MEDINS_CJK_FONT: '/opt/fonts/a.ttf' })[0]).toEqual({ path: '/opt/fonts/a.ttf' });
    expect(fontCandidates({}).map((f) => f.path)).toContain('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
  });

  it('fails with an English detail and a Chinese message when no CJK font exists', async () => {
    const missing = [{ path: join(dir, 'no-such-font.ttc') }];
    const err = await renderDocumentPdf(documents.receipt!, { fonts: missing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/No CJK font found.*no-such-font\.ttc \(missing\)/);
    expect((err as AppError).userText).toContain('未找到可用的中文字体');
  });

  it('refuses a file that is not a CJK font instead of printing boxes', () => {
    const bogus = join(dir, 'bogus.ttf');
    writeFileSync(bogus, 'not a font');
    expect(() => useCjkFont(new PDFDocument(), [{ path: bogus }])).toThrow(/bogus\.ttf \(not a usable CJK font\)/);
  });

  it.skipIf(!fontInstalled)('finds a face inside a .ttc named without #PostScript name', () => {
    const ttc = DEFAULT_CJK_FONTS.find((f) => existsSync(f.path) && f.path.endsWith('.ttc'))!;
    const loaded = useCjkFont(new PDFDocument(), [{ path: ttc.path }]);
    expect(loaded.family).toBe(ttc.family);
  });

  it('names files after the document, case and layout', () => {
    expect(pdfFileName(documents.receipt!, 'receipt80')).toBe('受理回执-410102202611200010001-receipt80.pdf');
  });
});
