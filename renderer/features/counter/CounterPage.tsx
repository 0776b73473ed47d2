import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Form, Skeleton, Switch, type RefSelectProps } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useHotkeys } from 'react-hotkeys-hook';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { useSession } from '../../auth/SessionContext';
import { materialReceived } from '../../../shared/cases/model';
import type { CaseDetail, IntakeInput, Party } from '../../../shared/contract/cases';
import { PartyFields } from './PartyFields';
import { ItemPicker, type PickedItem } from './ItemPicker';
import { MaterialsTable, type MaterialState } from './MaterialsTable';
import { ConditionQuestions, IntakeFields, TimeLimit } from './IntakeFields';
import { DecisionPanel, type Decision } from './DecisionPanel';
import { IntakeResult } from './IntakeResult';
import { loadRecentItems, rememberItem } from './recentItems';
import { splitCoreErrors, type CoreErrors } from './coreErrors';
import { applicantValueFor } from './prefill';
import { ReaderPanel } from '../readers/ReaderPanel';
import { useEVoucherScan } from '../readers/useEVoucherScan';
import type { IdentityRecord } from '../../../shared/contract';
import './counter.css';

interface FormValues {
  applicant: Party;
  agent?: Party;
  form?: Record<string, string | undefined>;
}

const noErrors: CoreErrors = { fields: [], materials: {} };

/**
 * 窗口受理: applicant, item, conditions, materials, intake fields and the decision on one
 * screen, in the order the clerk works through them. Keyboard: Tab through, 1–6 on a material
 * row, Ctrl+Enter 受理, Alt+N 下一位.
 */
