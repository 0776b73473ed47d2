import { createORPCClient, DynamicLink } from '@orpc/client';
import { RPCLink as FetchLink } from '@orpc/client/fetch';
import { RPCLink as WebSocketLink } from '@orpc/client/websocket';
import { RPCLink as MessagePortLink } from '@orpc/client/message-port';
import type { ContractRouterClient } from '@orpc/contract';
import { WebSocket as ReconnectingWebSocket } from 'partysocket';
import type { Contract } from '../../shared/contract';
import { streamingPaths } from '../../shared/contract/streams';
import { sessionHeaders } from '../auth/token';
import { requestIdInterceptor, withRequestId } from './request-id';

export type CoreClient = ContractRouterClient<Contract>;
export type Transport = 'message-port' | 'web';

/** The Electron shell loads the renderer with ?transport=message-port (electron/main/windows.ts). */
export function detectTransport(search: string = window.location.search): Transport {
  return new URLSearchParams(search).get('transport') === 'message-port' ? 'message-port' : 'web';
}

/**
 * In Electron the preload hands over a MessagePort connected to core; everywhere else calls
 * go over HTTP and event streams over one reconnecting WebSocket.
 */
export async function createCoreClient(transport: Transport = detectTransport()): Promise<CoreClient> {
  if (transport === 'message-port') {
    const port = await receiveCorePort();
    port.start();
    return createORPCClient<CoreClient>(new MessagePortLink({ port, headers: withRequestId(sessionHeaders), interceptors: [requestIdInterceptor()] }));
  }
  const origin = window.location.origin;
  const http = new FetchLink({
    url: `${origin}/rpc`,
    headers: withRequestId(sessionHeaders),
    interceptors: [requestIdInterceptor()],
    fetch: (request, init) => fetch(request, { ...init, credentials: 'same-origin' }),
  });
  const wsUrl = `${origin.replace(/^http/, 'ws')}/rpc-ws`;
  const websocket = new ReconnectingWebSocket(wsUrl, undefined, { maxReconnectionDelay: 5000 });
  const ws = new WebSocketLink({ websocket, headers: sessionHeaders });
  const streams = streamingPaths();
  return createORPCClient<CoreClient>(new DynamicLink((_options, path) => (streams.has(path.join('.')) ? ws : http)));
}

function receiveCorePort(): Promise<MessagePort> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source === window && event.data === 'medins:core-port' && event.ports[0]) {
        window.removeEventListener('message', onMessage);
        resolve(event.ports[0]);
      }
    };
    window.addEventListener('message', onMessage);
  });
}
