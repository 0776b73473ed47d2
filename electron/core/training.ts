import type { CoreServices } from './core';
import type { Actor } from './auth/audit';
import { mod11CheckChar } from '../../shared/identity/check-digits';

/**
 * Sample activity for a new training database, so every screen has something to show: a
 * morning's tickets in several lines and cases in different states. The people are made up;
 * their ID numbers are generated with valid check digits from fake dates and sequences.
 */
const PEOPLE = [
  { name: '赵培训', birth: '19680312', seq: '123' },
  { name: '钱示例', birth: '19850707', seq: '246' },
  { name: '孙练习', birth: '19920125', seq: '358' },
  { name: '李演示', birth: '19790930', seq: '471' },
];

export function trainingIdNumber(birth: string, seq: string): string {
  const first17 = `410102${birth}${seq}`;
  return first17 + mod11CheckChar(first17);
}

export async function seedTrainingSamples(services: Pick<CoreServices, 'queue' | 'cases'>): Promise<void> {
  const clerk: Actor & { id: number | null } = { id: null, name: 'clerk', counter: 1, transport: 'training' };
  const kiosk: Actor = { id: null, name: 'device:培训取号机', transport: 'training' };
  for (const [category, priority] of [['A', null], ['A', null], ['B', '老年人'], ['C', null], ['A', null], ['D', null]] as const) {
    await services.queue.take(kiosk, category, priority, 'kiosk');
  }
  const people = PEOPLE.map((p) => ({ idKind: 'resident' as const, idNumber: trainingIdNumber(p.birth, p.seq), name: p.name, phone: '13800000000' }));
  const enrolment = services.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] });
  // Fields that repeat the applicant or an answer are left for core to fill, as the screen leaves them.
  const sample = (type: string) => (type === 'phone' ? '13800000000' : type === 'date' ? '2026-01-05' : type === 'bankAccount' ? '6222020200112233445' : type === 'amount' ? '100.00' : type === 'code' ? 'A1' : '示例');
  const form = Object.fromEntries(enrolment.fields.filter((f) => !f.mirror && !f.fromCondition).map((f) => [f.name, f.defaultOption ?? f.options?.[0] ?? sample(f.type)]));
  const all = (status: 'original') => enrolment.materials.map((m) => ({ seq: m.seq, status }));
  await services.cases.intake(clerk, { item: '002036001002', applicant: people[0]!, answers: { personType: 'employed' }, materials: all('original'), form, decision: 'accept' });
  await services.cases.intake(clerk, { item: '002036001002', applicant: people[1]!, answers: { personType: 'employed' }, materials: all('original'), form, decision: 'accept' });
  await services.cases.intake(clerk, {
    item: '002036001002',
    applicant: people[2]!,
    answers: { personType: 'employed' },
    materials: enrolment.materials.map((m, i) => ({ seq: m.seq, status: i === 0 ? ('missing' as const) : ('original' as const) })),
    form,
    decision: 'requestCorrection',
    reason: '缺少参保登记表（培训示例）',
  });
}
