import type { CaseDetail, CaseDocument, Party } from '../contract/cases';
import { ID_KIND_LABELS, maskCreditCode, maskIdNumber } from '../identity';
import { hallDate } from '../system/hall-time';
import { calendarMessages } from '../messages/zh-CN';
import { CASE_STATUS_LABELS, MATERIAL_STATUS_LABELS, materialReceived } from './model';

/**
 * The printable documents of a case, as data (blocks): 受理回执, 一次性告知书, 不予受理通知书, 办结通知.
 * Pure (no Node, no DOM): core stores the result when a case is accepted, refused, returned or
 * completed; the screen renders the blocks to HTML, core to PDF (electron/core/documents/pdf.ts),
 * the receipt printer to ESC/POS (electron/core/printing).
 *
 * Personal data: the applicant's and agent's names are printed in full (the paper goes to them),
 * identity numbers are always masked, phone numbers are not printed.
 */

/** What the hall prints on every document. */
export interface HallInfo {
  hallName: string;
  /** Counter number (窗口号). */
  counter: number;
  /** Optional counter name, e.g. 综合受理. */
  counterName?: string;
  /** 医保区划代码 (6 digits), printed in the footer when set. */
  regionCode: string;
  /**
   * Base address of the public progress page, e.g. `http://10.1.2.3:5180/#/progress`; the query
   * code is appended as `?code=` (or `&code=` when the base already has a query).
   */
  progressUrl: string;
  /** 咨询电话, printed on the one-time notice when set. */
  phone?: string;
  address?: string;
}

export interface DocumentOptions {
  hall: HallInfo;
  /** When the document is issued: ISO 8601 (hall time preferred). */
  issuedAt: string;
  /** The clerk's display name; defaults to the case's clerk. */
  clerkName?: string;
}

/** The item's 设定依据, for the one-time notice (not part of CaseDetail). */
export interface NoticeItemInfo {
  legalBasis: readonly { title: string; docNo?: string; articles?: string }[];
}

/** A document before core stores it: core assigns id and createdAt. */
export type CaseDocumentDraft = Omit<CaseDocument, 'id' | 'createdAt'>;

type Block = CaseDocument['blocks'][number];

export const DOCUMENT_TITLES = {
  acceptanceReceipt: '受理回执',
  oneTimeNotice: '一次性告知书',
  refusalNotice: '不予受理通知书',
  completionNotice: '办结通知',
} as const satisfies Record<CaseDocument['kind'], string>;

