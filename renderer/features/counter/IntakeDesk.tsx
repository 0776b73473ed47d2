import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Form, Skeleton, Switch, type RefSelectProps } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useHotkeys } from 'react-hotkeys-hook';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { useSession } from '../../auth/SessionContext';
import { materialReceived } from '../../../shared/cases/model';
import type { CaseDetail, IntakeInput, Party, Requirements } from '../../../shared/contract/cases';
import type { IdentityRecord } from '../../../shared/contract';
import { PartyFields } from './PartyFields';
import { ItemPicker, type PickedItem } from './ItemPicker';
import { MaterialsTable, type MaterialState } from './MaterialsTable';
import { ConditionQuestions, IntakeFields, TimeLimit, derivedValue } from './IntakeFields';
import { DecisionPanel, type Decision } from './DecisionPanel';
import { loadRecentItems, rememberItem } from './recentItems';
import { splitCoreErrors, type CoreErrors } from './coreErrors';
import { isIdentityMaterial, CARD_FACTS } from './cardFacts';
import { partyFromCard } from '../../../shared/cases/card';
import { isInstantItem } from './fieldRules';
import { ReaderPanel } from '../readers/ReaderPanel';
import { useEVoucherScan } from '../readers/useEVoucherScan';

interface FormValues {
  applicant: Party;
  agent?: Party;
  form?: Record<string, string | undefined>;
}

const noErrors: CoreErrors = { fields: [], materials: {} };

export interface IntakeDeskProps {
  /** Items the current ticket's category serves, offered first in the 事项 box. */
  suggested: PickedItem[];
  /** The applicant to start with: 实名取号, or the same person going on to another item. */
  initialApplicant?: Party;
  /** The item to start with: the one a 预约 ticket was booked for. */
  initialItem?: PickedItem;
  onCardRead: () => void;
  onDecided: (detail: CaseDetail) => void;
  /** Tells the workstation whether anything is typed that a reset would lose. */
  onDirty: (dirty: boolean) => void;
}

/**
 * 受理 of one item for one person: applicant (filled from the card), item, conditions, materials,
 * 受理信息 and the decision, on one screen in the order the clerk works. Keys: F2 读卡, F3 事项,
 * 1–6 on a material row, Ctrl+Enter 受理.
 */
