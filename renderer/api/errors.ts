import { isDefinedError, ORPCError } from '@orpc/client';
import { userMessage } from '../../shared/contract/errors';

/** The Chinese message to show for any error a call produced. */
export function errorText(error: unknown): string {
  if (error instanceof ORPCError || isDefinedError(error)) {
    const data = (error as ORPCError<string, { message?: string }>).data;
    return data?.message ?? userMessage(String((error as ORPCError<string, unknown>).code));
  }
  if (error instanceof TypeError) return '无法连接到系统服务，请检查程序是否在运行';
  return userMessage('INTERNAL');
}

/** Field-level messages (path → message) carried by validation errors, for forms. */
export function errorFields(error: unknown): Record<string, string> {
  if (error instanceof ORPCError) {
    const data = error.data as { fields?: Record<string, string> } | undefined;
    if (data?.fields) return data.fields;
  }
  return {};
}
