import path from 'node:path';
import { parseArgs } from 'node:util';
import { startReferenceUpstream } from './server';

/**
 * npm run upstream:dev -- [--port 5790] [--data .upstream-dev] [--key hall-dev:<secret>]
 *   [--delay-ms N] [--error-rate 0.1] [--drop-after-commit-rate 0.1] [--duplicate-rate 0.1]
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
console.log(`reference upstream listening on ${server.url} (data ${path.resolve(values.data)}; keys ${Object.keys(keys).join(', ')})`);
console.log('faults:', JSON.stringify(server.faults), '— change at run time: curl -X POST', `${server.url}/_faults`, "-d '{\"errorRate\":0.2}'");
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