/** `2026年11月22日` from an ISO date, or from a date-time (its calendar day in hall time). */
export function formatChineseDate(iso: string): string {
  const instant = iso.length > 10 ? Date.parse(iso) : Number.NaN;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(Number.isNaN(instant) ? iso : hallDate(instant));
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The progress page's address for one query code. */
export function progressLink(base: string, queryCode: string): string {
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}code=${encodeURIComponent(queryCode)}`;
}

/** The identity number as printed: masked, 统一社会信用代码 keeping its authority and region. */
export function maskedPartyId(party: Pick<Party, 'idKind' | 'idNumber'>): string {
  return party.idKind === 'credit-code' ? maskCreditCode(party.idNumber) : maskIdNumber(party.idNumber);
}

function partyRows(label: string, party: Party): [string, string][] {
  return [
    [label, party.name],
    [`${label}证件`, `${ID_KIND_LABELS[party.idKind]} ${maskedPartyId(party)}`],
  ];
}

function counterText(hall: HallInfo): string {
  return `${hall.counter}号窗口${hall.counterName ? `（${hall.counterName}）` : ''}`;
}

function itemRows(detail: CaseDetail, code?: string): [string, string][] {
  const rows: [string, string][] = [
    ['办件编号', detail.caseNo],
    ['事项名称', detail.itemName],
  ];
  if (code) rows.push(['事项编码', code]);
  return rows;
}

/** The catalog key is the item's code when it is the 12-digit national/provincial code. */
function itemCode(detail: CaseDetail): string | undefined {
  return /^\d{12}$/.test(detail.itemKey) ? detail.itemKey : undefined;
}

function footerRows(detail: CaseDetail, options: DocumentOptions): [string, string][] {
  const rows: [string, string][] = [
    ['受理大厅', options.hall.hallName],
    ['办理窗口', counterText(options.hall)],
    ['经办人', options.clerkName ?? detail.clerkName],
    ['日期', formatChineseDate(options.issuedAt)],
  ];
  if (options.hall.regionCode) rows.push(['医保区划', options.hall.regionCode]);
  return rows;
}

function draft(kind: CaseDocument['kind'], detail: CaseDetail, options: DocumentOptions, blocks: Block[]): CaseDocumentDraft {
  return { kind, title: DOCUMENT_TITLES[kind], caseNo: detail.caseNo, hallName: options.hall.hallName, issuedAt: options.issuedAt, blocks };
}

function materialLine(index: number, m: CaseDetail['materials'][number]): string {
  const note = m.note ? `；${m.note}` : '';
  return `${index + 1}. ${m.name}（${MATERIAL_STATUS_LABELS[m.status]}${note}）`;
}

/** 受理回执: what was accepted, from whom, by when, and how to follow it. */
export function buildAcceptanceReceipt(detail: CaseDetail, options: DocumentOptions): CaseDocumentDraft {
  const { hall } = options;
  const applicantRows = partyRows('申请人', detail.applicant);
  const agentRows = detail.agent ? partyRows('代办人', detail.agent) : [];
  const received = detail.materials.filter((m) => materialReceived(m.status));
  const outstanding = detail.materials.filter((m) => !materialReceived(m.status));

  const blocks: Block[] = [
    { type: 'text', text: `${detail.applicant.name}：您申请办理的事项已受理，请妥善保管本回执，凭查询码查询办理进度。` },
    { type: 'fields', rows: [...itemRows(detail, itemCode(detail)), ...applicantRows, ...agentRows] },
    {
      type: 'fields',
      rows: [
        ['受理日期', detail.acceptedOn ? formatChineseDate(detail.acceptedOn) : formatChineseDate(options.issuedAt)],
        ['办理时限', detail.ruleText && detail.ruleText !== detail.timeLimitText ? `${detail.timeLimitText}（本件适用：${detail.ruleText}）` : detail.timeLimitText],
        ['承诺办结日期', detail.dueDate ? `${formatChineseDate(detail.dueDate)}${detail.dueProvisional ? `（${calendarMessages.provisionalMark}）` : ''}` : '即时办结'],
      ],
    },
    ...(detail.dueProvisional ? [{ type: 'text' as const, text: calendarMessages.provisionalNote }] : []),
    { type: 'list', title: '已收材料', items: received.length > 0 ? received.map((m, i) => materialLine(i, m)) : ['（无）'] },
  ];
  if (outstanding.length > 0) {
    blocks.push({ type: 'list', title: '待补材料', items: outstanding.map((m, i) => materialLine(i, m)) });
  }
  blocks.push(
    { type: 'fields', rows: [['查询码', detail.queryCode]] },
    { type: 'qr', value: progressLink(hall.progressUrl, detail.queryCode), caption: '扫码查询办理进度' },
    { type: 'fields', rows: footerRows(detail, options) },
    { type: 'signatures', labels: ['经办人', '申请人'] },
  );
  return draft('acceptanceReceipt', detail, options, blocks);
}

function opening(detail: CaseDetail, options: DocumentOptions): string {
  const when = formatChineseDate(detail.createdAt || options.issuedAt);
  const lead = `${detail.applicant.name}：您于${when}申请办理的“${detail.itemName}”`;
  switch (detail.status) {
    case 'refused':
      return `${lead}，经审查，决定不予受理。现将原因及所需材料一次性告知如下。`;
    case 'rejected':
      return `${lead}，经审核，不予通过。现将原因一次性告知如下。`;
    case 'returned':
      return `${lead}，经审核，所提交材料需要补正。现将需补正的全部内容一次性告知如下，请补正后重新提交。`;
    default:
      return `${lead}，经审查，申请材料不齐全或不符合法定形式。现将需补正的全部内容一次性告知如下，请补齐后再来办理。`;
  }
}

/** Why a material is listed: the clerk's note, or the default for its status; plus its requirements. */
function defectReason(m: CaseDetail['materials'][number]): string {
  const why = m.note?.trim() || (m.status === 'missing' ? '未提供' : '不符合要求');
  const requirement = m.notes.length > 0 ? `；要求：${m.notes.join('；')}` : '';
  const promise = m.promiseAllowed ? '；可签署个人承诺书代替' : '';
  return `${MATERIAL_STATUS_LABELS[m.status]}：${why}${requirement}${promise}`;
}

function basisLine(b: NoticeItemInfo['legalBasis'][number]): string {
  const doc = b.docNo ? `（${b.docNo}）` : '';
  const articles = b.articles ? ` ${b.articles}` : '';
  return `${b.title}${doc}${articles}`;
}

/**
 * 一次性告知书: every missing or defective material at once, each with its reason, the item's
 * legal basis, what to bring back and whom to ask. A material is listed once even if the case
 * record holds it twice (same seq).
 */
export function buildOneTimeNotice(detail: CaseDetail, item: NoticeItemInfo, options: DocumentOptions): CaseDocumentDraft {
  const { hall } = options;
  const seen = new Set<string>();
  const defects = detail.materials.filter((m) => {
    if (materialReceived(m.status) || seen.has(m.seq)) return false;
    seen.add(m.seq);
    return true;
  });

  const bring = ['本告知书', `申请人${ID_KIND_LABELS[detail.applicant.idKind]}原件`];
  if (detail.agent) bring.push(`代办人${ID_KIND_LABELS[detail.agent.idKind]}原件`, '授权委托书');
  if (defects.length > 0) bring.push('上列需补正的全部材料');

  const contact = contactLine(hall);

  const blocks: Block[] = [
    { type: 'text', text: opening(detail, options) },
    { type: 'fields', rows: [...itemRows(detail, itemCode(detail)), ...partyRows('申请人', detail.applicant), ...(detail.agent ? partyRows('代办人', detail.agent) : [])] },
  ];
  if (detail.reason) blocks.push({ type: 'text', text: `告知事由：${detail.reason}`, emphasis: true });
  blocks.push(
    {
      type: 'list',
      title: '一次性告知：需补正的材料',
      items: defects.length > 0 ? defects.map((m, i) => `${i + 1}. ${m.name}（${defectReason(m)}）`) : ['（无材料需补正，原因见告知事由）'],
    },
    { type: 'list', title: '办理依据', items: item.legalBasis.length > 0 ? item.legalBasis.map((b, i) => `${i + 1}. ${basisLine(b)}`) : ['（本事项目录未列明设定依据）'] },
    { type: 'text', text: `补正时请携带：${bring.join('、')}。材料补齐后可到本大厅任一受理窗口办理。` },
    { type: 'text', text: `咨询：${contact}` },
    { type: 'fields', rows: footerRows(detail, options) },
    { type: 'signatures', labels: ['经办人', '申请人（签收）'] },
  );
  return draft('oneTimeNotice', detail, options, blocks);
}

function contactLine(hall: HallInfo): string {
  return [hall.hallName, counterText(hall), hall.address || undefined, hall.phone ? `咨询电话 ${hall.phone}` : undefined].filter(Boolean).join('，');
}

/**
 * 不予受理通知书: the decision, its reason, the item and its legal basis, and the person's
 * remedies with their time limits (行政复议法 第二十条: 60 days; 行政诉讼法 第四十六条: 6 months).
 * Unlike the 一次性告知书 it asks for no materials: the application is not taken in.
 */
export function buildRefusalNotice(detail: CaseDetail, item: NoticeItemInfo, options: DocumentOptions): CaseDocumentDraft {
  const when = formatChineseDate(detail.createdAt || options.issuedAt);
  const blocks: Block[] = [
    { type: 'text', text: `${detail.applicant.name}：您于${when}提出的“${detail.itemName}”申请，经审查，本机关决定不予受理。` },
    { type: 'fields', rows: [...itemRows(detail, itemCode(detail)), ...partyRows('申请人', detail.applicant), ...(detail.agent ? partyRows('代办人', detail.agent) : [])] },
    { type: 'text', text: `不予受理的理由：${detail.reason ?? '（未填写）'}`, emphasis: true },
  ];
  if (item.legalBasis.length > 0) blocks.push({ type: 'list', title: '依据', items: item.legalBasis.map((b, i) => `${i + 1}. ${basisLine(b)}`) });
  blocks.push(
    {
      type: 'text',
      text: '如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议（《中华人民共和国行政复议法》），或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》）。',
    },
    { type: 'text', text: `咨询：${contactLine(options.hall)}` },
    { type: 'fields', rows: footerRows(detail, options) },
    { type: 'signatures', labels: ['经办人', '申请人（签收）'] },
  );
  return draft('refusalNotice', detail, options, blocks);
}

function completedOn(detail: CaseDetail, options: DocumentOptions): string {
  const done = [...detail.history].reverse().find((h) => h.toStatus === detail.status);
  return formatChineseDate(done?.at ?? options.issuedAt);
}

/** 办结通知: the result and the item's message template, filled, for the applicant. */
export function buildCompletionNotice(detail: CaseDetail, options: DocumentOptions): CaseDocumentDraft {
  const result = detail.result ?? detail.reason ?? CASE_STATUS_LABELS[detail.status];
  const blocks: Block[] = [
    { type: 'text', text: `${detail.applicant.name}：您申请办理的“${detail.itemName}”已办理完毕，结果如下。` },
    {
      type: 'fields',
      rows: [
        ...itemRows(detail, itemCode(detail)),
        ...partyRows('申请人', detail.applicant),
        ['受理日期', detail.acceptedOn ? formatChineseDate(detail.acceptedOn) : '—'],
        ['办结日期', completedOn(detail, options)],
        ['办理状态', CASE_STATUS_LABELS[detail.status]],
        ['办理结果', result],
      ],
    },
  ];
  if (detail.message) blocks.push({ type: 'text', text: detail.message, emphasis: true });
  blocks.push({ type: 'fields', rows: footerRows(detail, options) }, { type: 'signatures', labels: ['经办人'] });
  return draft('completionNotice', detail, options, blocks);
}
