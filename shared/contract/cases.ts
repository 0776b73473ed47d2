import { z } from 'zod';
import { CASE_STATUSES, MATERIAL_STATUSES } from '../cases/model';
import { publicProc, userProc } from './base';

export const ID_KINDS = ['resident', 'hkmo', 'taiwan', 'foreign2017', 'foreign2023', 'credit-code'] as const;
export const idKindSchema = z.enum(ID_KINDS);

const day = z.iso.date();
const caseNo = z.string().max(21).regex(/^\d{21}$/, '办件编号为21位数字');

/** Where a party's facts came from: a card or voucher read, or typed by the clerk. */
export const CARD_SOURCES = ['idcard', 'sscard', 'evoucher', 'manual'] as const;

/** 申请人 or 代办人: who they are, as on their card or typed. */
export const partySchema = z.object({
  idKind: idKindSchema,
  idNumber: z.string().trim().min(1, '请填写证件号码').max(40),
  name: z.string().trim().min(1, '请填写姓名').max(60),
  phone: z.string().trim().max(20).optional(),
  /** Card facts (居民身份证 / 社保卡 / 医保电子凭证), so the 受理信息 that repeat them are never typed. */
  sex: z.enum(['男', '女']).optional(),
  nation: z.string().trim().max(20).optional(),
  birthDate: day.optional(),
  /** 住址 as printed on the card. */
  address: z.string().trim().max(200).optional(),
  cardSource: z.enum(CARD_SOURCES).optional(),
});
export type Party = z.infer<typeof partySchema>;

/** Bounds of what a client may send: ids and keys, and the values of the intake form. */
const ref = z.string().max(100);
const formValue = z.string().max(500);

export const materialInputSchema = z.object({
  seq: ref,
  status: z.enum(MATERIAL_STATUSES),
  note: z.string().max(200).optional(),
});

export const intakeInputSchema = z.object({
  /** Defaults to the hall's active catalog source. */
  sourceId: ref.optional(),
  /** Item key, code or name as in the catalog. */
  item: z.string().min(1, '请选择事项').max(200),
  applicant: partySchema,
  /** 委托办理: the agent who came in the applicant's place (授权委托书 is then a material). */
  agent: partySchema.optional(),
  /** Condition id → chosen option id. */
  answers: z.record(ref, ref).default({}),
  /** Labels of time-limit conditions no question covers (特殊情况…). */
  flags: z.array(ref).default([]),
  materials: z.array(materialInputSchema),
  /** 受理信息必填项: field name → value. */
  form: z.record(ref, formValue).default({}),
  decision: z.enum(['accept', 'refuse', 'requestCorrection']),
  /** Why: required to refuse or to ask for corrections. */
  reason: z.string().trim().max(500).optional(),
  /** 即办件: complete on the spot right after acceptance. */
  completeNow: z.boolean().default(false),
  // No ticket here: core links the decision to the ticket called or served at the clerk's counter.
});
export type IntakeInput = z.input<typeof intakeInputSchema>;

/** The applicant facts a 受理信息 field can repeat (shared/cases/mirror.ts maps field names to them). */
export const MIRROR_FACTS = ['name', 'idDoc', 'idNumber', 'birthDate', 'phone', 'address', 'sex', 'nation'] as const;
export type MirrorFact = (typeof MIRROR_FACTS)[number];

export const fieldSpecSchema = z.object({
  name: z.string(),
  type: z.enum(['text', 'phone', 'bankAccount', 'date', 'amount', 'code', 'idNumber', 'textarea']),
  required: z.boolean(),
  /** Where the field list came from: the active source, or hubei-2022 when it lists none. */
  from: z.string(),
  /** The applicant fact this field repeats: filled from the applicant, and must not contradict it. */
  mirror: z.enum(MIRROR_FACTS).optional(),
  /** A fixed set of answers (from the condition question, or settings intake.fieldChoices). */
  options: z.array(z.string()).optional(),
  defaultOption: z.string().optional(),
  /** Id of the condition question whose chosen option label answers this field. */
  fromCondition: z.string().optional(),
});
export type FieldSpec = z.infer<typeof fieldSpecSchema>;

