import { EventEmitter, on } from 'node:events';
import type { IdentityRecord, ReaderEvent, ReaderStatus, SocialSecurityCard } from '../../../shared/contract/readers';
import type { Settings } from '../../../shared/settings/schema';
import { AppError } from '../errors';
import type { Logger } from '../logging/logger';
import { StatusHolder, type IdCardDriver } from './driver';
import { eVoucherToRecord, httpEVoucherDriver, simulatedEVoucherDriver, type EVoucherDriver } from './evoucher/driver';
import { FAKE_CARDS } from './idcard/fake-cards';
import { serialLink, simulatorLink } from './idcard/link';
import { SamDriver } from './idcard/sam-driver';
import { SimulatedSamReader } from './idcard/simulator';
import { VendorHttpDriver } from './idcard/vendor-http';
import { bridgeSsCardDriver, simulatedSsCardDriver, type SsCardDriver } from './sscard/driver';
import { deviceMessages } from '../../../shared/messages/zh-CN';

/** A reader that is switched off in settings. */
class OffDriver extends StatusHolder implements IdCardDriver {
  readonly name = 'none';
  constructor(message = '读卡器未启用') {
    super('idcard', 'none', 'off');
    this.setState('off', message);
  }
  start(): void {}
  async stop(): Promise<void> {}
  read(): Promise<IdentityRecord> {
    return Promise.reject(new AppError('NOT_FOUND', 'id reader disabled', this.status().message));
  }
}

export interface ReaderService {
  statuses(): ReaderStatus[];
  readIdCard(waitMs: number): Promise<IdentityRecord>;
  readSocialSecurityCard(): Promise<SocialSecurityCard>;
  decodeEVoucher(code: string, businessType: string, operator: { id: string; name: string }): Promise<IdentityRecord>;
  /** status and card events until the signal aborts; starts with the current statuses */
  events(signal?: AbortSignal): AsyncGenerator<ReaderEvent>;
  simulatorCards(): { id: string; label: string; cardType: IdentityRecord['cardType'] }[];
  placeSimulatedCard(id: string | null): string | null;
  close(): Promise<void>;
}

export interface ReaderServiceOptions {
  settings: () => Settings;
  logger: Logger;
  now: () => number;
}

type ReaderConfig = Pick<Settings, 'readers'> & { idReader: Settings['devices']['idReader'] };

/**
 * Core's reader bridge: builds the drivers the settings choose (rebuilt when those settings
 * change), relays their events, and normalises everything to the contract's records. Drivers
 * start on first use, so CLI commands that do not read cards never open a serial port.
 */
