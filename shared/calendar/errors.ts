/** Thrown whenever an answer needs a year whose 节假日安排 is not loaded. Never guess Monday–Friday. */
export class CalendarNotPublishedError extends Error {
  override name = 'CalendarNotPublishedError';
  constructor(readonly year: number) {
    super(`${year}年节假日安排（日历）未发布：该年日历未发布，无法按工作日计算，请导入国务院公布的${year}年节假日安排`);
  }
}

/** A calendar data file that does not match the format; `issues` lists every problem found. */
export class CalendarDataError extends Error {
  override name = 'CalendarDataError';
  constructor(readonly issues: readonly string[]) {
    super(`日历数据文件格式错误：\n${issues.map((i) => `- ${i}`).join('\n')}`);
  }
}
