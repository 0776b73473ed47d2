import { z } from 'zod';
import { DEFAULT_HALL_TIME_ZONE, isTimeZone } from '../system/hall-time';

/**
 * The one settings schema. Every key has a default so a fresh install starts working; the
 * same schema validates electron-store, the web host's JSON file and CLI edits.
 */
export const deviceDriverSchema = z.enum(['simulator', 'serial', 'vendor-http', 'none']);

/**
 * Scanner drivers (docs/scanning.md): simulator (generated pages), sane (scanimage, Linux),
 * naps2 (NAPS2.Console: WIA/TWAIN on Windows), vendor-ws (a 高拍仪 vendor's local WebSocket
 * service), camera (a UVC 高拍仪 through the browser's camera; no core-side scanning).
 * Before scanning existed the field shared the readers' values, none of which meant a
 * scanner: those read as the simulator instead of voiding the whole devices section.
 */
export const SCANNER_DRIVERS = ['simulator', 'sane', 'naps2', 'vendor-ws', 'camera', 'none'] as const;
export const scannerDriverSchema = z.preprocess((v) => (v === 'serial' || v === 'vendor-http' ? 'simulator' : v), z.enum(SCANNER_DRIVERS));

const fieldChoiceSchema = z
  .object({ options: z.array(z.string().trim().min(1).max(40)).min(1, '至少一个选项').max(30), defaultOption: z.string().trim().max(40).optional() })
  .refine((c) => c.defaultOption === undefined || c.options.includes(c.defaultOption), { message: '默认选项必须是选项之一', path: ['defaultOption'] });
export type FieldChoice = z.infer<typeof fieldChoiceSchema>;

/**
 * Seeds of intake.fieldChoices, from the check boxes of the national guide's 样表 (表4 城乡居民参保
 * 登记表, 表3 职工参保, 表10 转移接续, 表11 异地就医登记备案表) where the catalog gives no options.
 */
export const DEFAULT_FIELD_CHOICES: Record<string, FieldChoice> = {
  申请人身份: { options: ['学龄前儿童', '中小学生', '大学生', '无业成年人', '老年人', '其他'] },
  人员类别: { options: ['在职职工', '灵活就业人员', '退休人员'] },
  参保险种: { options: ['职工基本医疗保险', '城乡居民基本医疗保险', '生育保险', '职工大额医疗费用补助', '其他'] },
  登记类别: { options: ['新增', '变更'], defaultOption: '新增' },
  登记类型: { options: ['新参保登记', '暂停登记', '注销登记', '拆分合并分立'], defaultOption: '新参保登记' },
  变更类别: { options: ['增加', '中断', '终止', '恢复', '在职转退休', '统筹地区内转移'], defaultOption: '增加' },
  基本医疗保险类型: { options: ['职工医保', '城乡居民医保', '其他'] },
  业务类型: { options: ['普通门(急)诊', '门诊慢特病', '住院', '急诊抢救', '意外伤害'] },
};

