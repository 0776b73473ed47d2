import { p } from './base';
import { AppError } from '../errors';
import type { DueDateInput } from '../../../shared/cases/due-date';
import { calendarMessages } from '../../../shared/messages/zh-CN';

/** 工作日历: thin handlers over the calendar service (electron/core/calendar). */
export const calendar = {
  years: p.calendar.years.handler(({ context }) => context.services.calendar.years()),
  year: p.calendar.year.handler(({ context, input }) => context.services.calendar.year(input.year)),
  data: p.calendar.data.handler(({ context }) => context.services.calendar.data()),
  dayInfo: p.calendar.dayInfo.handler(({ context, input }) => context.services.calendar.dayInfo(input.date, { provisional: input.provisional })),
  add: p.calendar.add.handler(({ context, input }) => context.services.calendar.add(input.date, input.n, input.unit, { provisional: input.provisional })),
  import: p.calendar.import.handler(({ context, input }) => context.services.calendar.import(input.text, context.actor)),
  dueDate: p.calendar.dueDate.handler(({ context, input }) => {
    const { services } = context;
    let timeLimit = input.timeLimit;
    let conditions = input.conditions;
    if (input.item) {
      const { item } = services.catalog.getItem(input.item.ref, input.item.sourceId);
      timeLimit = item.timeLimit;
      conditions = item.conditions;
    }
    if (!timeLimit) throw new AppError('BAD_REQUEST', 'dueDate needs a timeLimit or an item', calendarMessages.dueDateNeedsTimeLimit);
    const request: DueDateInput = { acceptedOn: input.acceptedOn, timeLimit, conditions, answers: input.answers, flags: input.flags };
    return services.calendar.dueDate(request, { provisional: input.provisional });
  }),
};
