import { useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { IdentityRecord } from '../../../shared/contract';
import type { CheckInInput } from '../../../shared/contract/appointments';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { useIdReader } from '../readers/useReaders';
import { useEVoucherScan } from '../readers/useEVoucherScan';
import type { TakenTicket } from './KioskPage';

const IDLE_MS = 60_000;

/**
 * 预约签到: a booked visitor puts their ID card on the reader, shows their 医保电子凭证, or types
 * the booking code from the SMS; core finds today's booking and gives the 预约 ticket (or, when
 * the slot is over, a normal one) with a sentence saying when they will be called.
 */
export function BookingCheckIn({ onTaken, onCancel, onFailure }: { onTaken: (t: TakenTicket, message: string) => void; onCancel: () => void; onFailure: (text: string) => void }) {
  const { client } = useApi();
  const [code, setCode] = useState('');
  const checkIn = useMutation({
    mutationFn: (input: CheckInInput) => client.appointments.checkIn(input),
    onSuccess: (r) => onTaken(r.take, r.message),
    onError: (e) => onFailure(errorText(e)),
  });
  const fromRecord = (r: IdentityRecord) => {
    if (!checkIn.isPending) checkIn.mutate({ idNumber: r.idNumber });
  };
  const reader = useIdReader(fromRecord);
  useEVoucherScan(fromRecord);
  // Left alone (the visitor walked away), the kiosk goes back to 取号 for the next person.
  useEffect(() => {
    const timer = window.setTimeout(onCancel, IDLE_MS);
    return () => window.clearTimeout(timer);
  }, [code, onCancel]);

  return (
    <section className="kiosk-choose kiosk-checkin" data-testid="kiosk-checkin">
      <h1>预约签到</h1>
      <p className="kiosk-checkin-how">请将身份证放在读卡区，或出示医保电子凭证{reader.error ? `（${reader.error}）` : ''}</p>
      <form
        className="kiosk-checkin-code"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim()) checkIn.mutate({ code: code.trim() });
        }}
      >
        <label htmlFor="kiosk-booking-code">或输入短信中的预约码</label>
        <input id="kiosk-booking-code" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} maxLength={20} autoComplete="off" inputMode="text" placeholder="预约码" />
        <button type="submit" className="kiosk-action is-primary" disabled={!code.trim() || checkIn.isPending}>
          {checkIn.isPending ? '正在签到…' : '签到'}
        </button>
      </form>
      <button type="button" className="kiosk-action" onClick={onCancel}>
        返回取号
      </button>
    </section>
  );
}
