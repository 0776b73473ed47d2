import { Alert, Button, Form, Input, Radio, Select, Tag } from 'antd';
import type { FieldSpec, Party, Requirements } from '../../../shared/contract/cases';
import { FIELD_PLACEHOLDERS, fieldProblem } from './fieldRules';
import { mirrorConflict, mirrorValue } from '../../../shared/cases/mirror';
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

interface FieldsProps {
  fields: FieldSpec[];
  sourceId: string;
  applicant: Partial<Party> | undefined;
  conditions: Requirements['conditions'];
  answers: Record<string, string>;
  /** Names of mirrored fields the clerk chose to edit: they no longer follow the applicant. */
  edited: ReadonlySet<string>;
  onEdit: (name: string, editing: boolean) => void;
}

/**
 * 受理信息: the item's required intake fields. A field that repeats the applicant (姓名, 证件, 出生
 * 日期, 户籍地址…) or a question already answered (人员类别) is shown, not typed: it follows its
 * source until the clerk edits it on purpose, and core fills and checks it from the same source.
 * Fields with a fixed set of answers are choices.
 */
export function IntakeFields({ fields, sourceId, applicant, conditions, answers, edited, onEdit }: FieldsProps) {
  if (fields.length === 0) return <div className="counter-empty">此事项无须填写受理信息。</div>;
  const borrowed = fields.some((f) => f.from !== sourceId);
  const derived = fields.flatMap((field) => {
    const value = derivedValue(field, applicant, conditions, answers);
    return value !== undefined && !edited.has(field.name) ? [{ field, value }] : [];
  });
  const typed = fields.filter((f) => !derived.some((d) => d.field === f));
  return (
    <div className="intake-fields" data-testid="intake-fields">
      {borrowed && (
        <div className="fields-from">
          <Tag>参照湖北省办事指南</Tag>本清单未列受理信息必填项，按湖北省同名事项填写
        </div>
      )}
      {derived.length > 0 && (
        <div className="derived-list" data-testid="derived-fields">
          {derived.map(({ field, value }) => (
            <DerivedField key={field.name} field={field} value={value} onEdit={() => onEdit(field.name, true)} />
          ))}
        </div>
      )}
      {typed.map((f) => (
        <InputField key={f.name} field={f} applicant={applicant} isEdited={derivedValue(f, applicant, conditions, answers) !== undefined} onRestore={() => onEdit(f.name, false)} />
      ))}
    </div>
  );
}

/** What a field shows without typing: the applicant's fact or the condition's answer; undefined when it has none. */
export function derivedValue(f: FieldSpec, applicant: Partial<Party> | undefined, conditions: Requirements['conditions'], answers: Record<string, string>): string | undefined {
  if (f.fromCondition) {
    const c = conditions.find((q) => q.id === f.fromCondition);
    const label = c?.options.find((o) => o.id === answers[c.id])?.label;
    return label ?? '';
  }
  if (f.mirror) {
    const v = mirrorValue(f.mirror, applicant);
    return v === undefined || v === '' ? undefined : v;
  }
  return undefined;
}

/** One line of what the form takes without typing: the value, where it comes from, and 修改. */
function DerivedField({ field, value, onEdit }: { field: FieldSpec; value: string; onEdit: () => void }) {
  return (
    <div className="derived-field" data-testid={`derived-${field.name}`} aria-label={field.name}>
      <span className="derived-label">{field.name}</span>
      <span className={value ? 'derived-value' : 'derived-empty'} title={value}>
        {value || '（回答上面的办理情形后填入）'}
      </span>
      <Tag className="derived-tag">{field.fromCondition ? '随办理情形' : '随申请人'}</Tag>
      {!field.fromCondition && (
        <Button size="small" type="link" tabIndex={-1} onClick={onEdit} aria-label={`修改${field.name}`}>
          修改
        </Button>
      )}
    </div>
  );
}

function InputField({ field: f, applicant, isEdited, onRestore }: { field: FieldSpec; applicant: Partial<Party> | undefined; isEdited: boolean; onRestore: () => void }) {
  const options = f.options?.map((o) => ({ value: o, label: o }));
  return (
    <Form.Item
      label={
        isEdited ? (
          <span>
            {f.name}
            <Tag color="orange" className="derived-tag">
              已修改
            </Tag>
            <Button size="small" type="link" tabIndex={-1} onClick={onRestore}>
              恢复
            </Button>
          </span>
        ) : (
          f.name
        )
      }
      name={['form', f.name]}
      initialValue={f.defaultOption}
      className={f.type === 'textarea' || f.mirror === 'address' || (options && options.length > 3) ? 'is-wide' : undefined}
      validateTrigger="onBlur"
      rules={[
        { required: f.required, whitespace: true, message: options ? `请选择${f.name}` : `请填写${f.name}` },
        {
          validator: async (_, value: string | undefined) => {
            const p = options ? null : fieldProblem(f.type, value ?? '');
            if (p) throw new Error(p);
            // The same rule core applies: an edited field may not name another person.
            const conflict = f.mirror && applicant ? mirrorConflict(f.name, f.mirror, value ?? '', applicant) : null;
            if (conflict) throw new Error(conflict);
          },
        },
      ]}
    >
      {options ? (
        options.length <= 6 ? (
          <Radio.Group size="small" optionType="button" options={options} aria-label={f.name} />
        ) : (
          <Select options={options} aria-label={f.name} showSearch />
        )
      ) : f.type === 'textarea' ? (
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} aria-label={f.name} data-field-type={f.type} />
      ) : (
        <Input aria-label={f.name} placeholder={FIELD_PLACEHOLDERS[f.type]} maxLength={f.type === 'text' ? 200 : 40} autoComplete="off" data-field-type={f.type} className={f.type === 'text' ? undefined : 'mono-input'} />
      )}
    </Form.Item>
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
        {timeLimit.dueDateIfToday && (
          <>
            <span className="label" style={{ marginLeft: 12 }}>
              {instant ? '办结日期' : '今日受理应于'}
            </span>
            <strong className="due">
              <DueDate date={timeLimit.dueDateIfToday} provisional={timeLimit.dueDateProvisional} />
            </strong>
            {instant ? '（当场办结）' : ' 前办结'}
          </>
        )}
      </div>
      {timeLimit.problem && <Alert type="warning" showIcon title={timeLimit.problem} />}
    </div>
  );
}
