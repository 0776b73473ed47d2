import { getEventIteratorSchemaDetails } from '@orpc/contract';
import { contract } from './index';

/** Dotted paths of procedures that stream events; the web client sends these over WebSocket. */
export function streamingPaths(): Set<string> {
  const out = new Set<string>();
  const walk = (node: Record<string, unknown>, prefix: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      const def = (value as { '~orpc'?: { outputSchema?: unknown } })['~orpc'];
      if (def) {
        if (getEventIteratorSchemaDetails(def.outputSchema as never)) out.add([...prefix, key].join('.'));
      } else if (value && typeof value === 'object') walk(value as Record<string, unknown>, [...prefix, key]);
    }
  };
  walk(contract as unknown as Record<string, unknown>, []);
  return out;
}
