import { Form, Input, Select, Typography } from 'antd';
import { checkIdNumberAs, ID_KIND_LABELS, type IdKind } from '../../../shared/identity';
import { ID_KINDS } from '../../../shared/contract/cases';
import { phoneProblem } from './fieldRules';

const idKindOptions = ID_KINDS.map((k) => ({ value: k, label: ID_KIND_LABELS[k] }));

/** 证件类型 / 证件号码 / 姓名 / 联系电话 of the 申请人 or the 代办人, checked as the clerk types. */
export function PartyFields({ prefix, who }: { prefix: 'applicant' | 'agent'; who: string }) {
  const form = Form.useFormInstance();
  const kind = Form.useWatch([prefix, 'idKind'], form) as IdKind | undefined;
  const idNumber = Form.useWatch([prefix, 'idNumber'], form) as string | undefined;
  const check = kind && idNumber ? checkIdNumberAs(idNumber, kind) : undefined;
  const summary = check?.valid ? [check.sex, check.birthDate && `${check.birthDate} 出生`, check.region].filter(Boolean).join(' · ') : undefined;
  const unit = kind === 'credit-code';

  return (
    <div className="party-grid">
      <Form.Item label="证件类型" name={[prefix, 'idKind']} initialValue="resident" className="party-kind">
        <Select options={idKindOptions} aria-label={`${who}证件类型`} popupMatchSelectWidth={false} />
      </Form.Item>
      <Form.Item
        label="证件号码"
        name={[prefix, 'idNumber']}
        className="party-id"
        validateTrigger="onBlur"
        dependencies={[[prefix, 'idKind']]}
        extra={summary ? <Typography.Text type="success">✓ {summary}</Typography.Text> : undefined}
        rules={[
          { required: true, message: '请填写证件号码' },
          {
            validator: async (_, value: string | undefined) => {
              if (!value || !kind) return;
              const r = checkIdNumberAs(value, kind);
              if (!r.valid) throw new Error(r.reason === '校验位错误' ? '校验位错误：号码有误，请逐位核对' : (r.reason ?? '证件号码无效'));
            },
          },
        ]}
      >
        <Input
          aria-label={`${who}证件号码`}
          maxLength={20}
          autoComplete="off"
          spellCheck={false}
          className="mono-input"
          onChange={(e) => {
            // Checked the moment the number is complete; a short number is reported when the field is left.
            if (e.target.value.trim().length >= (kind === 'foreign2017' ? 15 : 18)) void form.validateFields([[prefix, 'idNumber']]).catch(() => undefined);
          }}
        />
      </Form.Item>
      <Form.Item label={unit ? '单位名称' : '姓名'} name={[prefix, 'name']} className="party-name" rules={[{ required: true, whitespace: true, message: unit ? '请填写单位名称' : '请填写姓名' }]}>
        <Input aria-label={`${who}姓名`} maxLength={60} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="联系电话"
        name={[prefix, 'phone']}
        className="party-phone"
        validateTrigger="onBlur"
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              if (!value?.trim()) return;
              const p = phoneProblem(value);
              if (p) throw new Error(p);
            },
          },
        ]}
      >
        <Input aria-label={`${who}联系电话`} maxLength={20} autoComplete="off" />
      </Form.Item>
    </div>
  );
}
