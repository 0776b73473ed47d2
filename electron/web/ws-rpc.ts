import type { WebSocket } from 'ws';
import type { StandardRPCHandler } from '@orpc/server/standard';
import { createServerPeerHandleRequestFn } from '@orpc/server/standard-peer';
import { decodeRequestMessage, encodeResponseMessage, MessageType, ServerPeer } from '@orpc/standard-server-peer';
import type { Logger } from '../core/logging/logger';
import type { RpcContext } from '../core/rpc/base';
import { malformedBody } from '../core/rpc/handler-options';

/** Largest WebSocket frame (a call's input); bigger ones close that connection with 1009. */
export const MAX_WS_FRAME_BYTES = 1024 * 1024;
/** Close code for a frame that is not an oRPC message and names no request to answer. */
const UNSUPPORTED_DATA = 1007;

/**
 * oRPC over one accepted WebSocket, hardened: the socket gets an error listener (without one, an
 * oversized frame's error event ends the process — ws closes such a socket with 1009 itself); a
 * frame that does not decode is answered with a typed BAD_REQUEST when it names a request id,
 * else that connection is closed with 1007. Failures go to the scrubbed log, never to stderr.
 */
export function serveRpcSocket(ws: WebSocket, handler: StandardRPCHandler<RpcContext>, context: () => RpcContext, logger: Logger): void {
  const peer = new ServerPeer((message) => {
    if (ws.readyState === ws.OPEN) ws.send(message);
  });
  ws.on('error', (error: Error & { code?: string }) => {
    logger.warn({ code: error.code, reason: error.message }, 'websocket connection error; connection closed');
  });
  ws.on('close', () => peer.close());
  ws.on('message', (data, isBinary) => {
    const raw = isBinary ? toBytes(data) : toBytes(data).toString('utf8');
    void handleFrame(raw).catch((error: unknown) => logger.warn({ err: error }, 'websocket message failed'));
  });

  async function handleFrame(raw: string | Buffer): Promise<void> {
    try {
      await decodeRequestMessage(raw);
    } catch (error) {
      const id = requestIdOf(raw);
      logger.warn({ reason: (error as Error).message, answered: id !== undefined }, 'malformed websocket frame');
      if (id === undefined) return void ws.close(UNSUPPORTED_DATA, 'malformed frame');
      const body = malformedBody(`malformed websocket frame: ${(error as Error).message}`);
      ws.send(await encodeResponseMessage(id, MessageType.RESPONSE, { status: 400, headers: {}, body }));
      return;
    }
    await peer.message(raw, createServerPeerHandleRequestFn(handler, { context: context() }));
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/** The request id of a frame that parses as JSON but is no valid request, to answer it by. */
function requestIdOf(raw: string | Buffer): string | undefined {
  // Ids are whatever the client sent (oRPC's client numbers them as strings); echo it unchanged.
  try {
    const text = typeof raw === 'string' ? raw : raw.subarray(0, raw.indexOf(0xff) === -1 ? raw.length : raw.indexOf(0xff)).toString('utf8');
    const message = JSON.parse(text) as { i?: unknown };
    return (typeof message.i === 'string' && message.i.length <= 64) || typeof message.i === 'number' ? (message.i as string) : undefined;
  } catch {
    return undefined;
  }
}
