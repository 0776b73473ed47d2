import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { App, Button, Modal, Tooltip } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { ScannedPage } from '../../../shared/contract/scanning';
import { PagePreview } from './PagePreview';

/**
 * The pages of one material as thumbnails. Keyboard first: ←/→ move the focus, Alt+←/Alt+→
 * move the page, R turns it right (Shift+R left), Delete removes it, Enter shows it large.
 * Thumbnails can also be dragged onto another one's place.
 */
export function PageStrip({ caseNo, pages, editable }: { caseNo: string; pages: ScannedPage[]; editable: boolean }) {
  const { client, orpc } = useApi();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const refs = useRef(new Map<number, HTMLDivElement>());
  const [dragging, setDragging] = useState<number | null>(null);
  const [preview, setPreview] = useState<ScannedPage | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: orpc.attachments.pages.key({ input: { caseNo } }) });
  const onError = (error: unknown) => void message.error(errorText(error));

  const rotate = useMutation({ mutationFn: (v: { id: number; by: 90 | -90 }) => client.attachments.rotate(v), onSuccess: refresh, onError });
  const move = useMutation({ mutationFn: (v: { id: number; position: number }) => client.attachments.move(v), onSuccess: refresh, onError });
  const remove = useMutation({ mutationFn: (id: number) => client.attachments.remove({ id }), onSuccess: refresh, onError });

  const focus = (index: number) => refs.current.get(pages[Math.max(0, Math.min(pages.length - 1, index))]?.id ?? -1)?.focus();
  const confirmRemove = (page: ScannedPage) =>
    void modal.confirm({ title: `删除第 ${page.position} 页？`, content: '删除后需重新扫描才能恢复。', okText: '删除', okButtonProps: { danger: true }, cancelText: '取消', onOk: () => remove.mutateAsync(page.id) });

  const onKey = (event: KeyboardEvent, page: ScannedPage, index: number) => {
    const key = event.key;
    if (key === 'Enter') setPreview(page);
    else if ((key === 'ArrowLeft' || key === 'ArrowRight') && event.altKey && editable) {
      const to = page.position + (key === 'ArrowLeft' ? -1 : 1);
      if (to >= 1 && to <= pages.length) move.mutate({ id: page.id, position: to }, { onSuccess: () => setTimeout(() => refs.current.get(page.id)?.focus(), 50) });
    } else if (key === 'ArrowLeft') focus(index - 1);
    else if (key === 'ArrowRight') focus(index + 1);
    else if ((key === 'r' || key === 'R') && editable) rotate.mutate({ id: page.id, by: event.shiftKey ? -90 : 90 });
    else if ((key === 'Delete' || key === 'Backspace') && editable) confirmRemove(page);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const onDrop = (event: DragEvent, target: ScannedPage) => {
    event.preventDefault();
    if (dragging !== null && dragging !== target.id) move.mutate({ id: dragging, position: target.position });
    setDragging(null);
  };

  if (pages.length === 0) return <div className="scan-empty">尚无扫描件</div>;
  return (
    <div className="scan-strip" role="list">
      {pages.map((page, index) => (
        <div
          key={page.id}
          ref={(el) => {
            if (el) refs.current.set(page.id, el);
            else refs.current.delete(page.id);
          }}
          role="listitem"
          tabIndex={0}
          className={`scan-thumb${dragging === page.id ? ' is-dragging' : ''}`}
          data-testid="scan-thumb"
          aria-label={`第 ${page.position} 页`}
          draggable={editable}
          onDragStart={() => setDragging(page.id)}
          onDragEnd={() => setDragging(null)}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => onDrop(e, page)}
          onKeyDown={(e) => onKey(e, page, index)}
          onDoubleClick={() => setPreview(page)}
        >
          <div className="scan-thumb-img">
            <img src={page.thumb} alt={`第 ${page.position} 页`} style={{ transform: `rotate(${page.rotation}deg)` }} draggable={false} />
          </div>
          <div className="scan-thumb-bar">
            <span className="scan-thumb-no">{page.position}</span>
            {editable && (
              <span className="scan-thumb-tools">
                <Tooltip title="向左转（Shift+R）">
                  <Button size="small" type="text" aria-label="向左转" onClick={() => rotate.mutate({ id: page.id, by: -90 })}>
                    ↺
                  </Button>
                </Tooltip>
                <Tooltip title="向右转（R）">
                  <Button size="small" type="text" aria-label="向右转" onClick={() => rotate.mutate({ id: page.id, by: 90 })}>
                    ↻
                  </Button>
                </Tooltip>
                <Tooltip title="删除（Delete）">
                  <Button size="small" type="text" danger aria-label="删除" onClick={() => confirmRemove(page)}>
                    ✕
                  </Button>
                </Tooltip>
              </span>
            )}
          </div>
        </div>
      ))}
      <Modal open={preview !== null} onCancel={() => setPreview(null)} footer={null} width={820} title={preview ? `第 ${preview.position} 页` : ''} destroyOnHidden>
        {preview && <PagePreview page={preview} />}
      </Modal>
    </div>
  );
}