export function IntakeDesk({ suggested, initialApplicant, initialItem, onCardRead, onDecided, onDirty }: IntakeDeskProps) {
  const { orpc, client } = useApi();
  const { session } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const userId = session.user.id;
  const status = useQuery(orpc.catalog.status.queryOptions());
  const sourceId = status.data?.activeSourceId;
  const [recent, setRecent] = useState(() => loadRecentItems(userId));
  const [item, setItem] = useState<PickedItem | undefined>(initialItem);
  const [chosen, setAnswers] = useState<Record<string, string>>({});
  const [states, setStates] = useState<Record<string, MaterialState>>({});
  const [agentOn, setAgentOn] = useState(false);
  const [reason, setReason] = useState('');
  const [completeNow, setCompleteNow] = useState(true);
  const [errors, setErrors] = useState<CoreErrors>(noErrors);
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const itemRef = useRef<RefSelectProps>(null);
  const reasonRef = useRef<TextAreaRef>(null);
  const applicant = Form.useWatch('applicant', { form, preserve: true }) as Partial<Party> | undefined;

  // Conditions whose options include "none of these" start there: the clerk changes the rare case only.
  const [lastConditions, setLastConditions] = useState<Requirements['conditions']>([]);
  const answers = useMemo(() => ({ ...noneOfTheseAnswers(lastConditions), ...chosen }), [lastConditions, chosen]);
  const requirements = useQuery({
    ...orpc.cases.requirements.queryOptions({ input: { item: item?.key ?? '', sourceId: item?.sourceId, answers } }),
    enabled: item !== undefined,
    placeholderData: keepPreviousData,
  });
  const req = requirements.data && requirements.data.itemKey === item?.key ? requirements.data : undefined;
  if (req && req.conditions !== lastConditions) setLastConditions(req.conditions);
  const materials = useMemo(() => req?.materials ?? [], [req]);
  // A card read proves the original ID was shown: its material counts as received unless set otherwise.
  const cardRead = applicant?.cardSource === 'idcard' || applicant?.cardSource === 'sscard';
  const stateOf = (seq: string): MaterialState => states[seq] ?? (cardRead && isIdentityMaterial(materials.find((m) => m.seq === seq)?.name ?? '') ? { status: 'original', note: '读卡核验' } : { status: 'missing' });
  const lacking = materials.filter((m) => !materialReceived(stateOf(m.seq).status));
  const instant = req !== undefined && isInstantItem(req.handlingType, req.timeLimit.ruleText);
  const unanswered = req?.conditions.filter((c) => !answers[c.id]) ?? [];
  const refuseBlocked = !item ? '请先选择事项' : !req ? '正在读取事项要求…' : null;
  const blocked = refuseBlocked ?? (unanswered.length ? `请先回答：${unanswered.map((c) => c.question).join('、')}` : null);
  const acceptBlocked = lacking.length > 0 ? `缺少或不符合要求的材料：${lacking.map((m) => m.name).join('、')}。可一次性告知补正，或不予受理。` : null;
  const correctionBlocked = lacking.length === 0 ? '材料齐全，无须补正' : null;

  const dirty = item !== undefined || Boolean(applicant?.idNumber) || Boolean(applicant?.name);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  // A fresh desk: with a known person (实名取号, or the same person's next item) on to the item; else to the ID number.
  useEffect(() => {
    if (initialApplicant) form.setFieldsValue({ applicant: initialApplicant });
    const t = setTimeout(() => (initialApplicant ? itemRef.current?.focus() : document.querySelector<HTMLInputElement>('input[aria-label="申请人证件号码"]')?.focus()), 0);
    return () => clearTimeout(t);
  }, [initialApplicant, form]);

  const intake = useMutation({
    mutationFn: (input: IntakeInput) => client.cases.intake(input),
    onSuccess: (detail) => {
      if (item) setRecent(rememberItem(userId, item));
      onDecided(detail);
    },
    onError: (e) => {
      const split = splitCoreErrors(e, materials);
      // A field core names may be a derived one on screen: open it for editing so the message shows.
      const derivedNames = split.fields.filter((f) => f.name[0] === 'form').map((f) => f.name[1]!);
      if (derivedNames.length) setEdited((s) => new Set([...s, ...derivedNames]));
      setTimeout(() => form.setFields(split.fields.map((f) => ({ name: f.name, errors: [f.message] }))), 0);
      setErrors(split);
    },
  });

  const decide = async (decision: Decision) => {
    if (intake.isPending || (decision === 'refuse' ? refuseBlocked : blocked)) return;
    if (decision === 'accept' && acceptBlocked) return void message.warning(acceptBlocked);
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
    // Derived fields are not sent: core fills them from the applicant and the answers (one source).
    const fields = req?.fields ?? [];
    const sent = Object.entries(values.form ?? {}).filter(([name, v]) => {
      if (typeof v !== 'string' || v.trim() === '') return false;
      const f = fields.find((x) => x.name === name);
      return !f || derivedValue(f, values.applicant, req?.conditions ?? [], answers) === undefined || edited.has(name);
    }) as [string, string][];
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
      form: Object.fromEntries(sent),
      decision,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      completeNow: decision === 'accept' && instant && completeNow,
    });
  };

  /** A card on the reader fills the applicant (or, with 委托办理 on, the 代办人 who brought it); then on to the item. */
  const fillFromCard = (r: IdentityRecord) => {
    const who = agentOn ? 'agent' : 'applicant';
    const phone = (form.getFieldValue([who, 'phone']) as string | undefined) ?? undefined;
    form.setFieldsValue({ [who]: { ...partyFromCard(r), ...(phone ? { phone } : {}) } });
    // Re-checks every field the card set, so an error left from a cleared field does not stay.
    void form.validateFields([[who, 'idKind'], [who, 'idNumber'], [who, 'name']]).catch(() => undefined);
    onCardRead();
    if (!item) setTimeout(() => itemRef.current?.focus(), 0);
  };

  const onValuesChange = (changed: Partial<FormValues>) => {
    // The clerk typed over the card's number or name: the card's other facts belong to someone else now.
    for (const who of ['applicant', 'agent'] as const) {
      const c = changed[who];
      if (c && ('idNumber' in c || 'idKind' in c || 'name' in c)) {
        const current = form.getFieldValue([who, 'cardSource']) as string | undefined;
        if (current && current !== 'manual') form.setFieldsValue({ [who]: Object.fromEntries([...CARD_FACTS.map((k) => [k, undefined]), ['cardSource', 'manual']]) });
      }
    }
  };

  useHotkeys('ctrl+enter', (e) => {
    e.preventDefault();
    void decide('accept');
  }, { enableOnFormTags: true });
  useHotkeys('f3', (e) => {
    e.preventDefault();
    itemRef.current?.focus();
  }, { enableOnFormTags: true });
  // 医保电子凭证 from a keyboard-wedge QR scanner fills the applicant like a card.
  useEVoucherScan(fillFromCard, true);

  if (status.isPending) return <Skeleton active />;

  return (
    <Form form={form} onValuesChange={onValuesChange} layout="vertical" size="middle" className="intake-desk" requiredMark={false} data-testid="counter-page">
      <section className="counter-card desk-applicant">
        <header>
          <h3>申请人</h3>
          <span className="header-gap" />
          <label className="agent-switch">
            <Switch size="small" checked={agentOn} onChange={setAgentOn} aria-label="委托办理" /> 委托办理
          </label>
        </header>
        <ReaderPanel onCard={fillFromCard} compact />
        <PartyFields prefix="applicant" who="申请人" />
        {agentOn && (
          <>
            <div className="sub-title">代办人（须提交授权委托书）</div>
            <PartyFields prefix="agent" who="代办人" />
          </>
        )}
      </section>

      <section className="counter-card desk-item">
        <header>
          <h3>事项与材料</h3>
          <kbd className="btn-kbd">F3</kbd>
        </header>
        <ItemPicker
          ref={itemRef}
          sourceId={sourceId}
          value={item}
          recent={recent}
          suggested={suggested}
          status={errors.item ? 'error' : undefined}
          onChange={(picked) => {
            setItem(picked);
            setAnswers({});
            setStates({});
            setEdited(new Set());
            setErrors(noErrors);
          }}
        />
        {errors.item && <div className="field-error">{errors.item}</div>}
        {item && !req && requirements.isError && <div className="field-error">{errorText(requirements.error)}</div>}
        {item && !req && requirements.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
        {req && (
          <div className="desk-scroll">
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
              states={Object.fromEntries(materials.map((m) => [m.seq, stateOf(m.seq)]))}
              errors={errors.materials}
              pendingAnswers={unanswered.length > 0}
              onChange={(seq, s) => setStates((prev) => ({ ...prev, [seq]: s }))}
              onAllReceived={() => setStates((prev) => Object.fromEntries(materials.map((m) => [m.seq, prev[m.seq]?.status === 'original' ? prev[m.seq]! : { status: 'original' as const }])))}
            />
          </div>
        )}
      </section>

      <section className="counter-card desk-fields">
        <header>
          <h3>受理信息</h3>
        </header>
        <div className="desk-scroll">
          {req ? (
            <IntakeFields
              fields={req.fields}
              sourceId={req.sourceId}
              applicant={applicant}
              conditions={req.conditions}
              answers={answers}
              edited={edited}
              onEdit={(name, editing) =>
                setEdited((s) => {
                  const next = new Set(s);
                  if (editing) {
                    next.add(name);
                    const f = req.fields.find((x) => x.name === name);
                    if (f) form.setFieldValue(['form', name], derivedValue(f, applicant, req.conditions, answers));
                  } else next.delete(name);
                  return next;
                })
              }
            />
          ) : (
            <div className="counter-empty">选择事项后显示须填写的受理信息。</div>
          )}
          {req && <TimeLimit timeLimit={req.timeLimit} instant={instant} />}
        </div>
        <DecisionPanel
          ref={reasonRef}
          blocked={blocked}
          refuseBlocked={refuseBlocked}
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
    </Form>
  );
}

function noneOfTheseAnswers(conditions: Requirements['conditions']): Record<string, string> {
  return Object.fromEntries(
    conditions.flatMap((c) => {
      const none = c.options.find((o) => /^(均不属于|都不属于|不属于|否|无)$/.test(o.label));
      return none ? [[c.id, none.id]] : [];
    }),
  );
}

function cleanParty(p: Party): Party {
  const phone = p.phone?.trim();
  const facts = Object.fromEntries(CARD_FACTS.flatMap((k) => (p[k] ? [[k, p[k]]] : [])));
  return { idKind: p.idKind, idNumber: p.idNumber.trim(), name: p.name.trim(), ...(phone ? { phone } : {}), ...facts, cardSource: p.cardSource ?? 'manual' };
}
