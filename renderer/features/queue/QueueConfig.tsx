import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Switch, Table, Tag } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { Category, QueueSnapshot } from '../../../shared/contract/queue';
import { useApi } from '../../api/context';
import { errorFields, errorText } from '../../api/errors';

interface CounterForm {
  number: number;
  name: string;
  categories: string[];
}

/** 类别与窗口: ticket prefixes, number ranges and daily caps; which categories each counter serves. */
export function QueueConfig({ snapshot }: { snapshot: QueueSnapshot }) {
  const { client } = useApi();
  const { message } = App.useApp();
  const [category, setCategory] = useState<Partial<Category> | null>(null);
  const [counter, setCounter] = useState<Partial<CounterForm> | null>(null);
  const [catForm] = Form.useForm<Category>();
  const [ctrForm] = Form.useForm<CounterForm>();
  const fail = (form: typeof catForm | typeof ctrForm) => (e: unknown) => {
    const fields = errorFields(e);
    const named = Object.entries(fields).map(([name, msg]) => ({ name, errors: [msg] }));
    if (named.length) (form as typeof catForm).setFields(named as never);
    void message.error(errorText(e));
  };
  const saveCat = useMutation({
    mutationFn: (c: Category) => client.queue.saveCategory(c),
    onSuccess: (c) => {
      void message.success(`已保存业务类别 ${c.id} ${c.name}`);
      setCategory(null);
    },
    onError: fail(catForm),
  });
  const saveCtr = useMutation({
    mutationFn: (c: CounterForm) => client.queue.saveCounter(c),
    onSuccess: (c) => {
      void message.success(`已保存 ${c.number} 号窗口`);
      setCounter(null);
    },
    onError: fail(ctrForm),
  });
  const catOptions = snapshot.categories.map((c) => ({ value: c.id, label: `${c.id} ${c.name}` }));

  return (
    <>
      <Card size="small" title="业务类别（取号类别）" extra={<Button onClick={() => setCategory({})}>新增类别</Button>} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={snapshot.categories}
          locale={{ emptyText: '尚无业务类别：新增后取号机才能取号' }}
          columns={[
            { title: '字头', dataIndex: 'id', width: 60, render: (id: string) => <b>{id}</b> },
            { title: '名称', dataIndex: 'name' },
            { title: '号段', width: 110, render: (_v, c) => `${c.rangeStart}–${c.rangeEnd}` },
            { title: '每日上限', dataIndex: 'dailyCap', width: 90, render: (n: number) => (n ? n : '不限') },
            { title: '关联事项', dataIndex: 'items', render: (items: string[]) => items.join('、') || '—' },
            { title: '状态', dataIndex: 'enabled', width: 80, render: (e: boolean) => (e ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
            { title: '', width: 60, render: (_v, c) => <Button size="small" type="link" onClick={() => setCategory(c)}>编辑</Button> },
          ]}
        />
      </Card>
      <Card size="small" title="窗口" extra={<Button onClick={() => setCounter({ categories: [] })}>新增窗口</Button>}>
        <Table
          size="small"
          rowKey="number"
          pagination={false}
          dataSource={snapshot.counters}
          locale={{ emptyText: '尚无窗口' }}
          columns={[
            { title: '窗口号', dataIndex: 'number', width: 80 },
            { title: '名称', dataIndex: 'name', render: (n: string) => n || '—' },
            { title: '办理类别', dataIndex: 'categories', render: (ids: string[]) => ids.map((id) => catOptions.find((o) => o.value === id)?.label ?? id).join('、') },
            { title: '', width: 60, render: (_v, c) => <Button size="small" type="link" onClick={() => setCounter({ number: c.number, name: c.name, categories: c.categories })}>编辑</Button> },
          ]}
        />
      </Card>

      <Modal title={category?.id ? `编辑业务类别 ${category.id}` : '新增业务类别'} open={category !== null} onCancel={() => setCategory(null)} onOk={() => catForm.submit()} okText="保存" confirmLoading={saveCat.isPending} destroyOnHidden>
        <Form<Category>
          form={catForm}
          layout="vertical"
          preserve={false}
          initialValues={{ rangeStart: 1, rangeEnd: 999, dailyCap: 0, enabled: true, items: [], ...category }}
          onFinish={(v) => saveCat.mutate({ ...v, id: v.id.toUpperCase(), items: v.items ?? [] })}
        >
          <Form.Item name="id" label="号码字头（一个大写字母）" rules={[{ required: true, pattern: /^[A-Za-z]$/, message: '请填写一个字母，如 A' }]}>
            <Input maxLength={1} disabled={Boolean(category?.id)} style={{ width: 80, textTransform: 'uppercase' }} />
          </Form.Item>
          <Form.Item name="name" label="类别名称" rules={[{ required: true, message: '请填写类别名称' }, { max: 20 }]}>
            <Input placeholder="如 参保登记" />
          </Form.Item>
          <Form.Item label="号段" required style={{ marginBottom: 0 }}>
            <Form.Item name="rangeStart" style={{ display: 'inline-block' }} rules={[{ required: true }]}>
              <InputNumber min={1} max={9999} />
            </Form.Item>
            <span style={{ margin: '0 8px', lineHeight: '32px' }}>至</span>
            <Form.Item name="rangeEnd" style={{ display: 'inline-block' }} rules={[{ required: true }]}>
              <InputNumber min={1} max={9999} />
            </Form.Item>
          </Form.Item>
          <Form.Item name="dailyCap" label="每日取号上限（0 为不限）">
            <InputNumber min={0} max={9999} />
          </Form.Item>
          <Form.Item name="items" label="关联事项（主项或事项名称，可选）">
            <ItemsInput />
          </Form.Item>
          <Form.Item name="enabled" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>

      <Modal title={counter?.number ? `编辑 ${counter.number} 号窗口` : '新增窗口'} open={counter !== null} onCancel={() => setCounter(null)} onOk={() => ctrForm.submit()} okText="保存" confirmLoading={saveCtr.isPending} destroyOnHidden>
        <Form<CounterForm> form={ctrForm} layout="vertical" preserve={false} initialValues={{ name: '', ...counter }} onFinish={(v) => saveCtr.mutate({ ...v, name: v.name ?? '' })}>
          <Form.Item name="number" label="窗口号" rules={[{ required: true, message: '请填写窗口号' }]}>
            <InputNumber min={1} max={999} disabled={Boolean(counter?.number)} />
          </Form.Item>
          <Form.Item name="name" label="窗口名称（可选）">
            <Input maxLength={20} placeholder="如 综合窗口" />
          </Form.Item>
          <Form.Item name="categories" label="办理的业务类别" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个业务类别' }]}>
            <Checkbox.Group options={catOptions} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** A comma-separated text box bound to a string array. */
function ItemsInput({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const [text, setText] = useState((value ?? []).join('，'));
  return (
    <Input
      value={text}
      placeholder="多个用逗号分隔"
      onChange={(e) => {
        setText(e.target.value);
        onChange?.(e.target.value.split(/[,，、]+/).map((s) => s.trim()).filter(Boolean));
      }}
    />
  );
}
