import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { HallDatePicker } from '../../app/HallDatePicker';
import type { AppointmentPlan } from '../../../shared/contract/appointments';
import type { QueueSnapshot } from '../../../shared/contract/queue';
import { cutSlots, hoursProblem, type OpeningHours } from '../../../shared/appointments/slots';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';

interface PlanForm {
  enabled: boolean;
  slotMinutes: number;
  capacity: number;
  /** "09:00-12:00, 13:30-17:00" */
  hours: string;
  checkInEarlyMinutes: number;
}

const hoursText = (h: OpeningHours) => h.map(([s, e]) => `${s}-${e}`).join('，');
const parseHours = (text: string): OpeningHours =>
  text
    .split(/[,，;；\s]+/)
    .filter(Boolean)
    .map((part) => part.split(/[-–~～至]/).map((t) => t.trim()) as [string, string]);

/** 预约设置: each line's slots (length, places, hours, how early check-in opens) and days closed to bookings. */
export function AppointmentPlans({ snapshot }: { snapshot: QueueSnapshot }) {
  const { client, orpc } = useApi();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const plans = useQuery(orpc.appointments.plans.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [form] = Form.useForm<PlanForm>();
  const [closing, setClosing] = useState<{ day?: Dayjs; categoryId: string; reason: string }>({ categoryId: '', reason: '' });
  const byCategory = new Map((plans.data ?? []).map((p) => [p.categoryId, p]));
  const refresh = () => qc.invalidateQueries({ queryKey: orpc.appointments.key() });
  const save = useMutation({
    mutationFn: (p: AppointmentPlan) => client.appointments.savePlan(p),
    onSuccess: () => {
      void message.success('预约设置已保存');
      setEditing(null);
      void refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const close = useMutation({
    mutationFn: () => client.appointments.closeDay({ day: closing.day!.format('YYYY-MM-DD'), categoryId: closing.categoryId || null, reason: closing.reason }),
    onSuccess: () => {
      void message.success('已暂停该日预约');
      setClosing({ categoryId: '', reason: '' });
      void refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const open = (categoryId: string) => {
    const p = byCategory.get(categoryId);
    form.setFieldsValue(p ? { ...p, hours: hoursText(p.hours) } : { enabled: true, slotMinutes: 30, capacity: 5, hours: '09:00-12:00，13:30-17:00', checkInEarlyMinutes: 30 });
    setEditing(categoryId);
  };

  return (
    <Card size="small" title="预约设置" style={{ marginTop: 16 }}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={snapshot.categories}
        columns={[
          { title: '业务类别', render: (_, c) => `${c.id} ${c.name}` },
          {
            title: '预约时段',
            render: (_, c) => {
              const p = byCategory.get(c.id);
              if (!p || !p.enabled) return '未开放预约';
              return `${hoursText(p.hours)}，每 ${p.slotMinutes} 分钟一段（共 ${cutSlots(p.hours, p.slotMinutes).length} 段），每段 ${p.capacity} 人，提前 ${p.checkInEarlyMinutes} 分钟可签到`;
            },
          },
          {
            title: '',
            width: 80,
            render: (_, c) => (
              <Button size="small" onClick={() => open(c.id)}>
                设置
              </Button>
            ),
          },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }}>
        <span>暂停某日预约：</span>
        <HallDatePicker value={closing.day} onChange={(d) => setClosing({ ...closing, day: d ?? undefined })} aria-label="暂停预约日期" />
        <Select style={{ width: 160 }} value={closing.categoryId} onChange={(v) => setClosing({ ...closing, categoryId: v })} options={[{ value: '', label: '全部业务' }, ...snapshot.categories.map((c) => ({ value: c.id, label: `${c.id} ${c.name}` }))]} aria-label="暂停预约的业务" />
        <Input style={{ width: 240 }} placeholder="原因（会告知预约人）" value={closing.reason} maxLength={100} onChange={(e) => setClosing({ ...closing, reason: e.target.value })} aria-label="暂停预约原因" />
        <Button disabled={!closing.day || !closing.reason.trim()} loading={close.isPending} onClick={() => close.mutate()}>
          暂停预约
        </Button>
      </Space>
      <Modal title={`预约设置：${editing ?? ''}`} open={editing !== null} okText="保存" cancelText="取消" confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={() => setEditing(null)}>
        <Form<PlanForm>
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate({ categoryId: editing!, enabled: v.enabled, slotMinutes: v.slotMinutes, capacity: v.capacity, hours: parseHours(v.hours), checkInEarlyMinutes: v.checkInEarlyMinutes })}
        >
          <Form.Item name="enabled" label="开放预约" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Space>
            <Form.Item name="slotMinutes" label="每段分钟数" rules={[{ required: true }]}>
              <InputNumber min={10} max={240} step={10} />
            </Form.Item>
            <Form.Item name="capacity" label="每段可约人数" rules={[{ required: true }]}>
              <InputNumber min={1} max={500} />
            </Form.Item>
            <Form.Item name="checkInEarlyMinutes" label="提前签到分钟数" rules={[{ required: true }]}>
              <InputNumber min={0} max={120} />
            </Form.Item>
          </Space>
          <Form.Item
            name="hours"
            label="预约时间段"
            extra="如 09:00-12:00，13:30-17:00（法定节假日和调休按工作日历自动处理）"
            rules={[
              { required: true, message: '请填写预约时间段' },
              {
                validator: (_, value: string) => {
                  try {
                    const problem = hoursProblem(parseHours(value ?? ''), form.getFieldValue('slotMinutes') as number);
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  } catch {
                    return Promise.reject(new Error('时间格式应为 时:分，如 09:00-12:00'));
                  }
                },
              },
            ]}
          >
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
