import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Lints a snippet as if it were the given file, with the project's own config. */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (eslint.config.js)', () => {
  it.each([
    ['shared/contract/bad.ts', "import { createCore } from '../../electron/core/core';\nexport const x = createCore;\n"],
    ['shared/contract/bad.ts', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['shared/contract/bad.ts', "import { useApi } from '../../renderer/api/context';\nexport const x = useApi;\n"],
    ['renderer/features/bad.ts', "import { createCore } from '../../electron/core/core';\nexport const x = createCore;\n"],
    ['renderer/features/bad.ts', "import path from 'path';\nexport const x = path;\n"],
    ['electron/core/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/core/bad.ts', "import { isAppUrl } from '../main/policy';\nexport const x = isAppUrl;\n"],
    ['electron/core/services/bad.ts', "import { startWebHost } from '../../web/server';\nexport const x = startWebHost;\n"],
    ['electron/web/bad.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n"],
    // antd's picker marks "today" in the browser's zone: screens use HallDatePicker
    ['renderer/features/stats/bad.tsx', "import { DatePicker } from 'antd';\nexport const x = DatePicker;\n"],
  ])('%s may not import: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).not.toEqual([]);
  });

  it.each([
    ['shared/contract/ok.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['renderer/features/ok.ts', "import { contract } from '../../shared/contract';\nexport const x = contract;\n"],
    ['electron/core/ok.ts', "import { contract } from '../../shared/contract';\nimport fs from 'node:fs';\nexport const x = [contract, fs];\n"],
    ['electron/main/ok.ts', "import { app } from 'electron';\nimport { createCore } from '../core/core';\nexport const x = [app, createCore];\n"],
    ['electron/web/ok.ts', "import { createCore } from '../core/core';\nexport const x = createCore;\n"],
    ['renderer/features/stats/ok.tsx', "import { Button } from 'antd';\nimport { HallDatePicker } from '../../app/HallDatePicker';\nexport const x = [Button, HallDatePicker];\n"],
    ['renderer/app/HallDatePicker.tsx', "import { DatePicker } from 'antd';\nexport const x = DatePicker;\n"],
  ])('%s may import: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});

describe('screens show hall time (eslint.config.js)', () => {
  async function zoneFindings(code: string): Promise<string[]> {
    const eslint = new ESLint({ cwd: process.cwd() });
    const [result] = await eslint.lintText(code, { filePath: 'renderer/features/queue/bad.tsx' });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  }

  it.each([
    "import dayjs from 'dayjs';\nexport const x = (t: string) => dayjs(t).format('HH:mm');\n",
    "export const x = (t: string) => new Date(t).toLocaleTimeString('zh-CN');\n",
  ])('the browser zone is refused: %s', async (code) => {
    expect(await zoneFindings(code)).not.toEqual([]);
  });

  it('hallDayjs(…).format and instant arithmetic with dayjs pass', async () => {
    const code = "import dayjs from 'dayjs';\nimport { hallDayjs } from '../../app/hallTime';\nexport const x = (t: string) => [hallDayjs(t).format('HH:mm'), dayjs(t).diff(dayjs(), 'minute')];\n";
    expect(await zoneFindings(code)).toEqual([]);
  });
});