export const settingsSchema = z.object({
  hall: z
    .object({
      name: z.string().trim().min(1).max(60).default('医疗保障经办服务大厅'),
      /** 医保区划代码: 6-digit administrative division code, empty until first-run setup. */
      regionCode: z.string().max(6).regex(/^(\d{6})?$/, '医保区划代码应为6位数字').default(''),
      /**
       * 办理进度查询 address printed as the QR code on 受理回执, e.g. the hall server's LAN
       * address or the province's public page (`…#/progress`; the code is appended as
       * `?code=`). Empty: this web host's own address, which only works on this PC.
       */
      progressUrl: z
        .string()
        .trim()
        .max(300)
        .regex(/^(https?:\/\/\S+)?$/, '进度查询地址应以 http:// 或 https:// 开头')
        .default(''),
      /** 咨询电话 printed on the documents; empty: the sentence that would quote it is left out. */
      phone: z
        .string()
        .trim()
        .max(30)
        .regex(/^[\d\s()（）-]*$/, '咨询电话只能包含数字、空格、括号和“-”')
        .default(''),
      /** The hall's address, printed on the documents; empty: left out. */
      address: z.string().trim().max(120).default(''),
      /**
       * The hall's clock zone (IANA name): the queue day, case days, due dates, statistics hours,
       * document dates and exported times are all in it, and the screens show it — never the
       * zone of the machine or the browser (shared/system/hall-time.ts).
       */
      timeZone: z.string().trim().max(64).refine(isTimeZone, '时区无效，应为 IANA 时区名，例如 Asia/Shanghai').default(DEFAULT_HALL_TIME_ZONE),
    })
    .prefault({}),
  counter: z
    .object({
      number: z.int().min(1).max(999).default(1),
      name: z.string().trim().max(30).default(''),
      /** Print the receipt (受理回执 / 告知书) right after a decision, without a key press. */
      autoPrintReceipt: z.boolean().default(true),
    })
    .prefault({}),
  /** The intake screen (docs/cases.md). */
  intake: z
    .object({
      /**
       * 受理信息 fields with a fixed set of answers the catalog does not list, by field name.
       * A field a condition question answers takes that question's options instead.
       */
      fieldChoices: z.record(z.string().trim().min(1).max(60), fieldChoiceSchema).default(DEFAULT_FIELD_CHOICES),
    })
    .prefault({}),
  catalog: z
    .object({ sourceId: z.string().min(1).max(40).default('national-2020') })
    .prefault({}),
  devices: z
    .object({
      idReader: deviceDriverSchema.default('simulator'),
      scanner: scannerDriverSchema.default('simulator'),
    })
    .prefault({}),
  /** The receipt printer (docs/printing.md, electron/core/printing/). */
  printer: z
    .object({
      /** simulator: in-process (training, quick start); tcp: network printer; serial: COM / tty; system: an OS printer queue fed raw bytes. */
      driver: z.enum(['simulator', 'tcp', 'serial', 'system', 'none']).default('simulator'),
      /** tcp://192.168.1.50:9100, /dev/ttyUSB0 or COM3, or the system printer's queue name. */
      address: z.string().trim().max(200).default(''),
      baudRate: z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]).default(9600),
      width: z.union([z.literal(58), z.literal(80)]).default(80),
      /** What the printer's Chinese mode expects: most are GB18030 or GBK; a few UTF-8. */
      encoding: z.enum(['gb18030', 'gbk', 'utf8']).default('gb18030'),
      /** native: GS ( k; raster: as an image, for printers without the QR command. */
      qrMode: z.enum(['native', 'raster']).default('native'),
      /** Print a line as an image when the printer's font lacks one of its characters (four-byte GB18030). */
      rasterFallback: z.boolean().default(true),
      /** Wait for each DLE EOT status answer; printers that never answer are then printed to anyway. */
      statusTimeoutMs: z.int().min(100).max(10_000).default(800),
      /** Failed attempts before a job is marked 打印失败 (it stays listed for 重新打印). */
      maxAttempts: z.int().min(1).max(50).default(6),
      retryBaseSeconds: z.int().min(1).max(600).default(5),
      retryMaxSeconds: z.int().min(5).max(3600).default(120),
    })
    .prefault({}),
  /** Identity readers (docs/devices.md); which ID-card driver is devices.idReader. */
  readers: z
    .object({
      /** serial driver: /dev/ttyUSB0, COM3 … (PTYs are not listed by the OS: type the path) */
      serialPath: z.string().trim().max(200).default(''),
      baudRate: z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]).default(115200),
      pollMs: z.int().min(100).max(5000).default(300),
      vendor: z.enum(['chinavision', 'zkteco']).default('chinavision'),
      /** empty: the vendor's default (华视 http://127.0.0.1:19196, 中控 http://127.0.0.1:24010) */
      vendorUrl: z.union([z.literal(''), z.url().max(500)]).default(''),
      /** external WLT photo decoder, e.g. `/opt/wlt/wlt2bmp {in} {out}`; only settable in settings.json */
      photoDecoder: z.string().max(500).default(''),
      ssCard: z.enum(['simulator', 'bridge', 'none']).default('simulator'),
      ssCardBridgeUrl: z.union([z.literal(''), z.url().max(500)]).default(''),
      evoucher: z.enum(['simulator', 'http', 'none']).default('simulator'),
      evoucherUrl: z.union([z.literal(''), z.url().max(500)]).default(''),
      /** read as soon as a card is placed (otherwise only on 读卡 / F2) */
      autoRead: z.boolean().default(true),
    })
    .prefault({}),
  /** Scanning and the attachment store (docs/scanning.md); which driver is devices.scanner. */
  scanning: z
    .object({
      /** sane: a device name from `scanimage -L` (test:0, fujitsu:fi-7160:…); empty: the first one listed */
      saneDevice: z.string().trim().max(200).default(''),
      /** naps2: the driver NAPS2.Console talks to, and its device name (empty: NAPS2's default) */
      naps2Driver: z.enum(['wia', 'twain', 'escl']).default('wia'),
      naps2Device: z.string().trim().max(200).default(''),
      /** NAPS2.Console's path; runs a program, so only settable in settings.json */
      naps2Path: z.string().max(500).default(''),
      /** vendor-ws: the 高拍仪 service, e.g. ws://127.0.0.1:9000 (良田), ws://127.0.0.1:1818 */
      vendorWsUrl: z.union([z.literal(''), z.url({ protocol: /^wss?$/ }).max(500)]).default(''),
      resolution: z.union([z.literal(150), z.literal(200), z.literal(300), z.literal(600)]).default(300),
      colorMode: z.enum(['gray', 'color']).default('gray'),
      source: z.enum(['flatbed', 'adf', 'duplex']).default('flatbed'),
      /** A page with less ink than this share (‰ of its area, margins ignored) is dropped as blank; 0 keeps every page. */
      blankThreshold: z.number().min(0).max(50).default(3),
      format: z.enum(['jpeg', 'webp']).default('jpeg'),
      quality: z.int().min(40).max(95).default(75),
      /** Where page files live (a shared folder in hall mode); empty: <data>/attachments. Only settable in settings.json. */
      attachmentsDir: z.string().max(500).default(''),
    })
    .prefault({}),
  queue: z
    .object({
      /** strict: priority first; interleave: N normal then 1 priority; ageing: waiting raises the rank. */
      policy: z.enum(['strict', 'interleave', 'ageing']).default('interleave'),
      interleaveNormal: z.int().min(1).max(20).default(2),
      /** ageing: minutes of waiting worth one priority rank. */
      ageingMinutes: z.int().min(1).max(240).default(15),
      /** Hall time at which ticket numbers restart (HH:MM), or 'never'. */
      dailyReset: z.union([z.literal('never'), z.string().max(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:MM')]).default('00:00'),
      /** 过号: 'end' puts the ticket back at the end of its line once; 'none' ends it. */
      noShowRequeue: z.enum(['none', 'end']).default('end'),
      maxNoShows: z.int().min(1).max(5).default(1),
      priorityKinds: z.array(z.string().min(1).max(10)).max(10).default(['老年人', '残疾人', '军人/退役军人', '孕妇']),
      /** Scrolling notice on the display board. */
      notice: z.string().max(200).default('请携带有效身份证件，按叫号顺序到指定窗口办理。'),
      /** 实名取号: the kiosk takes a ticket by reading an ID card or 医保电子凭证; the board shows the name masked. */
      realNameTickets: z.boolean().default(false),
    })
    .prefault({}),
  /**
   * Where cases and the queue live (docs/hall.md): embedded SQLite in the data folder for one
   * counter, or one PostgreSQL database shared by every counter, kiosk and board of a hall.
   * Only settable in settings.json: moving a counter between databases is an admin's job.
   */
  storage: z
    .object({
      dialect: z.enum(['sqlite', 'postgres']).default('sqlite'),
      postgres: z
        .object({
          /** postgres://user@host:5432/db; the password may come from PGPASSWORD or ~/.pgpass instead. */
          url: z.string().default(''),
          /** Tables live in this schema (created on first start when the role may). */
          schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, '模式名只能包含小写字母、数字和下划线').default('public'),
          /** off: plain TCP (same machine or a closed hall LAN); require: TLS; verify: TLS + server certificate check. */
          tls: z.enum(['off', 'require', 'verify']).default('off'),
          /** PEM file of the CA that signed the server certificate (tls: verify). */
          caCertFile: z.string().optional(),
          /** Connections this counter keeps open; a hall of 40 counters × 5 stays under the default max_connections of 100 only with a pooler: see docs/hall.md. */
          poolSize: z.int().min(1).max(50).default(4),
        })
        .prefault({}),
    })
    .prefault({}),
  /** Upstream sync of closed cases (docs/upstream-protocol.md, electron/core/sync/). */
  upstream: z
    .object({
      enabled: z.boolean().default(false),
      url: z.union([z.literal(''), z.url().max(500)]).default(''),
      /** The hall's key id, issued by the upstream with the secret. */
      keyId: z.string().trim().max(64).default(''),
      /** The per-hall signing secret: settings.json or MEDINS_UPSTREAM_SECRET only; never leaves core. */
      keySecret: z.string().min(16).optional(),
      /** hmac-sha256, or sm3 (HMAC-SM3, SM3 body hash) where domestic cryptography is required. */
      signing: z.enum(['hmac-sha256', 'sm3']).default('hmac-sha256'),
      /** PEM file of the CA that signed the upstream's TLS certificate; empty: the system CAs. Only settable in settings.json. */
      caCertFile: z.string().max(500).default(''),
      batchSize: z.int().min(1).max(500).default(50),
      /** Requests to the upstream in flight at once during a round (each item keeps its own message id). */
      inFlight: z.int().min(1).max(32).default(4),
      /** Failed attempts (reached the upstream, no answer or an error) before 需人工处理. */
      retryCap: z.int().min(1).max(100).default(10),
      backoffBaseSeconds: z.int().min(1).max(3600).default(30),
      backoffMaxSeconds: z.int().min(10).max(86400).default(3600),
      timeoutSeconds: z.int().min(1).max(300).default(30),
      /** How often the worker looks for due items when nothing else wakes it. */
      pollSeconds: z.int().min(1).max(3600).default(30),
    })
    .prefault({}),
  webHost: z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.int().min(0).max(65535).default(5780),
      /** Required whenever host is not a loopback address (see electron/web/access.ts). */
      accessToken: z.string().min(16).optional(),
    })
    .prefault({}),
  ui: z
    .object({ idleLockMinutes: z.int().min(1).max(240).default(10) })
    .prefault({}),
  security: z
    .object({
      /** Wrong passwords in a row before the account is locked for lockoutMinutes. */
      maxFailedLogins: z.int().min(3).max(20).default(5),
      lockoutMinutes: z.int().min(1).max(1440).default(15),
      /** A sign-in lasts at most this long (a working day), then the clerk signs in again. */
      sessionHours: z.int().min(1).max(24).default(12),
    })
    .prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;

