import type { IdentityRecord } from '../../../../shared/contract/readers';
import { AppError } from '../../errors';
import { StatusHolder, type IdCardDriver } from '../driver';
import { expectStatus, FrameError, hexOf } from './frame';
import type { ByteLink, LinkOpener } from './link';
import { decodePhoto } from './photo';
import { toIdentityRecord, splitReadData } from './record';
import { ReaderGoneError, ReaderTimeoutError, SamClient } from './sam-client';
import { decodeTextBlock } from './text-block';
import { deviceMessages } from '../../../../shared/messages/zh-CN';

export interface SamDriverOptions {
  name?: string;
  open: LinkOpener;
  /** find-card interval while the reader is connected */
  pollMs?: number;
  /** retry interval while no reader answers */
  reconnectMs?: number;
  timeoutMs?: number;
  photoDecoder?: string;
  now?: () => number;
  /** how long a card read by polling is handed to `read()` */
  freshMs?: number;
  onError?: (error: unknown) => void;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The SAM serial protocol driver. While started it keeps the reader open (reconnecting after an
 * unplug), asks "find card" every pollMs and reads only when a new card is found: a card that
 * has been read is found again only after it left the field.
 */
export class SamDriver extends StatusHolder implements IdCardDriver {
  readonly name: string;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private link: ByteLink | null = null;
  private client: SamClient | null = null;
  private last: { record: IdentityRecord; at: number } | null = null;
  /** settles after the first attempt to open the reader, so an early read() reports the real state */
  private firstConnect: Promise<void> = Promise.resolve();
  private markConnected: () => void = () => {};
  private readonly opts: Required<Omit<SamDriverOptions, 'photoDecoder' | 'onError' | 'name'>> & SamDriverOptions;

  constructor(options: SamDriverOptions) {
    super('idcard', options.name ?? 'serial', 'absent');
    this.name = options.name ?? 'serial';
    this.opts = { pollMs: 300, reconnectMs: 2000, timeoutMs: 1500, now: Date.now, freshMs: 5000, ...options };
  }

  start(): void {
    if (this.abort) return;
    this.abort = new AbortController();
    this.firstConnect = new Promise((resolve) => (this.markConnected = resolve));
    this.loop = this.run(this.abort.signal).catch((e: unknown) => this.opts.onError?.(e));
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.closeLink();
    await this.loop;
    this.abort = null;
    this.loop = null;
  }

  private async closeLink(): Promise<void> {
    const link = this.link;
    this.link = null;
    this.client = null;
    await link?.close().catch(() => undefined);
  }

  private async connect(): Promise<boolean> {
    try {
      this.link = await this.opts.open();
      this.client = new SamClient(this.link, this.opts.timeoutMs);
      expectStatus(await this.client.command('samStatus'));
      this.setState('idle');
      return true;
    } catch (error) {
      await this.closeLink();
      const detail = error instanceof Error ? error.message : String(error);
      if (error instanceof FrameError && error.problem === 'status') this.setState('error', error.message, detail);
      else this.setState('absent', '未检测到读卡器', detail);
      return false;
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    let timeouts = 0;
    while (!signal.aborted) {
      if (!this.client || this.client.isGone()) {
        await this.closeLink();
        const connected = await this.connect();
        this.markConnected();
        if (!connected) {
          await sleep(this.opts.reconnectMs, signal);
          continue;
        }
      }
      try {
        await this.pollOnce();
        timeouts = 0;
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof ReaderGoneError || (error instanceof ReaderTimeoutError && ++timeouts >= 3)) {
          this.setState('absent', '未检测到读卡器', (error as Error).message);
          await this.closeLink();
          continue;
        }
        const message = error instanceof FrameError ? (error.problem === 'status' ? error.message : `读卡失败，请重新放置（${error.message}）`) : '读卡失败，请重新放置';
        this.setState('error', message, (error as Error).message);
      }
      await sleep(this.opts.pollMs, signal);
    }
  }

  private async pollOnce(): Promise<void> {
    const client = this.client!;
    const found = await client.command('findCard');
    if (found.sw3 === 0x80) {
      // No new card. Keep "读卡成功" briefly after a read; then ask for the next card.
      const st = this.status().state;
      if (st !== 'ready' || !this.last || this.opts.now() - this.last.at > this.opts.freshMs) this.setState('idle');
      return;
    }
    expectStatus(found, [0x9f]);
    this.setState('reading');
    expectStatus(await client.command('selectCard'));
    const res = expectStatus(await client.command('readText', undefined, Math.max(this.opts.timeoutMs, 3000)));
    const payload = splitReadData(res.data);
    const text = decodeTextBlock(payload.text);
    let photo: IdentityRecord['photo'];
    const warnings: string[] = [];
    if (payload.photo.length) {
      if (this.opts.photoDecoder) {
        const decoded = await decodePhoto(this.opts.photoDecoder, payload.photo);
        photo = decoded.photo;
        if (decoded.warning) warnings.push(decoded.warning);
      } else photo = { format: 'wlt', base64: payload.photo.toString('base64'), decoded: false };
    }
    const record = toIdentityRecord(text, { photo, now: this.opts.now(), raw: { driver: this.name, textHex: hexOf(payload.text) } });
    record.warnings.push(...warnings);
    this.last = { record, at: this.opts.now() };
    this.setState('ready', record.expired ? '证件已过期' : '读卡成功');
    this.emit('card', record);
  }

  async read(waitMs: number): Promise<IdentityRecord> {
    await Promise.race([this.firstConnect, new Promise((r) => setTimeout(r, 3000))]);
    if (this.last && this.opts.now() - this.last.at <= this.opts.freshMs) {
      const { record } = this.last;
      this.last = { record, at: -Infinity };
      return Promise.resolve(record);
    }
    if (!this.abort) return Promise.reject(new AppError('CONFLICT', 'reader not started', deviceMessages.readerNotStarted));
    const st = this.status();
    if (waitMs <= 0) {
      return Promise.reject(new AppError('NOT_FOUND', `no card (${st.state})`, st.state === 'absent' || st.state === 'error' ? st.message : deviceMessages.placeCard));
    }
    return new Promise((resolve, reject) => {
      const onCard = (record: IdentityRecord) => {
        clearTimeout(timer);
        this.off('card', onCard);
        this.last = { record, at: -Infinity };
        resolve(record);
      };
      const timer = setTimeout(() => {
        this.off('card', onCard);
        const now = this.status();
        reject(new AppError('NOT_FOUND', `no card within ${waitMs} ms (${now.state})`, now.state === 'absent' ? deviceMessages.noReader : deviceMessages.noCardRead));
      }, waitMs);
      this.on('card', onCard);
    });
  }
}
