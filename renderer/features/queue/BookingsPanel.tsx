import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { HallDatePicker } from '../../app/HallDatePicker';
import { hallDayjs } from '../../app/hallTime';
import type { BookInput, Booking, BookingState } from '../../../shared/contract/appointments';
import type { QueueSnapshot } from '../../../shared/contract/queue';
import { ID_KIND_LABELS } from '../../../shared/identity';
import { useApi } from '../../api/context';
import { errorFields, errorText } from '../../api/errors';
import { AppointmentPlans } from './AppointmentPlans';

const STATE_TAG: Record<BookingState, { text: string; color: string }> = {
  booked: { text: '待签到', color: 'blue' },
  checkedIn: { text: '已签到', color: 'green' },
  noShow: { text: '爽约', color: 'red' },
  cancelled: { text: '已取消', color: 'default' },
};

/** How far a 线上 booking's result (签到/爽约/取消) got on its way back to the platform. */
const UPSTREAM_TAG: Record<NonNullable<Booking['upstream']>['status'], { text: string; color: string }> = {
  pending: { text: '待回传', color: 'default' },
  unknown: { text: '待确认', color: 'default' },
  acked: { text: '已回传', color: 'green' },
  rejected: { text: '被退回', color: 'red' },
  needs_attention: { text: '需人工处理', color: 'orange' },
};

const hallClock = (iso: string) => hallDayjs(Date.parse(iso)).format('HH:mm');

interface BookForm {
  idKind: BookInput['person']['idKind'];
  idNumber: string;
  name: string;
  phone?: string;
  categoryId: string;
  item: string;
  slotStart: string;
}

/**
 * 预约 at the 引导台: the day's bookings with their state (no-show once the slot is over without a
 * check-in), telephone bookings entered here, cancellations with a reason; below, each line's plan
 * and the days closed to bookings.
 */
