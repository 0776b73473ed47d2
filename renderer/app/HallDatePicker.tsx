import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjsGenerateConfig from '@rc-component/picker/generate/dayjs';
import { hallDayjs } from './hallTime';

/**
 * antd's DatePicker with "today" in hall time. antd asks its date library for "now" to mark
 * today's cell and to open on the current month; left alone that is the browser's zone, so a
 * workstation set to another zone would mark a different day than core counts. Use this
 * instead of antd's DatePicker everywhere (lint forbids the other).
 */
export const HallDatePicker = DatePicker.generatePicker<Dayjs>({
  ...dayjsGenerateConfig,
  getNow: () => hallDayjs(),
});
