import type { Command } from 'commander';
import { checkIdNumber } from '../../../shared/identity';
import { ID_KIND_LABELS } from '../../../shared/identity';
import { print } from '../context';

/**
 * `id check <number>`: recognises and validates an identity number or 统一社会信用代码.
 * Exit 0 whenever the check ran, valid or not — scripts read `valid`; exit 2 for usage errors.
 * Needs no data folder (pure check, nothing stored or logged).
 */
export function registerIdCommands(program: Command): void {
  const id = program.command('id').description('identity numbers (居民身份证, 居住证, 外国人永久居留证) and 统一社会信用代码');

  id.command('check')
    .description('validate a number: kind, birth date, sex, region; reason (Chinese) when invalid. Exit 0 either way.')
    .argument('<number>', 'the number (lower-case x and full-width characters are accepted)')
    .option('--json', 'print JSON')
    .action((value: string, opts: { json?: boolean }) => {
      const r = checkIdNumber(value);
      const out = {
        valid: r.valid,
        kind: r.kind,
        birthDate: r.birthDate ?? null,
        sex: r.sex ?? null,
        region: r.region ?? null,
        reason: r.reason ?? null,
      };
      const kind = r.kind ? ID_KIND_LABELS[r.kind] : '无法识别';
      const human = r.valid
        ? [`有效  ${kind}`, r.birthDate && `出生日期  ${r.birthDate}`, r.sex && `性别  ${r.sex}`, r.region && `地区  ${r.region}`].filter(Boolean).join('\n')
        : `无效  ${kind}：${r.reason ?? ''}`;
      print(opts.json === true, out, human);
    });
}
