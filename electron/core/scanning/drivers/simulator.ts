import sharp from 'sharp';
import { ScanError, type RawPage, type ScanRequest, type ScannerDriver } from './types';

/**
 * The simulator: generated A4 pages at the requested resolution, for training mode, the
 * quick start and tests without SANE. The flatbed gives one page, the feeder three; duplex
 * gives each sheet's back too, blank, so blank-page removal has something to remove.
 */
export const SIMULATOR_FEEDER_SHEETS = 3;

let counter = 0;

function pageSvg(width: number, height: number, n: number, colour: boolean): string {
  const line = (y: number, w: number) => `<rect x="${width * 0.1}" y="${y}" width="${width * w}" height="${height * 0.006}" fill="#222"/>`;
  const lines = Array.from({ length: 18 }, (_, i) => line(height * (0.22 + i * 0.035), 0.5 + ((i * 37 + n * 11) % 30) / 100)).join('');
  const stamp = colour ? `<circle cx="${width * 0.75}" cy="${height * 0.85}" r="${width * 0.08}" fill="none" stroke="#c00" stroke-width="${width * 0.008}"/>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#fbfbf8"/>
    <text x="${width * 0.1}" y="${height * 0.12}" font-family="sans-serif" font-size="${height * 0.03}" fill="#111">SIMULATED PAGE ${n}</text>
    <rect x="${width * 0.1}" y="${height * 0.15}" width="${width * 0.8}" height="${height * 0.004}" fill="#111"/>
    ${lines}${stamp}
  </svg>`;
}

export async function simulatedPage(dpi: number, n: number, options: { colour?: boolean; blank?: boolean } = {}): Promise<Buffer> {
  const width = Math.round((210 / 25.4) * dpi);
  const height = Math.round((297 / 25.4) * dpi);
  const image = options.blank ? sharp({ create: { width, height, channels: 3, background: '#fbfbf8' } }) : sharp(Buffer.from(pageSvg(width, height, n, options.colour === true)));
  return image.jpeg({ quality: 92 }).toBuffer();
}

export function simulatorDriver(): ScannerDriver {
  return {
    name: 'simulator',
    devices: () => Promise.resolve([{ id: 'simulator', label: '模拟扫描仪（A4，平板/送纸器/双面）' }]),
    async *scan(request: ScanRequest): AsyncGenerator<RawPage> {
      const sheets = request.source === 'flatbed' ? 1 : SIMULATOR_FEEDER_SHEETS;
      let delivered = 0;
      const more = () => !request.maxPages || delivered < request.maxPages;
      for (let sheet = 0; sheet < sheets && more(); sheet++) {
        if (request.signal?.aborted) throw new ScanError('cancelled', 'scan cancelled');
        counter++;
        delivered++;
        yield { bytes: await simulatedPage(request.resolution, counter, { colour: request.colorMode === 'color' }), dpi: request.resolution };
        if (request.source === 'duplex' && more()) {
          delivered++;
          yield { bytes: await simulatedPage(request.resolution, counter, { blank: true }), dpi: request.resolution };
        }
      }
    },
  };
}
