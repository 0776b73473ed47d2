import { ThermalPrinter, PrinterTypes, CharacterSet } from 'node-thermal-printer';
import { layoutPrintable, printableDocument } from '../shared/print/layout';
import type { CaseDocumentDraft } from '../shared/cases/documents';
import type { PrintLayout } from '../shared/print/model';
import { demoReceipt } from '../electron/core/printing/demo';
import { encodeLayout, type EscposOptions } from '../electron/core/printing/escpos';
import { resolveTemplatesDir, templateLoader } from '../electron/core/printing/templates';
import type { BenchSuite } from './types';

/**
 * Receipt job build time: the 受理回执 laid out (templates, width-aware wrapping) and encoded to
 * ESC/POS (GB18030 via iconv-lite, native QR), per receipt. Baseline: node-thermal-printer
 * building the same lines (its own println / printQR / cut, CHINA set) — the library the issue
 * names, which we do not use for text because it loses 喆. Second case: the same receipt with
 * one line drawn as a raster image (a four-byte character, through sharp) against none.
 */
const BUILDS = 40;
const templates = templateLoader(resolveTemplatesDir());
const AT = '2026-11-22T01:30:00.000Z';
const OPTIONS: EscposOptions = { encoding: 'gb18030', qrMode: 'native', rasterFallback: true };

function layoutOf(doc: CaseDocumentDraft): PrintLayout {
  return layoutPrintable(templates('acceptanceReceipt'), printableDocument(doc, AT), 80);
}

const plain = demoReceipt(AT);
const withRare: CaseDocumentDraft = { ...plain, blocks: plain.blocks.map((b, i) => (i === 1 && b.type === 'fields' ? { ...b, rows: [...b.rows, ['代办人', '李𠮷']] } : b)) };

async function perBuild(build: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < BUILDS; i++) await build();
  return (performance.now() - t) / BUILDS;
}

function thermalPrinterBuild(layout: PrintLayout): Buffer {
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: 'tcp://127.0.0.1:9', characterSet: CharacterSet.CHINA, width: 48 });
  for (const line of layout.lines) {
    if (line.kind === 'text') {
      if (line.align === 'center') printer.alignCenter();
      else printer.alignLeft();
      printer.setTextSize(line.size - 1, line.size - 1);
      printer.bold(line.bold);
      printer.println(line.text);
    } else if (line.kind === 'qr') printer.printQR(line.value, { cellSize: line.moduleSize, correction: 'M' });
    else if (line.kind === 'cut') printer.cut();
  }
  return printer.getBuffer();
}

export const suite: BenchSuite = {
  name: 'printing (受理回执, 80 mm, GB18030)',
  cases: [
    {
      name: `receipt job build, layout → bytes: mean of ${BUILDS} builds`,
      unit: 'ms',
      target: '< 5 ms a receipt',
      setup: async () => {
        const bytes = await encodeLayout(layoutOf(plain), OPTIONS);
        console.log(`    (${layoutOf(plain).lines.length} lines, ${bytes.length} bytes; node-thermal-printer: ${thermalPrinterBuild(layoutOf(plain)).length} bytes)`);
      },
      baseline: { name: 'layoutPrintable + node-thermal-printer build', measure: () => perBuild(() => thermalPrinterBuild(layoutOf(plain))) },
      subject: { name: 'layoutPrintable + encodeLayout', measure: () => perBuild(() => encodeLayout(layoutOf(plain), OPTIONS)) },
    },
    {
      name: `one line as a raster image (𠮷, drawn through sharp): mean of ${BUILDS} builds`,
      unit: 'ms',
      target: '< 50 ms a receipt',
      baseline: { name: 'the same receipt, all text', measure: () => perBuild(() => encodeLayout(layoutOf(plain), OPTIONS)) },
      subject: { name: 'with one raster line', measure: () => perBuild(() => encodeLayout(layoutOf(withRare), OPTIONS)) },
    },
  ],
};
