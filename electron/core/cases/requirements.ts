import type { CatalogService } from '../catalog/service';
import type { CalendarService } from '../calendar/service';
import type { FieldSpec, Requirements } from '../../../shared/contract/cases';
import { itemPays } from '../../../shared/cases/model';
import { AppError } from '../errors';
import { mirrorOf } from '../../../shared/cases/mirror';
import { fieldApplies, optionNamedByItem } from '../../../shared/cases/field-answers';
import type { FieldChoice } from '../../../shared/settings/schema';
import { caseMessages } from '../../../shared/messages/zh-CN';

type Item = ReturnType<CatalogService['getItem']>['item'];

/** Infers the input type of a 受理信息必填项 from its name, as the sources word them. */
export function fieldType(name: string): FieldSpec['type'] {
  if (/电话|手机/.test(name)) return 'phone';
  if (/银行.*(账号|卡号)|账号|卡号/.test(name)) return 'bankAccount';
  if (/身份证|证件号码|社会保障号码|公民身份号码/.test(name)) return 'idNumber';
  if (/日期|时间/.test(name)) return 'date';
  if (/金额|费用|数额/.test(name)) return 'amount';
  if (/代码|编码|编号/.test(name)) return 'code';
  if (/原因|说明|情况|地址/.test(name)) return 'textarea';
  return 'text';
}

/** The item in a source, or NOT_FOUND in Chinese. */
export function findItem(catalog: CatalogService, ref: string, sourceId?: string): { sourceId: string; item: Item } {
  try {
    const detail = catalog.getItem(ref, sourceId);
    return { sourceId: detail.source.id, item: detail.item };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('NOT_FOUND', `item ${ref} not found`, caseMessages.itemNotFound(ref), { item: caseMessages.itemNotFoundField });
  }
}

/** Applicable materials: unconditional ones, and conditional ones whose answer matches. */
export function applicableMaterials(item: Item, answers: Record<string, string>) {
  return item.materials
    .filter((m) => !m.condition || m.condition.optionIds.includes(answers[m.condition.conditionId] ?? ''))
    .map((m) => ({
      seq: m.seq,
      name: m.name,
      conditionLabel: m.condition?.label,
      notes: m.notes ?? [],
      promiseAllowed: m.promiseAllowed === true,
      dataSharing: m.dataSharing ?? null,
    }));
}

/**
 * 受理信息必填项 of the item; where the active source lists none, those of the same item in the
 * Hubei guide (the only source that prints them), as the issue asks.
 */
export function intakeFields(catalog: CatalogService, sourceId: string, item: Item, hasAgent: boolean, choices: Readonly<Record<string, FieldChoice>> = {}, answers: Readonly<Record<string, string>> = {}): FieldSpec[] {
  let names = item.intakeFields ?? [];
  let from = sourceId;
  if (names.length === 0 && sourceId !== 'hubei-2022') {
    try {
      names = catalog.getItem(item.key, 'hubei-2022').item.intakeFields ?? [];
      from = 'hubei-2022';
    } catch {
      names = [];
    }
  }
  const labels = answerLabels(item, answers);
  return names.filter((name) => fieldApplies(name, labels)).map((name) => ({ name, type: fieldType(name), required: hasAgent || !/代办|委托|代理/.test(name), from, ...fieldAnswers(name, item, choices) }));
}

/**
 * Where a field's answer comes from: the applicant (mirror), a condition question that already
 * asks it (人员类别 ← 参保人员类别？), or a fixed list of answers from settings.
 */
function fieldAnswers(name: string, item: Item, choices: Readonly<Record<string, FieldChoice>>): Pick<FieldSpec, 'mirror' | 'options' | 'defaultOption' | 'fromCondition'> {
  const mirror = mirrorOf(name);
  if (mirror) return { mirror };
  const condition = (item.conditions ?? []).find((c) => name.length >= 2 && c.question.replace(/[？?]/g, '').includes(name));
  if (condition) return { fromCondition: condition.id, options: condition.options.map((o) => o.label) };
  const choice = choices[name];
  if (choice) {
    const defaultOption = optionNamedByItem(choice.options, item.name) ?? choice.defaultOption;
    return { options: [...choice.options], ...(defaultOption ? { defaultOption } : {}) };
  }
  return {};
}

/** The labels of the options chosen so far (参保人员类别 → 灵活就业人员). */
function answerLabels(item: Item, answers: Readonly<Record<string, string>>): string[] {
  return (item.conditions ?? []).flatMap((c) => c.options.filter((o) => o.id === answers[c.id]).map((o) => o.label));
}

export function requirementsFor(
  deps: { catalog: CatalogService; calendar: CalendarService; today: () => string; fieldChoices?: Readonly<Record<string, FieldChoice>> },
  input: { sourceId?: string; item: string; answers: Record<string, string>; flags: string[] },
): Requirements {
  const { sourceId, item } = findItem(deps.catalog, input.item, input.sourceId);
  let dueDateIfToday: string | null = null;
  let dueDateProvisional = false;
  let ruleText: string | null = null;
  let problem: string | null = null;
  try {
    const due = deps.calendar.dueDate({ acceptedOn: deps.today(), timeLimit: item.timeLimit, conditions: item.conditions ?? [], answers: input.answers, flags: input.flags }, { provisional: true });
    dueDateIfToday = due.dueDate;
    dueDateProvisional = due.provisional === true;
    ruleText = due.ruleText;
  } catch (error) {
    problem = error instanceof AppError ? (error.userText ?? error.message) : (error as Error).message;
  }
  return {
    sourceId,
    itemKey: item.key,
    itemName: item.name,
    mainItemName: item.mainItem?.name,
    code: item.code,
    handlingType: item.handlingType,
    pays: itemPays(item.process),
    conditions: (item.conditions ?? []).map((c) => ({ id: c.id, question: c.question, options: c.options })),
    materials: applicableMaterials(item, input.answers),
    fields: intakeFields(deps.catalog, sourceId, item, false, deps.fieldChoices, input.answers),
    timeLimit: { text: item.timeLimit.text, ruleText, dueDateIfToday, dueDateProvisional, problem },
    legalBasis: item.legalBasis ?? [],
  };
}
