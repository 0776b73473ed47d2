import { useEffect } from 'react';
import type { IdentityRecord } from '../../../shared/contract';
import type { TicketHolder } from '../../../shared/contract/queue';
import { partyFromCard } from '../../../shared/cases/card';
import { maskNamePublic } from '../../../shared/identity';
import { useIdReader } from '../readers/useReaders';
import { useEVoucherScan } from '../readers/useEVoucherScan';

/** How long a read card waits for the person to choose a category before the kiosk forgets it. */
const HOLD_MS = 60_000;

/**
 * 实名取号 (setting queue.realNameTickets): the person puts their ID card on the kiosk's reader
 * or shows their 医保电子凭证 to its scanner, then chooses a category; the ticket carries who
 * they are, so the clerk who calls it has them on screen at once. Only the masked name is shown.
 */
export function RealNameReader({ holder, onHolder }: { holder: TicketHolder | null; onHolder: (h: TicketHolder | null) => void }) {
  const fromRecord = (r: IdentityRecord) => onHolder(partyFromCard(r));
  const reader = useIdReader(fromRecord);
  useEVoucherScan(fromRecord);

  useEffect(() => {
    if (!holder) return;
    const timer = window.setTimeout(() => onHolder(null), HOLD_MS);
    return () => window.clearTimeout(timer);
  }, [holder, onHolder]);

  return (
    <div className={`kiosk-realname${holder ? ' is-read' : ''}`} data-testid="kiosk-realname" role="status">
      {holder ? (
        <>
          <span>
            已识别：<b>{maskNamePublic(holder.name)}</b>，请选择要办理的业务
          </span>
          <button type="button" className="kiosk-chip" onClick={() => onHolder(null)}>
            不是我
          </button>
        </>
      ) : (
        <span>实名取号：请将身份证放在读卡区，或出示医保电子凭证{reader.error ? `（${reader.error}）` : ''}</span>
      )}
    </div>
  );
}
