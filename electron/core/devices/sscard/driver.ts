import type { SocialSecurityCard } from '../../../../shared/contract/readers';
import { AppError } from '../../errors';
import { ApduError, readSocialSecurityCard } from './apdu';
import { SimulatedSsCard } from './simulator';
import { deviceMessages } from '../../../../shared/messages/zh-CN';

/**
 * 社保卡 drivers: the APDU simulator, or the bridge — a local helper wrapping the national
 * reading library where the region requires terminal (PSAM) authentication:
 *   GET {url}/readCard → {"ok":true,"data":{"cardNumber","socialSecurityNumber","name","issuingRegion",
 *   "cardVersion","issueDate","validTo","cardIdentifier"}} | {"ok":false,"message"}
 * (a PC/SC transport can feed readSocialSecurityCard directly; none is bundled yet).
 */
export interface SsCardDriver {
  readonly name: string;
  read(): Promise<SocialSecurityCard>;
}

export function simulatedSsCardDriver(card = new SimulatedSsCard()): SsCardDriver & { card: SimulatedSsCard } {
  return {
    name: 'simulator',
    card,
    async read() {
      try {
        return await readSocialSecurityCard(card.transmit);
      } catch (error) {
        const msg = error instanceof ApduError ? error.message : '请插入社会保障卡';
        throw new AppError('NOT_FOUND', `sscard simulator: ${(error as Error).message}`, msg);
      }
    },
  };
}

export function bridgeSsCardDriver(url: string, timeoutMs = 15_000): SsCardDriver {
  return {
    name: 'bridge',
    async read() {
      let res: Response;
      try {
        res = await fetch(`${url.replace(/\/+$/, '')}/readCard`, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new AppError('NOT_FOUND', `sscard bridge unreachable: ${(error as Error).message}`, deviceMessages.sscardBridgeMissing);
      }
      const body = (await res.json().catch(() => null)) as { ok?: boolean; message?: string; data?: Omit<SocialSecurityCard, 'source' | 'raw'> } | null;
      if (!body?.ok || !body.data) throw new AppError('NOT_FOUND', `sscard bridge refused: HTTP ${res.status}`, body?.message || deviceMessages.sscardReadFailed);
      return { ...body.data, source: 'sscard', raw: { driver: 'bridge' } };
    },
  };
}
