import type { CaseDetail } from '../../../shared/contract/cases';
import { buildAcceptanceReceipt, type CaseDocumentDraft, type HallInfo } from '../../../shared/cases/documents';
import { mod11CheckChar } from '../../../shared/identity/check-digits';

/**
 * The demo 受理回执 (`medins print receipt --demo`, 打印测试 on the settings screen's preview):
 * a made-up applicant whose name is outside GB2312 (王喆), a long item name, received and
 * missing materials, and the QR code of the progress query. The identity number is generated
 * (valid check digit, seq 999 of a made-up birth date), never a real person's.
 */
const FAKE_ID_17 = '41010219900101999';

export function demoCaseDetail(): CaseDetail {
  return {
    caseNo: '410100202611220030001',
    status: 'accepted',
    sourceId: 'national-2020',
    itemKey: '002036001002',
    itemName: '职工基本医疗保险参保人员异地就医备案（长期异地居住及工作人员）',
    applicantName: '王喆',
    applicantIdMasked: '',
    acceptedOn: '2026-11-22',
    dueDate: '2026-11-27',
    dueProvisional: false,
    workdaysLeft: 5,
    clerk: '张玥',
    counter: 3,
    createdAt: '2026-11-22T01:30:00.000Z',
    training: false,
    applicant: { idKind: 'resident', idNumber: FAKE_ID_17 + mod11CheckChar(FAKE_ID_17), name: '王喆' },
    agent: null,
    answers: {},
    answerLabels: [],
    materials: [
      { seq: '1', name: '居民身份证或社会保障卡', notes: [], promiseAllowed: false, dataSharing: null, status: 'original', note: null },
      { seq: '2', name: '《基本医疗保险参保人员异地就医备案表》', notes: [], promiseAllowed: false, dataSharing: null, status: 'original', note: null },
      { seq: '3', name: '异地居住证明或个人承诺书', notes: [], promiseAllowed: true, dataSharing: null, status: 'promise', note: '承诺人李堃代签' },
    ],
    form: {},
    timeLimitText: '5个工作日',
    ruleText: null,
    queryCode: 'Q7K2M9XD',
    reason: null,
    result: null,
    message: null,
    history: [],
    documents: [],
    pays: false,
    ticketId: null,
    ticketLabel: null,
    clerkName: '张玥',
  };
}

export const DEMO_HALL: HallInfo = {
  hallName: '郑州市医疗保障服务中心',
  counter: 3,
  counterName: '综合受理',
  regionCode: '410100',
  progressUrl: 'http://127.0.0.1:5780/#/progress',
};

export function demoReceipt(issuedAt: string, hall: HallInfo = DEMO_HALL): CaseDocumentDraft {
  return buildAcceptanceReceipt(demoCaseDetail(), { hall, issuedAt, clerkName: '张玥' });
}
