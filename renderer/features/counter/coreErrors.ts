import { errorFields, errorText } from '../../api/errors';

export interface CoreErrors {
  /** Form fields (申请人, 代办人, 受理信息) by their antd name path. */
  fields: { name: string[]; message: string }[];
  /** Material seq → message. */
  materials: Record<string, string>;
  /** Condition id → message (a question not answered). */
  answers?: Record<string, string>;
  item?: string;
  reason?: string;
  /** Anything not tied to a field, shown at the decision. */
  general?: string;
}

/** Core's error for cases.intake, spread over the places on screen it belongs to. */
export function splitCoreErrors(error: unknown, materials: readonly { seq: string }[]): CoreErrors {
  const out: CoreErrors = { fields: [], materials: {} };
  const rest: string[] = [];
  for (const [path, message] of Object.entries(errorFields(error))) {
    const [head, ...tail] = path.split('.');
    if ((head === 'applicant' || head === 'agent') && tail.length > 0) out.fields.push({ name: [head, tail.join('.')], message });
    else if (head === 'form' && tail.length > 0) out.fields.push({ name: ['form', tail.join('.')], message });
    else if (head === 'materials' && tail.length > 0) {
      // materials.<seq> from core's checks; materials.<index>.… from input validation
      const seq = materials.some((m) => m.seq === tail[0]) && tail.length === 1 ? tail[0]! : (materials[Number(tail[0])]?.seq ?? tail[0]!);
      out.materials[seq] = message;
    } else if (head === 'answers' && tail.length > 0) out.answers = { ...out.answers, [tail.join('.')]: message };
    else if (head === 'item' || head === 'sourceId') out.item = message;
    else if (head === 'reason') out.reason = message;
    else rest.push(message);
  }
  const placed = out.fields.length + Object.keys(out.materials).length + Object.keys(out.answers ?? {}).length + (out.item ? 1 : 0) + (out.reason ? 1 : 0);
  if (placed === 0) out.general = errorText(error);
  else if (rest.length > 0) out.general = rest.join('；');
  return out;
}
