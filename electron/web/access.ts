import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'medins_token';

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export class AccessConfigError extends Error {}

/**
 * The web host listens on loopback unless a LAN address is configured on purpose, and a LAN
 * address without an access token is refused: a hall network is not a trusted network.
 */
export function checkAccessConfig(host: string, accessToken: string | undefined): void {
  if (isLoopbackHost(host)) return;
  if (!accessToken || accessToken.length < 16) {
    throw new AccessConfigError(
      `web host address ${host} is reachable from the network: set an access token of at least 16 characters (MEDINS_ACCESS_TOKEN or settings webHost.accessToken)`,
    );
  }
}

/**
 * On loopback the only defence is that nothing outside this PC can connect — unless a web
 * page uses DNS rebinding (its own name resolving to 127.0.0.1). Such requests carry the
 * attacker's name in Host, so a loopback-bound host only answers Host values naming loopback.
 */
export function hostHeaderAllowed(req: IncomingMessage, boundHost: string): boolean {
  if (!isLoopbackHost(boundHost)) return true;
  const raw = req.headers.host;
  if (!raw) return false;
  const name = raw.startsWith('[') ? raw.slice(0, raw.indexOf(']') + 1) : raw.split(':')[0]!;
  return isLoopbackHost(name);
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Token from the Authorization header or the cookie set when the page was first opened. */
export function requestHasToken(req: IncomingMessage, accessToken: string | undefined): boolean {
  if (!accessToken) return true;
  const header = req.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
  const presented = bearer ?? readCookie(req, TOKEN_COOKIE);
  return presented !== undefined && safeEqual(presented, accessToken);
}

/**
 * Browsers send Origin on cross-site requests; refusing a foreign Origin stops another page
 * from driving the API with the hall cookie (CSRF, cross-site WebSocket hijacking).
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The one procedure a person outside the hall network may call: 办理进度查询 by receipt code. */
export const PUBLIC_RPC_PATHS = new Set(['/rpc/cases/progress']);

/**
 * What the access token does not guard: the renderer's files (the app bundle holds no data;
 * every call behind it needs a session) and the public progress lookup, so the QR code on a
 * printed 受理回执 opens on an applicant's phone on the hall Wi-Fi. The API and the WebSocket
 * stay behind the token.
 */
export function openWithoutToken(method: string | undefined, pathname: string): boolean {
  if (method === 'POST' && PUBLIC_RPC_PATHS.has(pathname)) return true;
  return (method === 'GET' || method === 'HEAD') && !pathname.startsWith('/rpc');
}
