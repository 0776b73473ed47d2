// pino-roll ships no types; this is the part of its API we use (README, v4).
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';
  interface PinoRollOptions {
    file: string | (() => string);
    size?: number | string;
    frequency?: number | 'daily' | 'hourly' | 'custom';
    extension?: string;
    dateFormat?: string;
    mkdir?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    symlink?: boolean;
  }
  export default function build(options: PinoRollOptions): Promise<SonicBoom>;
}