export function createReaderService({ settings, logger, now }: ReaderServiceOptions): ReaderService {
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  const sim = new SimulatedSamReader(FAKE_CARDS);
  let configKey = '';
  let id: IdCardDriver | null = null;
  let ss: SsCardDriver | null = null;
  let ev: EVoucherDriver | null = null;
  const relayStatus = (status: ReaderStatus) => bus.emit('event', { type: 'status', status } satisfies ReaderEvent);
  const relayCard = (record: IdentityRecord) => bus.emit('event', { type: 'card', record, at: new Date(now()).toISOString() } satisfies ReaderEvent);

  function buildId(cfg: ReaderConfig): IdCardDriver {
    const r = cfg.readers;
    const onError = (error: unknown) => logger.error({ err: error }, 'id reader loop failed');
    switch (cfg.idReader) {
      case 'simulator':
        return new SamDriver({ name: 'simulator', open: simulatorLink(sim, r.baudRate), pollMs: r.pollMs, now, onError, photoDecoder: r.photoDecoder || undefined });
      case 'serial':
        if (!r.serialPath) return new OffDriver('未设置读卡器串口（设置 → 读卡器）');
        return new SamDriver({ name: 'serial', open: serialLink(r.serialPath, r.baudRate), pollMs: r.pollMs, now, onError, photoDecoder: r.photoDecoder || undefined });
      case 'vendor-http':
        return new VendorHttpDriver({ kind: r.vendor, baseUrl: r.vendorUrl || undefined, now });
      default:
        return new OffDriver();
    }
  }

  /** (Re)builds the drivers when their settings changed. */
  function ensure(): void {
    const s = settings();
    const cfg: ReaderConfig = { readers: s.readers, idReader: s.devices.idReader };
    const key = JSON.stringify(cfg);
    if (key === configKey && id) return;
    configKey = key;
    const old = id;
    if (old) {
      old.removeAllListeners('status');
      old.removeAllListeners('card');
      void old.stop().catch((e: unknown) => logger.warn({ err: e }, 'id reader stop failed'));
    }
    id = buildId(cfg);
    id.on('status', relayStatus);
    id.on('card', (record) => {
      if (cfg.readers.autoRead) relayCard(record);
    });
    id.start();
    relayStatus(id.status());
    const r = cfg.readers;
    ss = r.ssCard === 'simulator' ? simulatedSsCardDriver() : r.ssCard === 'bridge' && r.ssCardBridgeUrl ? bridgeSsCardDriver(r.ssCardBridgeUrl) : null;
    ev =
      r.evoucher === 'simulator'
        ? simulatedEVoucherDriver()
        : r.evoucher === 'http' && r.evoucherUrl
          ? httpEVoucherDriver(r.evoucherUrl, { orgId: s.hall.regionCode, operatorId: '', operatorName: '' })
          : null;
    logger.info({ idReader: id.name, ssCard: ss?.name ?? 'none', evoucher: ev?.name ?? 'none' }, 'readers configured');
  }

  const at = () => new Date(now()).toISOString();
  function statuses(): ReaderStatus[] {
    ensure();
    return [
      id!.status(),
      { device: 'sscard', driver: ss?.name ?? 'none', state: ss ? 'idle' : 'off', message: ss ? '请插入社会保障卡' : deviceMessages.sscardDisabled, at: at() },
      { device: 'evoucher', driver: ev?.name ?? 'none', state: ev ? 'idle' : 'off', message: ev ? '请出示医保电子凭证' : deviceMessages.evoucherDisabled, at: at() },
    ];
  }

  return {
    statuses,
    async readIdCard(waitMs) {
      ensure();
      return id!.read(waitMs);
    },
    async readSocialSecurityCard() {
      ensure();
      if (!ss) throw new AppError('NOT_FOUND', 'sscard reader disabled', deviceMessages.sscardDisabled);
      return ss.read();
    },
    async decodeEVoucher(code, businessType, operator) {
      ensure();
      if (!ev) throw new AppError('NOT_FOUND', 'evoucher decoder disabled', deviceMessages.evoucherDisabled);
      const s = settings();
      const driver = s.readers.evoucher === 'http' ? httpEVoucherDriver(s.readers.evoucherUrl, { orgId: s.hall.regionCode, operatorId: operator.id, operatorName: operator.name }) : ev;
      return eVoucherToRecord(await driver.decode(code, businessType), now());
    },
    async *events(signal) {
      for (const status of statuses()) yield { type: 'status', status };
      try {
        for await (const [event] of on(bus, 'event', { signal })) yield event as ReaderEvent;
      } catch (error) {
        if ((error as Error).name !== 'AbortError') throw error;
      }
    },
    simulatorCards: () => FAKE_CARDS.map(({ id: cardId, label, cardType }) => ({ id: cardId, label, cardType })),
    placeSimulatedCard(cardId) {
      ensure();
      if (settings().devices.idReader !== 'simulator') throw new AppError('CONFLICT', 'id reader is not the simulator', deviceMessages.notSimulator);
      try {
        sim.place(cardId);
      } catch {
        throw new AppError('NOT_FOUND', `no simulated card ${cardId}`, deviceMessages.noSimulatedCard);
      }
      return sim.placedCard();
    },
    async close() {
      const d = id;
      id = null;
      configKey = '';
      if (d) await d.stop();
    },
  };
}
