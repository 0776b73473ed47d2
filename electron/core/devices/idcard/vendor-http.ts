import type { IdentityRecord } from '../../../../shared/contract/readers';
import { AppError } from '../../errors';
import { StatusHolder, type IdCardDriver } from '../driver';
import { FrameError } from './frame';
import { NATIONS } from './nations';
import { toIdentityRecord } from './record';
import type { DecodedText } from './text-block';
import { deviceMessages } from '../../../../shared/messages/zh-CN';

/**
 * Drivers for the vendors' local reader services (the vendor's own program drives the reader
 * and the photo licence): 华视 CVR on 127.0.0.1:19196, 中控 ZKTeco on 127.0.0.1:24010.
 * Field names follow the vendors' public samples (verify against the installed service version).
 */
export type VendorKind = 'chinavision' | 'zkteco';

export const VENDOR_DEFAULT_URL: Record<VendorKind, string> = {
  chinavision: 'http://127.0.0.1:19196',
  zkteco: 'http://127.0.0.1:24010',
};

const NATION_CODE = Object.fromEntries(Object.entries(NATIONS).map(([code, name]) => [name, code]));

function isoDate(value: unknown, label: string, allowLongTerm = false): string {
  const s = String(value ?? '').trim();
  if (allowLongTerm && s === '长期') return '长期';
  const m = /^(\d{4})[-./年]?(\d{2})[-./月]?(\d{2})日?$/.exec(s);
  if (!m) throw new FrameError('layout', `${label}格式错误：“${s}”`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function sexOf(value: unknown): '男' | '女' {
  const s = String(value ?? '').trim();
  if (s === '男' || s === '1') return '男';
  if (s === '女' || s === '2') return '女';
  throw new FrameError('layout', `性别无效：“${s}”`);
}

function nationOf(value: unknown): { nation: string; nationCode: string } {
  const s = String(value ?? '').trim();
  if (/^\d{2}$/.test(s)) return { nation: NATIONS[s] ?? '', nationCode: NATIONS[s] ? s : '' };
  const name = s.replace(/族$/, '');
  return { nation: name, nationCode: NATION_CODE[name] ?? '' };
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

function photoOf(base64: unknown): IdentityRecord['photo'] {
  const b = str(base64).replace(/^data:image\/\w+;base64,/, '');
  if (!b) return undefined;
  const bytes = Buffer.from(b, 'base64');
  const format = bytes[0] === 0xff ? 'jpeg' : bytes.subarray(0, 2).toString('latin1') === 'BM' ? 'bmp' : 'png';
  return { format, base64: b, decoded: true };
}

function cardTypeOf(id: string, hint: string): DecodedText['cardType'] {
  if (/^[A-Z]{3}\d{12}$/.test(id) || hint === 'I') return 'foreign2017';
  if (id.startsWith('9') || hint === 'Y') return 'foreign2023';
  if (/^8[123]0000/.test(id) || hint === 'J') return 'hkmotw';
  return 'resident';
}

/** 华视 `/readcard` JSON → record. */
export function fromChinaVision(json: Record<string, unknown>, now?: number): IdentityRecord {
  if (Number(json.resultFlag) !== 0) throw new AppError('NOT_FOUND', `chinavision resultFlag ${str(json.resultFlag)}: ${str(json.errorMsg)}`, str(json.errorMsg) || deviceMessages.readFailedPlaceAgain);
  const idNumber = str(json.certNumber);
  const cardType = cardTypeOf(idNumber, str(json.certType));
  const foreign = cardType === 'foreign2017' || cardType === 'foreign2023';
  const n = foreign || cardType === 'hkmotw' ? { nation: '', nationCode: '' } : nationOf(json.nation);
  const { identityPic, ...rest } = json;
  const text: DecodedText = {
    cardType,
    name: str(json.partyName),
    ...(str(json.englishName) ? { foreignName: str(json.englishName) } : {}),
    sex: sexOf(json.gender),
    ...n,
    birthDate: isoDate(json.bornDay, '出生日期'),
    address: str(json.certAddress),
    idNumber,
    authority: str(json.certOrg),
    validFrom: isoDate(json.effDate, '有效期起始日期'),
    validTo: isoDate(json.expDate, '有效期截止日期', true),
    ...(str(json.passNu) ? { passNumber: str(json.passNu) } : {}),
    ...(/^\d+$/.test(str(json.signCount)) ? { issueCount: Number(json.signCount) } : {}),
    ...(str(json.nationality) && foreign ? { nationality: str(json.nationality) } : {}),
  };
  return toIdentityRecord(text, { now, photo: photoOf(identityPic), raw: { driver: 'vendor-http:chinavision', response: rest } });
}

/** 中控 `ScanReadIdCardInfo` JSON → record. */
export function fromZkteco(json: Record<string, unknown>, now?: number): IdentityRecord {
  if (Number(json.ret) !== 0) throw new AppError('NOT_FOUND', `zkteco ret ${str(json.ret)}: ${str(json.msg)}`, str(json.msg) || deviceMessages.readFailedPlaceAgain);
  const c = (json.Certificate ?? {}) as Record<string, unknown>;
  const idNumber = str(c.IDNumber);
  const cardType = cardTypeOf(idNumber, str(c.CertType));
  const [from, to] = str(c.ValidDate).split(/\s*[-–~至]\s*(?=\d|长期)/);
  const foreign = cardType === 'foreign2017' || cardType === 'foreign2023';
  const { Base64Photo, ...restCert } = c;
  const text: DecodedText = {
    cardType,
    name: str(c.Name),
    ...(str(c.EnglishName) ? { foreignName: str(c.EnglishName) } : {}),
    sex: sexOf(c.Sex),
    ...(foreign || cardType === 'hkmotw' ? { nation: '', nationCode: '' } : nationOf(c.Nation)),
    birthDate: isoDate(c.Birthday, '出生日期'),
    address: str(c.Address),
    idNumber,
    authority: str(c.IDIssued),
    validFrom: isoDate(from, '有效期起始日期'),
    validTo: isoDate(to, '有效期截止日期', true),
    ...(str(c.PassNo) ? { passNumber: str(c.PassNo) } : {}),
    ...(str(c.Nationality) && foreign ? { nationality: str(c.Nationality) } : {}),
  };
  return toIdentityRecord(text, { now, photo: photoOf(Base64Photo), raw: { driver: 'vendor-http:zkteco', response: { ...json, Certificate: restCert } } });
}

export interface VendorDriverOptions {
  kind: VendorKind;
  baseUrl?: string;
  timeoutMs?: number;
  now?: () => number;
}

/** Read on demand through the vendor service; the service itself waits for the card. */
export class VendorHttpDriver extends StatusHolder implements IdCardDriver {
  readonly name: string;
  private readonly base: string;

  constructor(private readonly options: VendorDriverOptions) {
    super('idcard', `vendor-http:${options.kind}`, 'absent');
    this.name = `vendor-http:${options.kind}`;
    this.base = (options.baseUrl || VENDOR_DEFAULT_URL[options.kind]).replace(/\/+$/, '');
  }

  private async get(pathAndQuery: string, timeoutMs = this.options.timeoutMs ?? 8000): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${pathAndQuery}`, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      this.setState('absent', '未检测到读卡器服务', (error as Error).message);
      throw new AppError('NOT_FOUND', `vendor service ${this.base} unreachable: ${(error as Error).message}`, deviceMessages.vendorServiceMissing);
    }
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!res.ok || !body || typeof body !== 'object') {
      this.setState('error', deviceMessages.vendorServiceAbnormal, `HTTP ${res.status}`);
      throw new AppError('INTERNAL', `vendor service answered HTTP ${res.status}`, deviceMessages.vendorServiceAbnormal);
    }
    return body;
  }

  start(): void {
    if (this.options.kind === 'chinavision') {
      void this.get('/OpenDevice', 3000).then(
        (b) => this.setState(Number(b.resultFlag) === 0 ? 'idle' : 'absent', Number(b.resultFlag) === 0 ? '请放置证件' : '未检测到读卡器'),
        () => undefined,
      );
    } else this.setState('idle');
  }

  async stop(): Promise<void> {
    if (this.options.kind === 'chinavision') await this.get('/CloseDevice', 2000).catch(() => undefined);
  }

  async read(): Promise<IdentityRecord> {
    this.setState('reading');
    try {
      const record =
        this.options.kind === 'chinavision'
          ? fromChinaVision(await this.get('/readcard'), this.options.now?.())
          : fromZkteco(await this.get('/ZKIDROnline/ScanReadIdCardInfo?OP-DEV=1&CMD-URL=4&REPEAT=1&common=1'), this.options.now?.());
      this.setState('ready', record.expired ? '证件已过期' : '读卡成功');
      this.emit('card', record);
      return record;
    } catch (error) {
      if (error instanceof FrameError) {
        this.setState('error', deviceMessages.readFailedPlaceAgain, error.message);
        throw new AppError('INTERNAL', `vendor record unusable: ${error.message}`, deviceMessages.readFailed(error.message));
      }
      if (error instanceof AppError && this.status().state === 'reading') this.setState('error', error.userText ?? deviceMessages.readFailedPlaceAgain, error.message);
      throw error;
    }
  }
}
