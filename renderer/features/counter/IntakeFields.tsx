import { Alert, Form, Input, Radio, Tag } from 'antd';
import type { FieldSpec, Requirements } from '../../../shared/contract/cases';
import { FIELD_PLACEHOLDERS, fieldProblem } from './fieldRules';
import { DueDate } from '../../app/DueDate';

/** 办理情形: each condition of the item as a radio group; the answers decide the materials. */
export function ConditionQuestions({
  conditions,
  answers,
  errors = {},
  onAnswer,
}: {
  conditions: Requirements['conditions'];
  answers: Record<string, string>;
  errors?: Record<string, string>;
  onAnswer: (id: string, option: string) => void;
}) {
  if (conditions.length === 0) return null;
  return (
    <div className="conditions">
      {conditions.map((c) => (
        <div key={c.id} className="condition" role="group" aria-label={c.question}>
          <span className="condition-q">{c.question}</span>
          <Radio.Group size="small" optionType="button" value={answers[c.id]} onChange={(e) => onAnswer(c.id, String(e.target.value))} options={c.options.map((o) => ({ value: o.id, label: o.label }))} />
          {errors[c.id] && <span className="field-error">{errors[c.id]}</span>}
        </div>
      ))}
    </div>
  );
}

/** 受理信息: the item's required intake fields as inputs, each checked by its type. */
export function IntakeFields({ fields, sourceId }: { fields: FieldSpec[]; sourceId: string }) {
  if (fields.length === 0) return <div className="counter-empty">此事项无须填写受理信息。</div>;
  const borrowed = fields.some((f) => f.from !== sourceId);
  return (
    <div className="intake-fields" data-testid="intake-fields">
      {borrowed && (
        <div className="fields-from">
          <Tag>参照湖北省办事指南</Tag>本清单未列受理信息必填项，按湖北省同名事项填写
        </div>
      )}
      {fields.map((f) => (
        <Form.Item
          key={f.name}
          label={f.name}
          name={['form', f.name]}
          className={f.type === 'textarea' ? 'is-wide' : undefined}
          validateTrigger="onBlur"
          rules={[
            { required: f.required, whitespace: true, message: `请填写${f.name}` },
            {
              validator: async (_, value: string | undefined) => {
                const p = fieldProblem(f.type, value ?? '');
                if (p) throw new Error(p);
              },
            },
          ]}
        >
          {f.type === 'textarea' ? (
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} aria-label={f.name} data-field-type={f.type} />
          ) : (
            <Input aria-label={f.name} placeholder={FIELD_PLACEHOLDERS[f.type]} maxLength={f.type === 'text' ? 200 : 40} autoComplete="off" data-field-type={f.type} className={f.type === 'text' ? undefined : 'mono-input'} />
          )}
        </Form.Item>
      ))}
    </div>
  );
}

/** 办理时限: the limit, the rule the answers chose, and the due date if accepted today. */
export function TimeLimit({ timeLimit, instant }: { timeLimit: Requirements['timeLimit']; instant: boolean }) {
  return (
    <div className="time-limit" data-testid="time-limit">
      <div>
        <span className="label">办理时限</span>
        {timeLimit.text}
        {timeLimit.ruleText && timeLimit.ruleText !== timeLimit.text && <span className="rule">（适用：{timeLimit.ruleText}）</span>}
      </div>
      {timeLimit.dueDateIfToday && (
        <div>
          <span className="label">{instant ? '办结日期' : '今日受理应于'}</span>
          <strong className="due"><DueDate date={timeLimit.dueDateIfToday} provisional={timeLimit.dueDateProvisional} /></strong>
          {instant ? '（当场办结）' : ' 前办结'}
        </div>
      )}
      {timeLimit.problem && <Alert type="warning" showIcon title={timeLimit.problem} />}
    </div>
  );
}