export function CounterPage() {
  const { orpc, client } = useApi();
  const { session } = useSession();
  const { modal } = App.useApp();
  const [form] = Form.useForm();
  const userId = session.user.id;
  const status = useQuery(orpc.catalog.status.queryOptions());
  const sourceId = status.data?.activeSourceId;
  const [recent, setRecent] = useState(() => loadRecentItems(userId));
  const [item, setItem] = useState<PickedItem | undefined>();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [states, setStates] = useState<Record<string, MaterialState>>({});
  const [agentOn, setAgentOn] = useState(false);
  const [reason, setReason] = useState('');
  const [completeNow, setCompleteNow] = useState(true);
  const [errors, setErrors] = useState<CoreErrors>(noErrors);
  const [result, setResult] = useState<CaseDetail | undefined>();
  const itemRef = useRef<RefSelectProps>(null);
  const reasonRef = useRef<TextAreaRef>(null);

  const requirements = useQuery({
    ...orpc.cases.requirements.queryOptions({ input: { item: item?.key ?? '', sourceId: item?.sourceId, answers } }),
    enabled: item !== undefined,
    placeholderData: keepPreviousData,
  });
  const req = requirements.data && requirements.data.itemKey === item?.key ? requirements.data : undefined;
  const materials = useMemo(() => req?.materials ?? [], [req]);
  const stateOf = (seq: string): MaterialState => states[seq] ?? { status: 'missing' };
  const lacking = materials.filter((m) => !materialReceived(stateOf(m.seq).status));
  const instant = req !== undefined && (req.handlingType === '即办件' || req.timeLimit.ruleText === '即时办结' || (req.timeLimit.ruleText ?? req.timeLimit.text).includes('即时办结'));

  const unanswered = req?.conditions.filter((c) => !answers[c.id]) ?? [];
  const blocked = !item ? '请先选择事项' : !req ? '正在读取事项要求…' : unanswered.length ? `请先回答：${unanswered.map((c) => c.question).join('、')}` : null;

  // 受理信息 that repeat the applicant's details follow them until the clerk edits the field.
  const fields = req?.fields;
  const prefill = (applicant: Partial<Party> | undefined) => {
    for (const f of fields ?? []) {
      const v = applicantValueFor(f.name, applicant);
      if (v !== undefined && !form.isFieldTouched(['form', f.name])) form.setFieldValue(['form', f.name], v);
    }
  };
  useEffect(() => {
    for (const f of fields ?? []) {
      const v = applicantValueFor(f.name, form.getFieldValue('applicant') as Partial<Party> | undefined);
      if (v !== undefined && !form.isFieldTouched(['form', f.name])) form.setFieldValue(['form', f.name], v);
    }
  }, [fields, form]);
  const acceptBlocked = lacking.length > 0 ? `缺少或不符合要求的材料：${lacking.map((m) => m.name).join('、')}。可一次性告知补正，或不予受理。` : null;
  const correctionBlocked = lacking.length === 0 ? '材料齐全，无须补正' : null;

  const intake = useMutation({
    mutationFn: (input: IntakeInput) => client.cases.intake(input),
    onSuccess: (detail) => {
      if (item) setRecent(rememberItem(userId, item));
      setResult(detail);
    },
    onError: (e) => {
      const split = splitCoreErrors(e, materials);
      form.setFields(split.fields.map((f) => ({ name: f.name, errors: [f.message] })));
      setErrors(split);
      if (split.fields[0]) form.scrollToField(split.fields[0].name, { block: 'center' });
    },
  });

  const decide = async (decision: Decision) => {
    if (blocked || intake.isPending) return;
    if (decision === 'accept' && acceptBlocked) return;
    setErrors(noErrors);
    let values: FormValues;
    try {
      // 受理信息 matter only for 受理; an applicant sent away is not asked for them.
      const parties = ['idKind', 'idNumber', 'name', 'phone'].flatMap((k) => [['applicant', k], ...(agentOn ? [['agent', k]] : [])]);
      await form.validateFields(decision === 'accept' ? undefined : parties);
      values = form.getFieldsValue(true) as FormValues;
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center', focus: true });
      return;
    }
    if (decision !== 'accept' && reason.trim() === '') {
      setErrors({ ...noErrors, reason: decision === 'refuse' ? '请填写不予受理的理由' : '请填写一次性告知的理由' });
      reasonRef.current?.focus();
      return;
    }
    const formValues = Object.fromEntries(Object.entries(values.form ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
    intake.mutate({
      sourceId: item!.sourceId,
      item: item!.key,
      applicant: cleanParty(values.applicant),
      ...(agentOn && values.agent ? { agent: cleanParty(values.agent) } : {}),
      answers,
      materials: materials.map((m) => {
        const s = stateOf(m.seq);
        return { seq: m.seq, status: s.status, ...(s.note?.trim() ? { note: s.note.trim() } : {}) };
      }),
      form: formValues,
      decision,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      completeNow: decision === 'accept' && instant && completeNow,
    });
  };

  /** A card on the reader fills the applicant (or, with 委托办理 on, the 代办人 who brought it). */
  const fillFromCard = (r: IdentityRecord) => {
    const who = agentOn ? 'agent' : 'applicant';
    const idKind = r.cardType === 'hkmotw' ? (r.idNumber.startsWith('83') ? 'taiwan' : 'hkmo') : r.cardType;
    form.setFieldsValue({ [who]: { idKind, idNumber: r.idNumber, name: r.name } });
    // Re-checks every field the card set, so an error left from a cleared field does not stay.
    void form.validateFields([[who, 'idKind'], [who, 'idNumber'], [who, 'name']]).catch(() => undefined);
    if (who === 'applicant') prefill(form.getFieldValue('applicant') as Partial<Party>);
  };

  const clear = () => {
    form.resetFields();
    setItem(undefined);
    setAnswers({});
    setStates({});
    setAgentOn(false);
    setReason('');
    setCompleteNow(true);
    setErrors(noErrors);
    setResult(undefined);
    intake.reset();
    setTimeout(() => document.querySelector<HTMLInputElement>('input[aria-label="申请人证件号码"]')?.focus(), 0);
  };
  const next = () => {
    const dirty = !result && (form.isFieldsTouched() || item !== undefined);
    if (!dirty) return clear();
    modal.confirm({ title: '清空当前填写的内容？', content: '尚未受理，清空后需要重新填写。', okText: '清空，接待下一位', cancelText: '继续填写', onOk: clear });
  };

  useHotkeys('ctrl+enter', (e) => {
    e.preventDefault();
    void decide('accept');
  }, { enableOnFormTags: true, enabled: !result });
  useHotkeys('alt+n', (e) => {
    e.preventDefault();
    next();
  }, { enableOnFormTags: true });
  // 医保电子凭证 from a keyboard-wedge QR scanner fills the applicant like a card.
  useEVoucherScan(fillFromCard, !result);

  if (status.isPending) return <Skeleton active />;
  if (result) return <IntakeResult detail={result} onNext={clear} />;

  return (
    <Form
      form={form}
      onValuesChange={(changed: Partial<FormValues>, all: FormValues) => changed.applicant && prefill(all.applicant)}
      layout="vertical" size="middle" className="counter-page" requiredMark={false} data-testid="counter-page">
      <section className="counter-card">
        <header>
          <h3>申请人</h3>
          <span className="header-gap" />
          <label className="agent-switch">
            <Switch size="small" checked={agentOn} onChange={setAgentOn} aria-label="委托办理" /> 委托办理（代办人到场）
          </label>
        </header>
        <div className="counter-reader">
          <ReaderPanel onCard={fillFromCard} />
        </div>
        <PartyFields prefix="applicant" who="申请人" />
        {agentOn && (
          <>
            <div className="sub-title">代办人（须提交授权委托书）</div>
            <PartyFields prefix="agent" who="代办人" />
          </>
        )}
      </section>

      <div className="counter-columns">
        <section className="counter-card">
          <header>
            <h3>事项与材料</h3>
          </header>
          <ItemPicker
            ref={itemRef}
            sourceId={sourceId}
            value={item}
            recent={recent}
            status={errors.item ? 'error' : undefined}
            onChange={(picked) => {
              setItem(picked);
              setAnswers({});
              setStates({});
              setErrors(noErrors);
            }}
          />
          {errors.item && <div className="field-error">{errors.item}</div>}
          {item && !req && requirements.isError && <div className="field-error">{errorText(requirements.error)}</div>}
          {item && !req && requirements.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
          {req && (
            <>
              {(req.mainItemName || req.code || req.handlingType) && (
                <div className="item-meta">
                  {req.mainItemName && <span>主项：{req.mainItemName}</span>}
                  {req.code && <span className="case-mono">编码 {req.code}</span>}
                  {req.handlingType && <span>{req.handlingType}</span>}
                </div>
              )}
              <ConditionQuestions conditions={req.conditions} answers={answers} errors={errors.answers} onAnswer={(id, option) => setAnswers((a) => ({ ...a, [id]: option }))} />
              <MaterialsTable
                materials={materials}
                states={states}
                errors={errors.materials}
                pendingAnswers={unanswered.length > 0}
                onChange={(seq, s) => setStates((prev) => ({ ...prev, [seq]: s }))}
                onAllReceived={() => setStates(Object.fromEntries(materials.map((m) => [m.seq, { status: 'original' as const }])))}
              />
            </>
          )}
        </section>

        <section className="counter-card">
          <header>
            <h3>受理信息</h3>
          </header>
          {req ? <IntakeFields fields={req.fields} sourceId={req.sourceId} /> : <div className="counter-empty">选择事项后显示须填写的受理信息。</div>}
          {req && <TimeLimit timeLimit={req.timeLimit} instant={instant} />}
          <DecisionPanel
            ref={reasonRef}
            blocked={blocked}
            acceptBlocked={acceptBlocked}
            correctionBlocked={correctionBlocked}
            instant={instant}
            completeNow={completeNow}
            onCompleteNow={setCompleteNow}
            reason={reason}
            onReason={(v) => {
              setReason(v);
              if (errors.reason) setErrors({ ...errors, reason: undefined });
            }}
            reasonError={errors.reason}
            generalError={errors.general}
            busy={intake.isPending ? (intake.variables?.decision ?? null) : null}
            onDecide={(d) => void decide(d)}
          />
        </section>
      </div>
    </Form>
  );
}

function cleanParty(p: Party): Party {
  const phone = p.phone?.trim();
  return { idKind: p.idKind, idNumber: p.idNumber.trim(), name: p.name.trim(), ...(phone ? { phone } : {}) };
}
