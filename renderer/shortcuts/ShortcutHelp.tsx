import { Modal, Table } from 'antd';
import { navSections, shortcutLabel } from '../app/nav';

const rows = [
  ...navSections.map((s) => ({ key: s.shortcut, keys: shortcutLabel(s.shortcut), action: `打开「${s.label}」` })),
  { key: 'f1', keys: 'F1', action: '显示 / 关闭本快捷键说明' },
];

/** F1 anywhere: the list of keyboard shortcuts, so clerks can work without the mouse. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal title="快捷键" open={open} onCancel={onClose} footer={null} width={420}>
      <Table size="small" pagination={false} dataSource={rows} columns={[{ title: '按键', dataIndex: 'keys', width: 120 }, { title: '作用', dataIndex: 'action' }]} />
    </Modal>
  );
}
