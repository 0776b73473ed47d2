import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../../shared/contract';

/** Formats whose pattern already fixes the length (an ISO date is 10 characters). */
const BOUNDED_FORMATS = new Set(['date', 'time', 'datetime', 'uuid', 'guid', 'ipv4', 'ipv6', 'cuid', 'ulid']);

type Def = { type: string; checks?: { _zod: { def: { check: string; format?: string } } }[]; format?: string } & Record<string, unknown>;
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** Paths (procedure input → field) of every string an input schema accepts without a maximum. */
export function unboundedStrings(schema: unknown, at: string, out: string[], seen = new Set<unknown>()): string[] {
  if (!schema || seen.has(schema)) return out;
  seen.add(schema);
  const def = defOf(schema);
  const walk = (child: unknown, suffix: string) => unboundedStrings(child, at + suffix, out, seen);
  switch (def.type) {
    case 'string': {
      const checks = (def.checks ?? []).map((c) => c._zod.def);
      const bounded = checks.some((c) => c.check === 'max_length' || c.check === 'length_equals') || (def.format !== undefined && BOUNDED_FORMATS.has(def.format));
      if (!bounded) out.push(at || '(input)');
      return out;
    }
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) walk(v, `.${k}`);
      if (def.catchall) walk(def.catchall, '.*');
      return out;
    case 'array':
      return walk(def.element, '[]');
    case 'record':
      walk(def.keyType, '{key}');
      return walk(def.valueType, '{}');
    case 'union':
      (def.options as unknown[]).forEach((o, i) => walk(o, `|${i}`));
      return out;
    case 'intersection':
      walk(def.left, '');
      return walk(def.right, '');
    case 'tuple':
      (def.items as unknown[]).forEach((o, i) => walk(o, `[${i}]`));
      return out;
    case 'pipe':
      return walk(def.in, '');
    case 'lazy':
      return walk((def.getter as () => unknown)(), '');
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return walk(def.innerType, '');
    default:
      return out;
  }
}

function procedures(node: Record<string, unknown>, path: string[] = []): [string, unknown][] {
  return Object.entries(node).flatMap(([k, v]) => {
    const orpc = (v as { '~orpc'?: { inputSchema?: unknown } })['~orpc'];
    if (orpc) return [[[...path, k].join('.'), orpc.inputSchema] as [string, unknown]];
    return procedures(v as Record<string, unknown>, [...path, k]);
  });
}

describe('every string a procedure accepts has a maximum length', () => {
  it('walks the whole contract', () => {
    const all = procedures(contract as unknown as Record<string, unknown>);
    expect(all.length).toBeGreaterThan(100);
    const unbounded = all.flatMap(([name, schema]) => unboundedStrings(schema, name, []));
    expect(unbounded).toEqual([]);
  });

  it('the walker finds an unbounded string wherever it hides', async () => {
    const { z: zod } = await import('zod');
    const probe: z.ZodType = zod.object({ a: zod.array(zod.object({ b: zod.string().optional() })), c: zod.record(zod.string(), zod.string().max(3)), d: zod.union([zod.int(), zod.string().trim()]), e: zod.iso.date(), f: zod.string().max(9) });
    expect(unboundedStrings(probe, 'p', [])).toEqual(['p.a[].b', 'p.c{key}', 'p.d|1']);
  });
});
