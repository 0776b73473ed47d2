import type { Command } from 'commander';
import type { Core } from '../../core/core';
import type { Actor } from '../../core/auth/audit';
import { AppError } from '../../core/errors';
import type { CaseDetail, CaseSummary } from '../../../shared/contract/cases';
import { CASE_STATUSES, CASE_STATUS_LABELS, MATERIAL_STATUS_LABELS, type CaseStatus } from '../../../shared/cases/model';
import { maskedPartyId } from '../../../shared/cases/documents';
import { toHallIso } from '../../../shared/system/hall-time';
import { CliFailure, print, withCore } from '../context';

/** The operator at the console: viewing a full case record is audited as "cli". */
const CLI_ACTOR: Actor = { id: null, name: 'cli', transport: 'cli' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `2026-11-23 09:00` in hall time. */
const hallTime = (iso: string) => toHallIso(Date.parse(iso)).slice(0, 16).replace('T', ' ');

/** Runs a case operation; a domain error (unknown case) becomes exit 1 with its Chinese text. */
async function withCases<T>(fn: (cases: Core['services']['cases']) => Promise<T>): Promise<T> {
  return withCore(async (core) => {
    try {
      return await fn(core.services.cases);
    } catch (error) {
      if (error instanceof AppError) throw new CliFailure(error.userText ?? error.message);
      throw error;
    }
  });
}

function parseStatus(value: string | undefined): CaseStatus | undefined {
  if (value === undefined) return undefined;
  if (!(CASE_STATUSES as readonly string[]).includes(value)) throw new CliFailure(`unknown status "${value}"; use one of ${CASE_STATUSES.join(', ')}`);
  return value as CaseStatus;
}

function parseDay(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new CliFailure(`--${name} must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

function summaryLine(c: CaseSummary): string {
  const due = c.dueDate ? `due ${c.dueDate}${c.workdaysLeft !== null ? ` (${c.workdaysLeft}d)` : ''}` : '';
  return [c.caseNo, CASE_STATUS_LABELS[c.status].padEnd(8, '　'), c.applicantName.padEnd(4, '　'), c.applicantIdMasked, c.itemName, due].filter(Boolean).join('  ');
}

/** Human view of one case: identity numbers masked (use --json for the full audited record). */
function describeCase(d: CaseDetail): string {
  const lines = [
    `${d.caseNo}  ${CASE_STATUS_LABELS[d.status]}${d.training ? '  [培训]' : ''}`,
    `事项    ${d.itemName} (${d.sourceId} ${d.itemKey})`,
    `申请人  ${d.applicant.name}  ${maskedPartyId(d.applicant)}`,
    ...(d.agent ? [`代办人  ${d.agent.name}  ${maskedPartyId(d.agent)}`] : []),
    `受理    ${d.acceptedOn ?? '—'}  窗口 ${d.counter}  经办 ${d.clerk}`,
    `时限    ${d.timeLimitText}${d.dueDate ? `  办结期限 ${d.dueDate}` : ''}${d.workdaysLeft !== null ? `  剩余 ${d.workdaysLeft} 个工作日` : ''}`,
    `查询码  ${d.queryCode}`,
    ...(d.reason ? [`原因    ${d.reason}`] : []),
    ...(d.result ? [`结果    ${d.result}`] : []),
    '材料',
    ...d.materials.map((m) => `  ${m.seq}. ${m.name}  ${MATERIAL_STATUS_LABELS[m.status]}${m.note ? `（${m.note}）` : ''}`),
    '经过',
    ...d.history.map((h) => `  ${hallTime(h.at)}  ${h.action}  ${h.fromStatus ?? '—'} → ${h.toStatus}  ${h.actor}${h.note ? `  ${h.note}` : ''}`),
    ...(d.documents.length ? ['文书', ...d.documents.map((doc) => `  #${doc.id} ${doc.title}  ${hallTime(doc.createdAt)}`)] : []),
  ];
  return lines.join('\n');
}

export function registerCasesCommands(program: Command): void {
  const cases = program.command('cases').description('cases (办件) handled at the counters');

  cases
    .command('list')
    .description('cases, newest first; names and identity numbers masked')
    .option('--status <status>', `only this status: ${CASE_STATUSES.join(', ')}`)
    .option('--from <YYYY-MM-DD>', 'created on or after this hall day')
    .option('--to <YYYY-MM-DD>', 'created on or before this hall day')
    .option('--limit <n>', 'at most n cases (1-500)', '50')
    .option('--json', 'print JSON')
    .action(async (opts: { status?: string; from?: string; to?: string; limit: string; json?: boolean }) => {
      const status = parseStatus(opts.status);
      const from = parseDay('from', opts.from);
      const to = parseDay('to', opts.to);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new CliFailure(`--limit must be a whole number 1-500, got "${opts.limit}"`);
      if (from && to && from > to) throw new CliFailure(`--from ${from} is after --to ${to}`);
      await withCases(async (c) => {
        const found = await c.search({ status, from, to, limit });
        const human = found.cases.length ? [...found.cases.map(summaryLine), `(${found.cases.length} of ${found.total})`].join('\n') : '(no cases)';
        print(opts.json === true, found, human);
      });
    });

  cases
    .command('show')
    .description('one case with materials, history and documents (viewing is audited; JSON holds the full record)')
    .argument('<case-number>', 'the 21-digit 办件编号 (22 digits from a counter’s 10 000th case of a day)')
    .option('--json', 'print JSON')
    .action(async (caseNo: string, opts: { json?: boolean }) => {
      if (!/^\d{21,22}$/.test(caseNo.trim())) throw new CliFailure(`办件编号为21或22位数字: "${caseNo}"`);
      await withCases(async (c) => {
        const detail = await c.get(CLI_ACTOR, caseNo.trim());
        print(opts.json === true, detail, describeCase(detail));
      });
    });
}
