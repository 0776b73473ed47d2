import PDFDocument from 'pdfkit';
import { rotatedJpeg } from '../scanning/image';

/**
 * One PDF per material for the upstream: its pages in order, each turned as the clerk turned
 * it, each PDF page as large as the paper that was scanned (pixels ÷ dpi), so an A4 sheet is
 * an A4 page. Camera frames (no dpi) are fitted to A4 width. The file is deterministic — the
 * same pages give the same bytes — so it is stored once and keeps its hash across rebuilds.
 */
export interface PdfPage {
  bytes: Buffer;
  mime: string;
  width: number;
  height: number;
  dpi: number;
  rotation: number;
}

export interface PdfMeta {
  title: string;
  author: string;
  /** The newest page's time: fixes the creation date inside the file. */
  createdAt: Date;
}

const A4_WIDTH = 595.28;

export async function assembleMaterialPdf(pages: readonly PdfPage[], meta: PdfMeta): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { Title: meta.title, Author: meta.author, Creator: '医保经办窗口', Producer: '医保经办窗口', CreationDate: meta.createdAt, ModDate: meta.createdAt }, compress: true });
  const out = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const page of pages) {
    const image = await rotatedJpeg(page.bytes, page.mime, page.rotation);
    const turned = page.rotation % 180 !== 0;
    const px = { w: turned ? page.height : page.width, h: turned ? page.width : page.height };
    const pointsPerPixel = page.dpi > 0 ? 72 / page.dpi : A4_WIDTH / px.w;
    const size: [number, number] = [px.w * pointsPerPixel, px.h * pointsPerPixel];
    doc.addPage({ size, margin: 0 });
    doc.image(image, 0, 0, { width: size[0], height: size[1] });
  }
  doc.end();
  return out;
}