/** A partial update: any subset of sections, each with any subset of keys. */
/** A field as a patch may carry it: optional, and without its default. */
type PatchField<T extends z.core.SomeType> = z.ZodOptional<T extends z.ZodDefault<infer I> ? I : T extends z.ZodPrefault<infer I> ? I : T>;

/**
 * One settings section as a patch: every key optional and none filled in by a default, so a
 * patch names only the keys the caller sent (zod's `.partial()` keeps the defaults, and a
 * patch parsed with them would reset every key not sent).
 */
function patchOf<S extends z.ZodRawShape>(section: z.ZodObject<S>): z.ZodObject<{ [K in keyof S]: PatchField<S[K]> }> {
  const shape = Object.fromEntries(
    Object.entries(section.shape).map(([key, field]) => {
      const bare = field instanceof z.ZodDefault || field instanceof z.ZodPrefault ? field.unwrap() : field;
      return [key, (bare as z.ZodType).optional()];
    }),
  );
  return z.object(shape) as never;
}

export const settingsPatchSchema = z.object({
  hall: patchOf(settingsSchema.shape.hall.unwrap()).optional(),
  counter: patchOf(settingsSchema.shape.counter.unwrap()).optional(),
  intake: patchOf(settingsSchema.shape.intake.unwrap()).optional(),
  catalog: patchOf(settingsSchema.shape.catalog.unwrap()).optional(),
  devices: patchOf(settingsSchema.shape.devices.unwrap()).optional(),
  printer: patchOf(settingsSchema.shape.printer.unwrap()).optional(),
  // The photo decoder runs a program: not changeable over the API, only in settings.json.
  readers: patchOf(settingsSchema.shape.readers.unwrap().omit({ photoDecoder: true })).optional(),
  // The secret and the CA file are only settable in settings.json (or the environment).
  upstream: patchOf(settingsSchema.shape.upstream.unwrap().omit({ keySecret: true, caCertFile: true })).optional(),
  // The NAPS2 path runs a program and the store folder holds every page: settings.json only.
  scanning: patchOf(settingsSchema.shape.scanning.unwrap().omit({ naps2Path: true, attachmentsDir: true })).optional(),
  queue: patchOf(settingsSchema.shape.queue.unwrap()).optional(),
  ui: patchOf(settingsSchema.shape.ui.unwrap()).optional(),
  security: patchOf(settingsSchema.shape.security.unwrap()).optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/** Settings as shown to users and the status screen: secrets never leave core. */
export function publicSettings(settings: Settings): Omit<Settings, 'webHost' | 'upstream'> & {
  webHost: { host: string; port: number; accessTokenSet: boolean };
  upstream: Omit<Settings['upstream'], 'keySecret'> & { keySecretSet: boolean };
} {
  const { accessToken, ...webHost } = settings.webHost;
  const { keySecret, ...upstream } = settings.upstream;
  const storage = { ...settings.storage, postgres: { ...settings.storage.postgres, url: maskUrlPassword(settings.storage.postgres.url) } };
  return { ...settings, storage, webHost: { ...webHost, accessTokenSet: accessToken !== undefined }, upstream: { ...upstream, keySecretSet: keySecret !== undefined } };
}

/** postgres://user:secret@host/db → postgres://user:***@host/db (a password never leaves core). */
export function maskUrlPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