export function BookingsPanel({ snapshot }: { snapshot: QueueSnapshot }) {
  const { client, orpc } = useApi();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [day, setDay] = useState<Dayjs>(() => hallDayjs(snapshot.now));
  const date = day.format('YYYY-MM-DD');
  const list = useQuery({ ...orpc.appointments.list.queryOptions({ input: { day: date } }), refetchInterval: 30_000 });
  const bookings = list.data ?? [];
  const [booking, setBooking] = useState(false);
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const [reason, setReason] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: orpc.appointments.key() });
  const cancel = useMutation({
    mutationFn: (b: Booking) => client.appointments.cancel({ id: b.id, reason }),
    onSuccess: () => {
      void message.success('预约已取消');
      setCancelling(null);
      setReason('');
      void refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const resend = useMutation({
    mutationFn: (b: Booking) => client.appointments.resendResult({ id: b.id }),
    onSuccess: () => {
      void message.success('已重新排队回传');
      void refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const count = (s: BookingState) => bookings.filter((b) => b.state === s).length;
  const names = new Map(snapshot.categories.map((c) => [c.id, c.name]));

  return (
    <div className="bookings" data-testid="bookings">
      <Space wrap style={{ marginBottom: 12 }}>
        <HallDatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} aria-label="预约日期" />
        <span data-testid="bookings-summary">
          预约 {bookings.length - count('cancelled')} 人 · 已签到 {count('checkedIn')} · 待签到 {count('booked')} · 爽约 {count('noShow')} · 已取消 {count('cancelled')}
        </span>
        <Button type="primary" onClick={() => setBooking(true)}>
          电话预约
        </Button>
      </Space>
      <ExchangeLine />
      <Table<Booking>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={bookings}
        pagination={false}
        locale={{ emptyText: '当日没有预约' }}
        columns={[
          { title: '时段', width: 110, render: (_, b) => `${b.slotStart}–${b.slotEnd}` },
          { title: '业务', width: 120, render: (_, b) => `${b.categoryId} ${names.get(b.categoryId) ?? ''}` },
          { title: '事项', dataIndex: 'itemName', ellipsis: true },
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '证件号码', dataIndex: 'idNumberMasked', width: 180 },
          { title: '预约码', dataIndex: 'code', width: 100 },
          { title: '来源', width: 90, render: (_, b) => (b.source === 'phone' ? '电话' : (b.channel ?? '网上')) },
          { title: '状态', dataIndex: 'state', width: 90, render: (s: BookingState) => <Tag color={STATE_TAG[s].color}>{STATE_TAG[s].text}</Tag> },
          {
            title: '回传',
            width: 180,
            render: (_, b) => {
              if (!b.upstream) return null;
              const tag = <Tag color={UPSTREAM_TAG[b.upstream.status].color}>{UPSTREAM_TAG[b.upstream.status].text}</Tag>;
              const stuck = b.upstream.status === 'rejected' || b.upstream.status === 'needs_attention';
              return (
                <Space size={4}>
                  {b.upstream.lastError ? <Tooltip title={b.upstream.lastError}>{tag}</Tooltip> : tag}
                  {stuck && (
                    <Button size="small" loading={resend.isPending && resend.variables?.id === b.id} onClick={() => resend.mutate(b)}>
                      重新回传
                    </Button>
                  )}
                </Space>
              );
            },
          },
          {
            title: '',
            width: 70,
            render: (_, b) =>
              b.state === 'booked' && (
                <Button size="small" onClick={() => setCancelling(b)}>
                  取消
                </Button>
              ),
          },
        ]}
      />
      {booking && (
        <BookModal
          snapshot={snapshot}
          day={day}
          onClose={(saved) => {
            setBooking(false);
            if (saved) {
              void message.success({ content: `已预约 ${saved.slotStart}–${saved.slotEnd}，预约码 ${saved.code}（请告知来电人）`, duration: 10 });
              void refresh();
            }
          }}
        />
      )}
      <Modal title={`取消 ${cancelling?.name ?? ''} 的预约`} open={cancelling !== null} okText="取消预约" cancelText="返回" okButtonProps={{ disabled: !reason.trim(), loading: cancel.isPending }} onOk={() => cancelling && cancel.mutate(cancelling)} onCancel={() => setCancelling(null)}>
        <Input.TextArea aria-label="取消原因" placeholder="取消原因（必填），如：本人来电取消" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={100} />
      </Modal>
      <AppointmentPlans snapshot={snapshot} />
    </div>
  );
}

/**
 * 线上预约 exchange at a glance: when the platform's bookings were last pulled, results waiting to
 * go back, and what could not be taken. Silent in a hall that does not exchange bookings.
 */
function ExchangeLine() {
  const { orpc } = useApi();
  const status = useQuery({ ...orpc.appointments.exchangeStatus.queryOptions(), refetchInterval: 30_000 }).data;
  if (!status || (!status.lastPullAt && !status.lastPullError && status.pending + status.acked + status.rejected + status.needsAttention === 0)) return null;
  const stuck = status.rejected + status.needsAttention;
  const text = [
    status.lastPullAt ? `线上预约 ${hallClock(status.lastPullAt)} 已同步` : '线上预约尚未同步',
    `待回传 ${status.pending}`,
    stuck ? `被退回或需人工处理 ${stuck}（见下表“回传”列）` : null,
    status.skipped ? `无法导入 ${status.skipped} 条` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const problems = [status.lastPullError, ...status.problems].filter((x): x is string => Boolean(x));
  return (
    <Alert
      data-testid="booking-exchange"
      style={{ marginBottom: 12 }}
      type={status.lastPullError || stuck || status.skipped ? 'warning' : 'info'}
      showIcon
      message={text}
      description={problems.length ? problems.map((p) => <div key={p}>{p}</div>) : undefined}
    />
  );
}

function BookModal({ snapshot, day: initialDay, onClose }: { snapshot: QueueSnapshot; day: Dayjs; onClose: (saved?: Booking) => void }) {
  const { client, orpc } = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<BookForm>();
  const [day, setDay] = useState(initialDay);
  const [query, setQuery] = useState('');
  const categoryId = Form.useWatch('categoryId', form);
  const date = day.format('YYYY-MM-DD');
  const slots = useQuery({ ...orpc.appointments.slots.queryOptions({ input: { day: date, categoryId: categoryId ?? '' } }), enabled: Boolean(categoryId) });
  const items = useQuery({ ...orpc.catalog.search.queryOptions({ input: { query, limit: 20 } }), enabled: query.trim().length > 0 });
  const book = useMutation({
    mutationFn: (v: BookForm) => {
      const [itemKey, itemName] = v.item.split('\u0000') as [string, string];
      return client.appointments.book({ person: { idKind: v.idKind, idNumber: v.idNumber, name: v.name, ...(v.phone ? { phone: v.phone } : {}) }, categoryId: v.categoryId, itemKey, itemName, day: date, slotStart: v.slotStart });
    },
    onSuccess: (b) => onClose(b),
    onError: (e) => {
      const fields = errorFields(e);
      if (fields['person.idNumber']) form.setFields([{ name: 'idNumber', errors: [fields['person.idNumber']] }]);
      void message.error(errorText(e));
    },
  });
  return (
    <Modal title="电话预约" open okText="预约" cancelText="取消" width={560} confirmLoading={book.isPending} onOk={() => form.submit()} onCancel={() => onClose()}>
      <Form<BookForm> form={form} layout="vertical" initialValues={{ idKind: 'resident' }} onFinish={(v) => book.mutate(v)} requiredMark={false}>
        <Space.Compact block>
          <Form.Item name="idKind" label="证件类型" style={{ width: 170 }}>
            <Select options={Object.entries(ID_KIND_LABELS).filter(([k]) => k !== 'credit-code').map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="idNumber" label="证件号码" rules={[{ required: true, message: '请填写证件号码' }]} style={{ flex: 1 }}>
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]} style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话（发送预约码）" style={{ flex: 1 }}>
            <Input maxLength={20} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="categoryId" label="业务类别" rules={[{ required: true, message: '请选择业务类别' }]}>
          <Select options={snapshot.categories.filter((c) => c.enabled).map((c) => ({ value: c.id, label: `${c.id} ${c.name}` }))} />
        </Form.Item>
        <Form.Item name="item" label="预约事项" rules={[{ required: true, message: '请选择预约事项' }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQuery}
            placeholder="输入事项名称或拼音首字母"
            notFoundContent={query ? '没有匹配的事项' : '请输入'}
            options={(items.data ?? []).map((h) => ({ value: `${h.key}\u0000${h.name}`, label: h.name }))}
          />
        </Form.Item>
        <Form.Item label="预约日期">
          <HallDatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} aria-label="电话预约日期" />
        </Form.Item>
        {slots.data?.closedReason && <Alert type="warning" showIcon message={slots.data.closedReason} style={{ marginBottom: 12 }} />}
        <Form.Item name="slotStart" label="时段" rules={[{ required: true, message: '请选择时段' }]}>
          <Select
            placeholder={categoryId ? '选择时段' : '请先选择业务类别'}
            options={(slots.data?.slots ?? []).map((s) => ({ value: s.start, label: `${s.start}–${s.end}（余 ${s.capacity - s.booked}）`, disabled: s.booked >= s.capacity }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
