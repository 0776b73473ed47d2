import { SerialPort } from 'serialport';
import { buildResponse, FrameSplitter, parseRequest, type FrameError } from './frame';
import { encodeTextBlock, FAKE_CARDS, fakePhoto, type FakeCard } from './fake-cards';
import { PHOTO_BYTES, TEXT_BLOCK_BYTES } from './text-block';

export type SimFault = 'none' | 'bad-checksum' | 'silent' | 'read-fails' | 'truncate';

/**
 * A fake SAM reader: it answers request frames with the bytes a real reader sends. It holds the
 * fake cards; one may be "on" the reader. Like real readers, a card that has been read is not
 * found again until it leaves the field and comes back.
 */
export class SimulatedSamReader {
  private placed: FakeCard | null = null;
  private readSincePlaced = false;
  private selected = false;
  fault: SimFault = 'none';
  /** every request frame received, for tests */
  readonly received: Buffer[] = [];
  private readonly splitter: FrameSplitter;
  private listeners: ((bytes: Buffer) => void)[] = [];

  constructor(readonly cards: readonly FakeCard[] = FAKE_CARDS) {
    this.splitter = new FrameSplitter(
      (frame) => this.onFrame(frame),
      (error: FrameError) => this.emit(buildResponse(error.problem === 'checksum' ? 0x10 : 0x11)),
    );
  }

  /** Bytes from the host (the serial line). */
  write(bytes: Uint8Array): void {
    this.splitter.push(bytes);
  }

  /** Bytes to the host. */
  onOutput(listener: (bytes: Buffer) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  place(cardId: string | null): void {
    if (cardId === null) {
      this.placed = null;
    } else {
      const card = this.cards.find((c) => c.id === cardId);
      if (!card) throw new Error(`no simulated card "${cardId}"`);
      this.placed = card;
    }
    this.readSincePlaced = false;
    this.selected = false;
  }

  placedCard(): string | null {
    return this.placed?.id ?? null;
  }

  private emit(bytes: Buffer): void {
    if (this.fault === 'silent') return;
    let out = bytes;
    if (this.fault === 'bad-checksum') {
      out = Buffer.from(bytes);
      out[out.length - 1] = (out[out.length - 1] ?? 0) ^ 0xff;
    } else if (this.fault === 'truncate') {
      out = bytes.subarray(0, Math.max(8, bytes.length >> 1));
    }
    for (const l of this.listeners) l(out);
  }

  private onFrame(frame: Buffer): void {
    this.received.push(frame);
    const { cmd, para } = parseRequest(frame);
    const key = (cmd << 8) | para;
    switch (key) {
      case 0x10ff: // reset SAM
      case 0x11ff: // SAM status
      case 0x61ff: // max RF frame bytes
        return this.emit(buildResponse(0x90));
      case 0x12ff: // SAM id: 16 bytes
        return this.emit(buildResponse(0x90, Buffer.from('0501000020231122000000010000abcd', 'hex')));
      case 0x2001: // find card
        if (this.placed && !this.readSincePlaced) return this.emit(buildResponse(0x9f, Buffer.alloc(4)));
        return this.emit(buildResponse(0x80));
      case 0x2002: // select card
        if (!this.placed || this.readSincePlaced) return this.emit(buildResponse(0x81));
        this.selected = true;
        return this.emit(buildResponse(0x90, Buffer.alloc(8)));
      case 0x3001:
      case 0x3010: {
        if (!this.placed || !this.selected || this.fault === 'read-fails') return this.emit(buildResponse(0x41));
        const text = encodeTextBlock(this.placed);
        const photo = fakePhoto(this.placed.id);
        const head = Buffer.alloc(key === 0x3010 ? 6 : 4);
        head.writeUInt16BE(TEXT_BLOCK_BYTES, 0);
        head.writeUInt16BE(PHOTO_BYTES, 2);
        if (key === 0x3010) head.writeUInt16BE(0, 4);
        this.readSincePlaced = true;
        this.selected = false;
        return this.emit(buildResponse(0x90, Buffer.concat([head, text, photo])));
      }
      default:
        return this.emit(buildResponse(0x21));
    }
  }
}

/**
 * Runs the simulator behind a serial device path: the far end of a socat pty pair (tests,
 * `idcard simulate`), so the real serial driver talks to it byte for byte.
 */
export async function serveSimulatorOnPort(sim: SimulatedSamReader, path: string, baudRate = 115200): Promise<{ close(): Promise<void> }> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  port.on('data', (chunk: Buffer) => sim.write(chunk));
  const off = sim.onOutput((bytes) => port.write(bytes));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        off();
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}
