import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { RPCHandler as HttpRpcHandler } from '@orpc/server/node';
import { StandardRPCHandler } from '@orpc/server/standard';
import { WebSocketServer } from 'ws';
import sirv from 'sirv';
import type { CoreHost } from '../core/profiles';
import { router } from '../core/rpc/router';
import { rpcHandlerOptions } from '../core/rpc/handler-options';
import { readSchemaVersion } from '../core/db/handle';
import { APP_VERSION } from '../core/version';
import { checkAccessConfig, hostHeaderAllowed, openWithoutToken, originAllowed, PUBLIC_RPC_PATHS, requestHasToken, safeEqual, TOKEN_COOKIE } from './access';
import { setSecurityHeaders } from './security-headers';
import { bodyLimitFor, BodyTooLargeError, createRateLimiter, readBody, refuseTooLarge, sendRpcError } from './limits';
import { MAX_WS_FRAME_BYTES, serveRpcSocket } from './ws-rpc';
import { malformedBody } from '../core/rpc/handler-options';

export interface WebHostOptions {
  /** The running core; it may be switched (training mode) while the web host runs. */
  cores: Pick<CoreHost, 'current'>;
  host: string;
  port: number;
  accessToken?: string;
  /** The built renderer (dist/renderer); without it only the API and /healthz are served. */
  staticDir?: string;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const RPC_PREFIX = '/rpc';
export const RPC_WS_PATH = '/rpc-ws';

/**
 * The web host: the built renderer plus the contract over HTTP (calls) and WebSocket (calls
 * and event streams), served from the same core the Electron app uses.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  checkAccessConfig(options.host, options.accessToken);
  const { cores, accessToken } = options;
  const logger = cores.current().services.logger;
  const httpRpc = new HttpRpcHandler(router, rpcHandlerOptions);
  const wsRpc = new StandardRPCHandler(router, rpcHandlerOptions);
  // 办理进度查询 is open to any phone on the hall Wi-Fi: a few lookups a minute per phone is plenty.
  const publicLimiter = createRateLimiter({ perMinute: 30 });
  const hasRenderer = options.staticDir !== undefined && fs.existsSync(path.join(options.staticDir, 'index.html'));
  const serveStatic = hasRenderer
    ? sirv(options.staticDir, { single: true, etag: true, setHeaders: (res) => setSecurityHeaders(res) })
    : undefined;

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!hostHeaderAllowed(req, options.host)) return sendJson(res, 421, { code: 'FORBIDDEN', message: '拒绝访问：地址不正确' });
      if (url.pathname === '/healthz') {
        const { db } = cores.current();
        // In hall mode the database is another machine: healthy means it answers.
        return void readSchemaVersion(db.dialect, db.db).then(
          (schemaVersion) => sendJson(res, 200, { status: 'ok', version: APP_VERSION, schemaVersion }),
          () => sendJson(res, 503, { status: 'database-unavailable', version: APP_VERSION }),
        );
      }

      // Opening http://host:port/?token=… once stores the token in an HttpOnly cookie.
      const queryToken = url.searchParams.get('token');
      if (accessToken && queryToken !== null && req.method === 'GET') {
        if (!safeEqual(queryToken, accessToken)) return sendJson(res, 401, { code: 'UNAUTHORIZED', message: '访问令牌不正确' });
        url.searchParams.delete('token');
        res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(accessToken)}; HttpOnly; SameSite=Strict; Path=/`);
        res.writeHead(303, { Location: url.pathname + url.search });
        return res.end();
      }
      if (!openWithoutToken(req.method, url.pathname) && !requestHasToken(req, accessToken)) return sendJson(res, 401, { code: 'UNAUTHORIZED', message: '需要访问令牌：请使用管理员提供的完整地址打开' });
      if (!originAllowed(req)) return sendJson(res, 403, { code: 'FORBIDDEN', message: '拒绝跨站请求' });

      if (url.pathname.startsWith(RPC_PREFIX + '/')) {
        const clientAddress = req.socket.remoteAddress ?? 'unknown';
        const isPublic = PUBLIC_RPC_PATHS.has(url.pathname);
        if (isPublic) {
          const wait = publicLimiter.take(clientAddress);
          if (wait > 0) return sendRpcError(res, 'TOO_MANY_REQUESTS', `over the public route's rate from ${clientAddress}`, { retryAfterSeconds: wait }, { 'Retry-After': String(wait) });
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          const parsed = await readJsonBody(req, bodyLimitFor(url.pathname, isPublic));
          if (parsed instanceof BodyTooLargeError) return refuseTooLarge(req, res, parsed);
          if (parsed instanceof Error) return sendJson(res, 400, malformedBody(parsed.message));
          // oRPC's node adapter takes a body already read from req.body instead of reading the stream.
          (req as http.IncomingMessage & { body?: unknown }).body = parsed.value;
        }
        const { matched } = await httpRpc.handle(req, res, { prefix: RPC_PREFIX, context: { services: cores.current().services, transport: 'http', clientAddress } });
        if (matched) return;
        return sendJson(res, 404, { code: 'NOT_FOUND', message: '接口不存在' });
      }
      if (serveStatic) return serveStatic(req, res, () => sendJson(res, 404, { code: 'NOT_FOUND', message: '页面不存在' }));
      return sendJson(res, 404, { code: 'NOT_FOUND', message: '界面尚未构建：请先运行 npm run build:renderer' });
    } catch (error) {
      logger.error({ err: error, url: req.url }, 'web host request failed');
      if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL', message: '系统内部错误' });
      else res.end();
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // A socket that fails during or before the handshake must not take the process down either.
    socket.on('error', (error) => cores.current().services.logger.warn({ reason: error.message }, 'websocket upgrade socket error'));
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname !== RPC_WS_PATH || !hostHeaderAllowed(req, options.host) || !requestHasToken(req, accessToken) || !originAllowed(req)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    const clientAddress = req.socket.remoteAddress ?? 'unknown';
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Each message resolves the current core, so a profile switch reaches open sockets too.
      serveRpcSocket(ws, wsRpc, () => ({ services: cores.current().services, transport: 'websocket', clientAddress }), cores.current().services.logger);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${hostForUrl}:${port}/`;
  logger.info({ url, renderer: hasRenderer }, 'web host listening');

  return {
    url,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The JSON body of an RPC call (empty = no input), within the route's size limit. */
async function readJsonBody(req: http.IncomingMessage, limit: number): Promise<{ value: unknown } | Error> {
  let raw: Buffer;
  try {
    raw = await readBody(req, limit);
  } catch (error) {
    return error as Error;
  }
  const type = req.headers['content-type'];
  if (type !== undefined && !type.startsWith('application/json')) return new Error(`unsupported content type ${type.slice(0, 60)}: send application/json`);
  const text = raw.toString('utf8');
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return new Error(`request body is not JSON: ${(error as Error).message}`);
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  setSecurityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
