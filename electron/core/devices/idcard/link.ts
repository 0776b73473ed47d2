import { SerialPort } from 'serialport';
import type { SimulatedSamReader } from './simulator';

/** A byte pipe to a reader: a serial port, or the simulator in-process. */
export interface ByteLink {
  write(bytes: Buffer): void;
  onData(listener: (bytes: Buffer) => void): void;
  /** The device went away (unplugged) or the link was closed. */
  onClose(listener: (error?: Error) => void): void;
  close(): Promise<void>;
}
export type LinkOpener = () => Promise<ByteLink>;

export function serialLink(path: string, baudRate: number): LinkOpener {
  return async () => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    return {
      write: (bytes) => {
        port.write(bytes);
      },
      onData: (l) => port.on('data', l),
      onClose: (l) => {
        port.on('close', (err: Error | null) => l(err ?? undefined));
        port.on('error', (err: Error) => l(err));
      },
      close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
    };
  };
}

/**
 * The simulator without a serial line (training mode, `npm start`): bytes are delivered as if
 * they crossed a wire at `baudRate` (10 bits a byte), so timing stays realistic.
 */
export function simulatorLink(sim: SimulatedSamReader, baudRate = 115200): LinkOpener {
  return async () => {
    const closeListeners: ((e?: Error) => void)[] = [];
    const dataListeners: ((b: Buffer) => void)[] = [];
    let open = true;
    const wire = (bytes: Buffer) => Math.ceil((bytes.length * 10 * 1000) / baudRate);
    const off = sim.onOutput((bytes) => {
      setTimeout(() => open && dataListeners.forEach((l) => l(bytes)), wire(bytes));
    });
    return {
      write: (bytes) => {
        setTimeout(() => open && sim.write(bytes), wire(bytes));
      },
      onData: (l) => dataListeners.push(l),
      onClose: (l) => closeListeners.push(l),
      close: async () => {
        if (!open) return;
        open = false;
        off();
        closeListeners.forEach((l) => l());
      },
    };
  };
}
