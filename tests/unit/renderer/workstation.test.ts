import { describe, expect, it } from 'vitest';
import { homePathFor, navSections } from '../../../renderer/app/nav';
import { isIdentityMaterial } from '../../../renderer/features/counter/cardFacts';
import { partyFromCard } from '../../../shared/cases/card';
import type { IdentityRecord } from '../../../shared/contract';
import { makeResidentId } from '../../fixtures/identity';

describe('where each role lands after signing in', () => {
  it('sends each role to its own work screen, never a clerk to 系统状态', () => {
    expect(homePathFor(['clerk'])).toBe('/counter');
    expect(homePathFor(['queueManager'])).toBe('/queue/console');
    expect(homePathFor(['supervisor'])).toBe('/stats');
    expect(homePathFor(['admin'])).toBe('/status');
    expect(homePathFor(['admin', 'clerk'])).toBe('/counter');
    expect(homePathFor([])).toBe('/status');
  });

  it('lands only on screens that exist in the navigation', () => {
    for (const roles of [['clerk'], ['queueManager'], ['supervisor'], ['admin']] as const) {
      const home = homePathFor(roles);
      const section = navSections.find((s) => s.path === home);
      expect(section, home).toBeDefined();
      expect(!section!.roles || section!.roles.some((r) => (roles as readonly string[]).includes(r))).toBe(true);
    }
  });
});

describe('card facts on the intake desk', () => {
  const idNumber = makeResidentId({ birthDate: '1985-03-14', sex: '男', seq: 7 });
  const card: IdentityRecord = {
    source: 'idcard', cardType: 'resident', name: '欧阳堃', sex: '男', nation: '达斡尔', nationCode: '31', birthDate: '1985-03-14',
    address: '河南省郑州市中原区培训路88号', idNumber, authority: '郑州市公安局', validFrom: '2016-05-20', validTo: '2036-05-20', expired: false, warnings: [], raw: {},
  };

  it('carries every fact the card holds, so nothing the card says is typed', () => {
    expect(partyFromCard(card)).toEqual({ idKind: 'resident', idNumber, name: '欧阳堃', sex: '男', nation: '达斡尔', birthDate: '1985-03-14', address: '河南省郑州市中原区培训路88号', cardSource: 'idcard' });
  });

  it('tells 港澳 from 台湾 residence permits by their number', () => {
    expect(partyFromCard({ ...card, cardType: 'hkmotw', idNumber: '830000199001010010' }).idKind).toBe('taiwan');
    expect(partyFromCard({ ...card, cardType: 'hkmotw', idNumber: '810000199001010010' }).idKind).toBe('hkmo');
  });

  it('knows the identity-document material a card read has just shown', () => {
    expect(isIdentityMaterial('有效身份证件(包括身份证、居住证、户口簿、护照等，下同)')).toBe(true);
    expect(isIdentityMaterial('居民身份证')).toBe(true);
    expect(isIdentityMaterial('《城乡居民基本医疗保险参保登记表》')).toBe(false);
    expect(isIdentityMaterial('代办人有效身份证件')).toBe(false);
  });
});