export const requiredMaterialSchema = z.object({
  seq: z.string(),
  name: z.string(),
  conditionLabel: z.string().optional(),
  notes: z.array(z.string()).default([]),
  promiseAllowed: z.boolean(),
  dataSharing: z.boolean().nullable(),
});

/** What the intake screen needs for one item and the answers so far. */
export const requirementsSchema = z.object({
  sourceId: z.string(),
  itemKey: z.string(),
  itemName: z.string(),
  mainItemName: z.string().optional(),
  code: z.string().optional(),
  handlingType: z.string().optional(),
  pays: z.boolean(),
  conditions: z.array(z.object({ id: z.string(), question: z.string(), options: z.array(z.object({ id: z.string(), label: z.string() })) })),
  materials: z.array(requiredMaterialSchema),
  fields: z.array(fieldSpecSchema),
  timeLimit: z.object({
    text: z.string(),
    ruleText: z.string().nullable(),
    dueDateIfToday: z.string().nullable(),
    /** 暂定: the date needs a year whose arrangement is not loaded (counted Monday–Friday) */
    dueDateProvisional: z.boolean(),
    problem: z.string().nullable(),
  }),
  legalBasis: z.array(z.object({ title: z.string(), docNo: z.string().optional(), articles: z.string().optional() })),
});
export type Requirements = z.infer<typeof requirementsSchema>;

