import fs from 'node:fs';
import type { Command } from 'commander';
import type { IdentityRecord } from '../../../shared/contract/readers';
import { maskIdNumber, maskName } from '../../../shared/identity';
import { AppError } from '../../core/errors';
import { bytesFromHex, FrameError } from '../../core/devices/idcard/frame';
import { FAKE_CARDS } from '../../core/devices/idcard/fake-cards';
import { decodeReadFrame } from '../../core/devices/idcard/record';
import { serveSimulatorOnPort, SimulatedSamReader } from '../../core/devices/idcard/simulator';
import { CliFailure, print, withCore } from '../context';

function describe(r: IdentityRecord, reveal: boolean): string {
  const lines = [
    `${r.name}${r.foreignName ? ` (${r.foreignName})` : ''}  ${r.sex}${r.nation ? `  ${r.nation}族` : ''}  出生 ${r.birthDate}`,
    `证件号码 ${reveal ? r.idNumber : maskIdNumber(r.idNumber)}  (${r.cardType})`,
  ];
  if (r.address) lines.push(`住址 ${r.address}`);
  lines.push(`签发 ${r.authority || r.authorityCode || ''}  有效期 ${r.validFrom} 至 ${r.validTo}${r.expired ? '  【已过期】' : ''}`);
  if (r.passNumber) lines.push(`通行证号码 ${r.passNumber}  签发次数 ${r.issueCount ?? ''}`);
  if (r.nationality) lines.push(`国籍 ${r.nationality}`);
  lines.push(`照片 ${r.photo ? (r.photo.decoded ? r.photo.format : `未解码（WLT ${Buffer.from(r.photo.base64, 'base64').length} 字节）`) : '无'}`);
  for (const w of r.warnings) lines.push(`注意 ${w}`);
  return lines.join('\n');
}

export function registerIdcardCommands(program: Command): void {
  const idcard = program.command('idcard').description('ID-card reader (SAM serial protocol, vendor services, simulator)');

  idcard
    .command('decode')
    .description('decode a saved response frame of the read command (30 01) into the normalised record')
    .argument('<file>', 'the frame: binary, or hex text with --hex ("-" reads stdin)')
    .option('--hex', 'the file holds hex text')
    .option('--json', 'print JSON')
    .action((file: string, opts: { hex?: boolean; json?: boolean }) => {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file === '-' ? 0 : file);
      } catch (error) {
        throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`);
      }
      try {
        const frame = opts.hex ? bytesFromHex(bytes.toString('latin1')) : bytes;
        const record = decodeReadFrame(frame);
        print(opts.json === true, record, describe(record, true));
      } catch (error) {
        if (error instanceof FrameError) throw new CliFailure(`frame rejected (${error.problem}): ${error.message}`);
        throw error;
      }
    });

  idcard
    .command('read')
    .description('read the card on the configured ID reader (settings devices.idReader); the ID number is masked unless --json or --reveal')
    .option('--wait <ms>', 'wait this long for a card to be placed', '5000')
    .option('--sim-card <id>', `simulator only: place this fake card first (${FAKE_CARDS.map((c) => c.id).join(', ')})`)
    .option('--reveal', 'show the full ID number')
    .option('--json', 'print JSON (full record)')
    .action(async (opts: { wait: string; simCard?: string; reveal?: boolean; json?: boolean }) => {
      const wait = Number(opts.wait);
      if (!Number.isInteger(wait) || wait < 0 || wait > 60_000) throw new CliFailure(`--wait must be 0–60000 ms, got "${opts.wait}"`);
      await withCore(async (core) => {
        const readers = core.services.readers;
        try {
          if (opts.simCard) readers.placeSimulatedCard(opts.simCard);
          const record = await readers.readIdCard(wait);
          await core.services.audit.record({ id: null, name: 'cli', transport: 'cli' }, 'person.read_card', maskIdNumber(record.idNumber), {
            source: record.source, cardType: record.cardType, name: maskName(record.name), how: 'cli',
          });
          print(opts.json === true, record, describe(record, opts.reveal === true));
        } catch (error) {
          if (error instanceof AppError) throw new CliFailure(`${error.userText ?? error.message} (${error.message})`);
          throw error;
        }
      });
    });

  idcard
    .command('status')
    .description('the state of each reader (ID card, 社保卡, 电子凭证)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCore(async (core) => {
        const readers = core.services.readers;
        readers.statuses();
        await new Promise((r) => setTimeout(r, 800)); // let the driver open the port and ask the SAM
        const list = readers.statuses();
        print(opts.json === true, list, list.map((s) => `${s.device.padEnd(9)} ${s.driver.padEnd(24)} ${s.message}${s.detail ? `  (${s.detail})` : ''}`).join('\n'));
      });
    });

  idcard
    .command('cards')
    .description('the fake cards of the simulators')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const cards = FAKE_CARDS.map(({ id, label, cardType }) => ({ id, label, cardType }));
      print(opts.json === true, cards, cards.map((c) => `${c.id.padEnd(17)} ${c.label}`).join('\n'));
    });

  idcard
    .command('simulate')
    .description('act as a SAM reader on a serial device (e.g. one end of a socat pty pair) until stopped')
    .requiredOption('--port <path>', 'serial device the simulator answers on')
    .option('--baud <n>', 'baud rate', '115200')
    .option('--card <id>', 'card placed at start')
    .option('--cycle <ms>', 'take the card off and put it back every <ms> (a clerk placing cards)')
    .action(async (opts: { port: string; baud: string; card?: string; cycle?: string }) => {
      const sim = new SimulatedSamReader();
      if (opts.card) sim.place(opts.card);
      const served = await serveSimulatorOnPort(sim, opts.port, Number(opts.baud));
      process.stderr.write(`simulated reader on ${opts.port}${opts.card ? ` with card ${opts.card}` : ''}; Ctrl+C stops\n`);
      const timer = opts.cycle && opts.card ? setInterval(() => sim.place(opts.card!), Number(opts.cycle)) : null;
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      if (timer) clearInterval(timer);
      await served.close();
    });
}
