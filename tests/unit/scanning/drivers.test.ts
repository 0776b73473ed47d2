import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifySaneError, parseDeviceList, parseDeviceOptions, saneDriver, scanArguments } from '../../../electron/core/scanning/drivers/sane';
import { classifyNaps2Error, naps2Arguments } from '../../../electron/core/scanning/drivers/naps2';
import { ScanError, SCAN_ERROR_TEXT } from '../../../electron/core/scanning/drivers/types';
import { tempDir } from '../../fixtures/temp';

/** Option lists as two real backends print them (`scanimage -d DEV --help`). */
const FUJITSU = `
  Scan Mode:
    --source ADF Front|ADF Back|ADF Duplex [ADF Front]
    --mode Lineart|Halftone|Gray|Color [Lineart]
    --resolution 50..600dpi (in steps of 1) [600]
  Geometry:
    -l 0..215.872mm (in steps of 0.0211639) [0]
    -x 0..215.872mm (in steps of 0.0211639) [215.872]
    -y 0..355.6mm (in steps of 0.0211639) [279.364]
`;
const FLATBED_ONLY = `
    --mode Lineart|Gray|Color [Color]
    -x 0..216mm [216]
    -y 0..297mm [297]
`;

describe('SANE driver', () => {
  it('parses scanimage -L', () => {
    expect(parseDeviceList("device `test:0' is a Noname frontend-tester virtual device\ndevice `fujitsu:fi-7160:1234' is a FUJITSU fi-7160 scanner\n\nNo scanners were identified.")).toEqual([
      { id: 'test:0', label: 'Noname frontend-tester virtual device' },
      { id: 'fujitsu:fi-7160:1234', label: 'FUJITSU fi-7160 scanner' },
    ]);
  });

  it('maps flatbed / feeder / duplex and grey / colour onto each backend’s own words, A4 within its area', () => {
    const fujitsu = parseDeviceOptions(FUJITSU);
    expect(scanArguments('fujitsu:x', fujitsu, { resolution: 300, colorMode: 'gray', source: 'duplex', maxPages: 4 }, '/t/p%d.tif')).toEqual([
      '-d', 'fujitsu:x', '--format=tiff', '--resolution', '300', '--mode', 'Gray', '--source', 'ADF Duplex', '-x', '210', '-y', '297', '--batch=/t/p%d.tif', '--batch-count=4',
    ]);
    expect(scanArguments('fujitsu:x', fujitsu, { resolution: 200, colorMode: 'color', source: 'adf' }, 'p%d.tif')).toContain('ADF Front');
    const flatbed = parseDeviceOptions(FLATBED_ONLY);
    expect(scanArguments('hp:x', flatbed, { resolution: 300, colorMode: 'color', source: 'flatbed' }, 'p%d.tif')).toEqual(['-d', 'hp:x', '--format=tiff', '--resolution', '300', '--mode', 'Color', '-x', '210', '-y', '297', '--batch=p%d.tif', '--batch-count=1']);
    expect(() => scanArguments('hp:x', flatbed, { resolution: 300, colorMode: 'gray', source: 'adf' }, 'p%d.tif')).toThrow(ScanError);
  });

  it('sorts scanimage’s failures into Chinese messages a clerk can act on', () => {
    expect(classifySaneError('scanimage: open of device nosuch failed: Invalid argument')).toBe('not-found');
    expect(classifySaneError('scanimage: sane_start: Document feeder out of documents')).toBe('no-paper');
    expect(classifySaneError('scanimage: sane_read: Document feeder jammed')).toBe('jammed');
    expect(classifySaneError('scanimage: sane_start: Scanner cover is open')).toBe('cover-open');
    expect(classifySaneError('scanimage: open of device x failed: Device busy')).toBe('not-found');
    expect(classifySaneError('scanimage: sane_start: Device busy')).toBe('busy');
    expect(classifySaneError('scanimage: sane_read: Error during device I/O')).toBe('io');
    expect(classifySaneError('scanimage: sane_start: Access to resource has been denied')).toBe('denied');
    expect(new ScanError('jammed', 'x').userText).toBe(SCAN_ERROR_TEXT.jammed);
    expect(SCAN_ERROR_TEXT['not-found']).toMatch(/^找不到扫描仪/);
  });
});

describe('NAPS2 driver (Windows WIA / TWAIN)', () => {
  it('builds NAPS2.Console arguments: no profile, driver, device, source, dpi, bit depth, one file per page', () => {
    expect(naps2Arguments({ driver: 'twain', device: 'KODAK i1150' }, { resolution: 300, colorMode: 'gray', source: 'duplex' }, 'C:\\t\\p$(nnnn).jpg')).toEqual([
      '--noprofile', '--driver', 'twain', '--device', 'KODAK i1150', '--source', 'duplex', '--dpi', '300', '--bitdepth', 'gray', '--pagesize', 'a4', '-o', 'C:\\t\\p$(nnnn).jpg', '--split', '--force',
    ]);
    const wia = naps2Arguments({ driver: 'wia', device: '' }, { resolution: 200, colorMode: 'color', source: 'flatbed' }, 'p.jpg');
    expect(wia).not.toContain('--device');
    expect(wia.slice(wia.indexOf('--source'), wia.indexOf('--source') + 2)).toEqual(['--source', 'glass']);
    expect(wia).toContain('color');
    expect(classifyNaps2Error('No scanning device was found')).toBe('not-found');
    expect(classifyNaps2Error('Paper jam')).toBe('jammed');
  });
});

describe('SANE driver process handling', () => {
  it('a scanner that falls silent mid-batch ends as an I/O error after the pages that did arrive', async () => {
    const dir = tempDir();
    // A stand-in for scanimage: answers --help, writes page 1 of a batch, then hangs.
    const fake = path.join(dir, 'scanimage');
    fs.writeFileSync(
      fake,
      `#!/bin/sh
case "$*" in *--help*) echo "    --source Flatbed|ADF [Flatbed]"; exit 0;; esac
for a in "$@"; do case "$a" in --batch=*) pattern="\${a#--batch=}";; esac; done
file=$(printf "$pattern" 1)
printf 'page' > "$file"
echo "Scanning page 1" >&2; echo "Scanned page 1. (scanner status = 5)" >&2; echo "Scanning page 2" >&2
exec sleep 30
`,
      { mode: 0o755 },
    );
    const driver = saneDriver({ device: 'fake:0', tempRoot: dir, command: fake, stallMs: 300 });
    const pages: number[] = [];
    const error = await (async () => {
      for await (const page of driver.scan({ resolution: 150, colorMode: 'gray', source: 'adf' })) pages.push(page.bytes.length);
    })().catch((e: unknown) => e);
    expect(pages).toHaveLength(1);
    expect(error).toBeInstanceOf(ScanError);
    expect((error as ScanError).kind).toBe('io');
    expect((error as ScanError).userText).toBe('与扫描仪通信出错，请检查连接线后重新扫描');
  });
});
