import { forwardRef } from 'react';
import { Alert, Button, Checkbox, Input, Tooltip } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';

export type Decision = 'accept' | 'refuse' | 'requestCorrection';

interface Props {
  /** Why 受理 cannot be pressed now, or null when it can. */
  acceptBlocked: string | null;
  /** Why 一次性告知 cannot be pressed now, or null. */
  correctionBlocked: string | null;
  /** Why 受理 and 一次性告知 cannot be decided yet (no item, questions open), or null. */
  blocked: string | null;
  /** Why 不予受理 cannot be decided yet (no item): it needs no answers. */
  refuseBlocked: string | null;
  instant: boolean;
  completeNow: boolean;
  onCompleteNow: (v: boolean) => void;
  reason: string;
  onReason: (v: string) => void;
  reasonError?: string;
  generalError?: string;
  busy: Decision | null;
  onDecide: (d: Decision) => void;
}

/** 决定: 受理 (Ctrl+Enter), 一次性告知（补正）, 不予受理 — the last two with a required reason. */
export const DecisionPanel = forwardRef<TextAreaRef, Props>(function DecisionPanel(p, reasonRef) {
  const acceptWhy = p.blocked ?? p.acceptBlocked;
  return (
    <div className="decision" data-testid="decision">
      {p.instant && (
        <Checkbox checked={p.completeNow} onChange={(e) => p.onCompleteNow(e.target.checked)}>
          即办件：受理后当场办结
        </Checkbox>
      )}
      <Button type="primary" size="large" block disabled={acceptWhy !== null} loading={p.busy === 'accept'} onClick={() => p.onDecide('accept')}>
        {p.instant && p.completeNow ? '受理并当场办结' : '受理'}
        <kbd className="btn-kbd">Ctrl+Enter</kbd>
      </Button>
      {acceptWhy && (
        <span className="decision-why" data-testid="accept-blocked">
          {acceptWhy}
        </span>
      )}
      <div className="decision-buttons">
        <Input.TextArea
          ref={reasonRef}
          aria-label="告知或不予受理理由"
          placeholder="告知或不予受理的理由（必填）"
          autoSize={{ minRows: 1, maxRows: 3 }}
          maxLength={500}
          value={p.reason}
          status={p.reasonError ? 'error' : undefined}
          onChange={(e) => p.onReason(e.target.value)}
        />
        <Tooltip title={p.blocked ?? p.correctionBlocked ?? undefined}>
          <Button disabled={p.blocked !== null || p.correctionBlocked !== null} loading={p.busy === 'requestCorrection'} onClick={() => p.onDecide('requestCorrection')}>
            一次性告知
          </Button>
        </Tooltip>
        <Tooltip title={p.refuseBlocked ?? undefined}>
          <Button danger disabled={p.refuseBlocked !== null} loading={p.busy === 'refuse'} onClick={() => p.onDecide('refuse')}>
            不予受理
          </Button>
        </Tooltip>
      </div>
      {p.reasonError && <div className="field-error">{p.reasonError}</div>}
      {p.generalError && <Alert type="error" showIcon title={p.generalError} data-testid="decision-error" />}
    </div>
  );
});
