import type { IdentityRecord } from '../../../../shared/contract/readers';
import { checkIdNumber } from '../../../../shared/identity';
import { AppError } from '../../errors';
import { fakeId } from '../idcard/fake-cards';
import { deviceMessages } from '../../../../shared/messages/zh-CN';

/**
 * 医保电子凭证: the QR scanner's text goes to a decoding service (the national DLL behind a
 * local helper). Interface the helper must offer (docs/devices.md):
 *   POST {url}  {"code","businessType","orgId","operatorId","operatorName","deviceType"}
 *   → 200 {"ok":true,"data":{"idType":"01","idNo","userName","ecToken","insuOrg"?}}
 *   | {"ok":false,"message":"中文原因"}
 */
export interface EVoucherIdentity {
  idType: string;
  idNo: string;
  userName: string;
  ecToken: string;
  insuOrg?: string;
}

export interface EVoucherDriver {
  readonly name: string;
  decode(code: string, businessType: string): Promise<EVoucherIdentity>;
}

export function httpEVoucherDriver(url: string, context: { orgId: string; operatorId: string; operatorName: string }, timeoutMs = 10_000): EVoucherDriver {
  return {
    name: 'http',
    async decode(code, businessType) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, businessType, ...context, deviceType: 'Counter' }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new AppError('NOT_FOUND', `evoucher service unreachable: ${(error as Error).message}`, deviceMessages.evoucherUnreachable);
      }
      const body = (await res.json().catch(() => null)) as { ok?: boolean; message?: string; data?: EVoucherIdentity } | null;
      if (!body?.ok || !body.data?.idNo) throw new AppError('BAD_REQUEST', `evoucher service refused: HTTP ${res.status}`, body?.message || deviceMessages.evoucherInvalid);
      return body.data;
    },
  };
}

/** Codes "SIMQR-…" decode to a fake person; anything else is refused like an expired code. */
export function simulatedEVoucherDriver(): EVoucherDriver {
  return {
    name: 'simulator',
    async decode(code) {
      if (!code.startsWith('SIMQR-')) throw new AppError('BAD_REQUEST', 'simulated evoucher: unknown code', deviceMessages.evoucherInvalid);
      return { idType: '01', idNo: fakeId('410102', '1985-03-14', '517'), userName: '欧阳堃', ecToken: `sim-${code.slice(6, 30)}`, insuOrg: '410100' };
    },
  };
}

export function eVoucherToRecord(id: EVoucherIdentity, now: number): IdentityRecord {
  const check = checkIdNumber(id.idNo);
  if (!check.valid || !check.sex || !check.birthDate) {
    throw new AppError('BAD_REQUEST', 'evoucher identity has no valid id number', deviceMessages.evoucherIdInvalid(check.reason ?? ''));
  }
  void now;
  return {
    source: 'evoucher',
    cardType: check.kind === 'foreign2023' ? 'foreign2023' : check.kind === 'hkmo' || check.kind === 'taiwan' ? 'hkmotw' : 'resident',
    name: id.userName,
    sex: check.sex,
    nation: '',
    nationCode: '',
    birthDate: check.birthDate,
    address: '',
    idNumber: check.normalized ?? id.idNo,
    authority: '',
    validFrom: '',
    validTo: '',
    expired: false,
    warnings: [],
    raw: { idType: id.idType, ecToken: id.ecToken, ...(id.insuOrg ? { insuOrg: id.insuOrg } : {}) },
  };
}
