import { Modal, Table } from 'antd';
import { shortcutLabel, type NavSection } from '../app/nav';

/** F1 anywhere: the list of keyboard shortcuts, so clerks can work without the mouse. */
export function ShortcutHelp({ open, onClose, sections }: { open: boolean; onClose: () => void; sections: readonly NavSection[] }) {
  const rows = [
    ...sections.map((s) => ({ key: s.shortcut, keys: shortcutLabel(s.shortcut), action: `打开「${s.label}」` })),
    { key: 'alt+l', keys: 'Alt+L', action: '锁定屏幕（离开窗口时）' },
    { key: 'f1', keys: 'F1', action: '显示 / 关闭本快捷键说明' },
  ];
  return (
    <Modal title="快捷键" open={open} onCancel={onClose} footer={null} width={420}>
      <Table size="small" pagination={false} dataSource={rows} columns={[{ title: '按键', dataIndex: 'keys', width: 120 }, { title: '作用', dataIndex: 'action' }]} />
    </Modal>
  );
}