export const caseSummarySchema = z.object({
  caseNo: z.string(),
  status: z.enum(CASE_STATUSES),
  sourceId: z.string(),
  itemKey: z.string(),
  itemName: z.string(),
  applicantName: z.string(),
  applicantIdMasked: z.string(),
  acceptedOn: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** 暂定办结日期: counted Monday–Friday in a year whose arrangement is not loaded; shown with 暂定 everywhere. */
  dueProvisional: z.boolean(),
  /** Working days left until the due date (negative when overdue); null when not running. */
  workdaysLeft: z.int().nullable(),
  /** The clerk's login name (the filter and the audit log use it). */
  clerk: z.string(),
  /** The clerk's display name (经办人 on screens and documents); the login name when none is set. */
  clerkName: z.string(),
  counter: z.int(),
  createdAt: z.string(),
  training: z.boolean(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseHistorySchema = z.object({
  at: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actor: z.string(),
  counter: z.int().nullable(),
  note: z.string().nullable(),
});

export const caseMaterialSchema = requiredMaterialSchema.extend({ status: z.enum(MATERIAL_STATUSES), note: z.string().nullable() });

export const DOCUMENT_KINDS = ['acceptanceReceipt', 'oneTimeNotice', 'refusalNotice', 'completionNotice'] as const;
export const documentRefSchema = z.object({ id: z.int(), kind: z.enum(DOCUMENT_KINDS), title: z.string(), createdAt: z.string() });

export const caseDetailSchema = caseSummarySchema.extend({
  applicant: partySchema,
  agent: partySchema.nullable(),
  answers: z.record(z.string(), z.string()),
  answerLabels: z.array(z.string()),
  materials: z.array(caseMaterialSchema),
  form: z.record(z.string(), z.string()),
  timeLimitText: z.string(),
  ruleText: z.string().nullable(),
  queryCode: z.string(),
  reason: z.string().nullable(),
  result: z.string().nullable(),
  /** The item's message template for the applicant, filled (success or failure). */
  message: z.string().nullable(),
  history: z.array(caseHistorySchema),
  documents: z.array(documentRefSchema),
  pays: z.boolean(),
  /** The queue ticket this decision was made under (linked by core), if any. */
  ticketId: z.string().nullable(),
  ticketLabel: z.string().nullable(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** A printable document as data: the screen renders it to HTML, core to PDF, [print-scan] to ESC/POS. */
export const documentBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fields'), rows: z.array(z.tuple([z.string(), z.string()])) }),
  z.object({ type: z.literal('list'), title: z.string(), items: z.array(z.string()) }),
  z.object({ type: z.literal('text'), text: z.string(), emphasis: z.boolean().optional() }),
  z.object({ type: z.literal('qr'), value: z.string(), caption: z.string() }),
  z.object({ type: z.literal('signatures'), labels: z.array(z.string()) }),
]);
export const caseDocumentSchema = documentRefSchema.extend({
  caseNo: z.string(),
  hallName: z.string(),
  issuedAt: z.string(),
  blocks: z.array(documentBlockSchema),
});
export type CaseDocument = z.infer<typeof caseDocumentSchema>;

export const progressSchema = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  applicantName: z.string(),
  status: z.enum(CASE_STATUSES),
  statusLabel: z.string(),
  acceptedOn: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** 暂定办结日期 (see caseSummarySchema) */
  dueProvisional: z.boolean(),
  steps: z.array(z.object({ label: z.string(), at: z.string().nullable(), done: z.boolean() })),
  /** The hall's time zone: the public page has no clock stream and shows step times in it. */
  timeZone: z.string(),
});

const searchSchema = z.object({
  caseNo: z.string().max(21).optional(),
  idNumber: z.string().max(40).optional(),
  name: z.string().max(60).optional(),
  from: day.optional(),
  to: day.optional(),
  item: z.string().max(200).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  clerk: z.string().max(32).optional(),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
});

const staff = userProc(['clerk', 'supervisor']);
const caseRef = z.object({ caseNo });

export const casesContract = {
  requirements: staff.input(z.object({ sourceId: ref.optional(), item: z.string().max(200), answers: z.record(ref, ref).default({}), flags: z.array(ref).default([]) })).output(requirementsSchema),
  intake: userProc(['clerk']).input(intakeInputSchema).output(caseDetailSchema),
  review: staff.input(caseRef.extend({ decision: z.enum(['approve', 'return', 'reject']), reason: z.string().trim().max(500).optional(), defects: z.array(z.object({ seq: ref, note: z.string().max(200) })).default([]) })).output(caseDetailSchema),
  pay: staff.input(caseRef.extend({ note: z.string().trim().max(200).optional() })).output(caseDetailSchema),
  complete: staff.input(caseRef.extend({ result: z.string().trim().min(1, '请填写办理结果').max(500) })).output(caseDetailSchema),
  withdraw: staff.input(caseRef.extend({ reason: z.string().trim().min(1, '请填写撤回原因').max(500) })).output(caseDetailSchema),
  resubmit: staff.input(caseRef.extend({ materials: z.array(materialInputSchema) })).output(caseDetailSchema),
  search: staff.input(searchSchema.prefault({})).output(z.object({ cases: z.array(caseSummarySchema), total: z.int() })),
  /** The full record, unmasked: recorded in the audit log as a view of a person's data. */
  get: staff.input(caseRef).output(caseDetailSchema),
  deadlines: staff.input(z.object({ dueWithinWorkdays: z.int().min(0).max(30).default(3) }).prefault({})).output(z.object({ overdue: z.array(caseSummarySchema), dueSoon: z.array(caseSummarySchema) })),
  document: staff.input(z.object({ id: z.int() })).output(caseDocumentSchema),
  /** The document as PDF, base64. */
  documentPdf: staff.input(z.object({ id: z.int(), layout: z.enum(['a4', 'receipt80', 'receipt58']).default('a4') })).output(z.object({ fileName: z.string(), base64: z.string() })),
  /** 办理进度查询 by the code on the 受理回执: public, nothing personal beyond a masked name. */
  progress: publicProc.input(z.object({ code: z.string().trim().min(6).max(32) })).output(progressSchema),
};
