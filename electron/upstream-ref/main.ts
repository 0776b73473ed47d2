import path from 'node:path';
import { parseArgs } from 'node:util';
import { startReferenceUpstream } from './server';

/**
 * npm run upstream:dev -- [--port 5790] [--data .upstream-dev] [--key hall-dev:<secret>]
 *   [--delay-ms N] [--error-rate 0.1] [--drop-after-commit-rate 0.1] [--duplicate-rate 0.1]
 *   [--demo-bookings N]   (N made-up 预约 for today, hall time UTC+8, for the first key)
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5790' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.upstream-dev' },
    key: { type: 'string', multiple: true },
    'delay-ms': { type: 'string', default: '0' },
    'error-rate': { type: 'string', default: '0' },
    'drop-after-commit-rate': { type: 'string', default: '0' },
    'duplicate-rate': { type: 'string', default: '0' },
    'demo-bookings': { type: 'string', default: '0' },
  },
});
const keys = Object.fromEntries((values.key?.length ? values.key : ['hall-dev:dev-secret-0123456789abcdef']).map((k) => [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)]));
const server = await startReferenceUpstream({
  dataDir: path.resolve(values.data),
  keys,
  host: values.host,
  port: Number(values.port),
  faults: { delayMs: Number(values['delay-ms']), errorRate: Number(values['error-rate']), dropAfterCommitRate: Number(values['drop-after-commit-rate']), duplicateRate: Number(values['duplicate-rate']) },
});
seedDemoBookings(Number(values['demo-bookings']));
console.log(`reference upstream listening on ${server.url} (data ${path.resolve(values.data)}; keys ${Object.keys(keys).join(', ')})`);
console.log('faults:', JSON.stringify(server.faults), '— change at run time: curl -X POST', `${server.url}/_faults`, "-d '{\"errorRate\":0.2}'");
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * Made-up bookings for today (category A, half-hour slots from 09:00), for trying the hall's pull
 * by hand. Ids are fixed per day and index, so a restart does not add them again. The persons are
 * fake: 410102 + birth date + sequence, with the ISO 7064 MOD 11-2 check digit.
 */
function seedDemoBookings(n: number) {
  if (!Number.isInteger(n) || n <= 0) return;
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const known = new Set(server.bookingChanges().map((b) => b.bookingId));
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const channels = ['政务服务网', '微信', '支付宝'];
  for (let i = 0; i < n; i++) {
    const bookingId = `UBDEMO${day.replaceAll('-', '')}${String(i + 1).padStart(4, '0')}`;
    if (known.has(bookingId)) continue;
    const body = `410102${1960 + (i % 40)}0${1 + (i % 9)}1${i % 10}${String(100 + ((i * 7) % 800)).padStart(3, '0')}`;
    let p = 0;
    for (const ch of body) p = ((p + Number(ch)) * 2) % 11;
    const check = (12 - p) % 11;
    const start = 9 * 60 + 30 * (i % 14);
    server.book({ bookingId, channel: channels[i % channels.length], categoryId: 'A', item: { key: null, name: '演示预约事项' }, day, slot: { start: hhmm(start), end: hhmm(start + 30) }, person: { idKind: 'resident', idNumber: body + (check === 10 ? 'X' : String(check)), name: `演示${'甲乙丙丁戊己庚辛壬癸'.charAt(i % 10)}${i + 1}`, phone: null } });
  }
  console.log(`demo bookings for ${day}: ${n} (key ${Object.keys(keys)[0]})`);
}
