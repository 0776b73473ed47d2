import { Modal, Table } from 'antd';
import { shortcutLabel, type NavSection } from '../app/nav';
import { useRegisteredScreenKeys } from './screenKeys';

/** F1 anywhere: every key of the screen on show, then the navigation keys, so clerks can work without the mouse. */
export function ShortcutHelp({ open, onClose, sections }: { open: boolean; onClose: () => void; sections: readonly NavSection[] }) {
  const screenKeys = useRegisteredScreenKeys();
  const rows = [
    ...screenKeys.map((k) => ({ key: `screen:${k.keys}:${k.action}`, keys: k.keys, action: k.action })),
    ...sections.map((s) => ({ key: s.shortcut, keys: shortcutLabel(s.shortcut), action: `打开「${s.label}」` })),
    { key: 'alt+l', keys: 'Alt+L', action: '锁定屏幕（离开窗口时）' },
    { key: 'f1', keys: 'F1', action: '显示 / 关闭本快捷键说明' },
  ];
  return (
    <Modal title="快捷键" open={open} onCancel={onClose} footer={null} width={520}>
      <Table size="small" pagination={false} scroll={{ y: 520 }} dataSource={rows} columns={[{ title: '按键', dataIndex: 'keys', width: 140 }, { title: '作用', dataIndex: 'action' }]} data-testid="shortcut-help" />
    </Modal>
  );
}
