import { EventEmitter } from 'node:events';
import type { IdentityRecord, ReaderDevice, ReaderState, ReaderStatus } from '../../../shared/contract/readers';

/** Clear Chinese for each state; a driver may say more in `message`. */
export const STATE_TEXT: Record<ReaderState, string> = {
  off: '读卡器未启用',
  absent: '未检测到读卡器',
  idle: '请放置证件',
  reading: '正在读卡，请勿移动证件',
  ready: '读卡成功',
  error: '读卡失败，请重新放置',
};

/** What every ID-card driver offers (SAM serial, vendor HTTP, simulator). */
export interface IdCardDriver {
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
  status(): ReaderStatus;
  /** The card read now, or the one placed within waitMs; throws AppError with the state in Chinese. */
  read(waitMs: number): Promise<IdentityRecord>;
  on(event: 'status', listener: (status: ReaderStatus) => void): this;
  on(event: 'card', listener: (record: IdentityRecord) => void): this;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- EventEmitter's own signature
  off(event: 'status' | 'card', listener: (...args: any[]) => void): this;
  removeAllListeners(event?: 'status' | 'card'): this;
}

/** Status bookkeeping shared by drivers: emits 'status' only on a change. */
export class StatusHolder extends EventEmitter {
  private current: ReaderStatus;

  constructor(
    readonly device: ReaderDevice,
    readonly driverName: string,
    initial: ReaderState,
  ) {
    super();
    this.setMaxListeners(100);
    this.current = { device, driver: driverName, state: initial, message: STATE_TEXT[initial], at: new Date().toISOString() };
  }

  status(): ReaderStatus {
    return this.current;
  }

  protected setState(state: ReaderState, message: string = STATE_TEXT[state], detail?: string): void {
    if (this.current.state === state && this.current.message === message) return;
    this.current = { device: this.device, driver: this.driverName, state, message, ...(detail ? { detail } : {}), at: new Date().toISOString() };
    this.emit('status', this.current);
  }
}
