// ESLint flat config. Besides the usual TypeScript and React checks it enforces the import
// boundaries of docs/architecture.md; tests/unit/lint/boundaries.test.ts proves they bite.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'worker_threads', 'stream', 'events', 'util', 'zlib', 'process', 'buffer'];
const noNodeMessage = 'shared/ and renderer/ run without Node: move this to electron/core.';
const noNode = [{ group: ['node:*'], message: noNodeMessage }];
// Exact module names (a pattern would also catch our own files named e.g. ./events).
const noNodePaths = nodeBuiltins.map((name) => ({ name, message: noNodeMessage }));
const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/main may import electron.' };
const rel = (folder) => [`**/${folder}`, `**/${folder}/**`];

// antd's DatePicker marks "today" in the browser's zone; screens use the hall's (HallDatePicker).
const noBrowserTodayPicker = { name: 'antd', importNames: ['DatePicker'], message: 'Use HallDatePicker (renderer/app/HallDatePicker.tsx): "today" in hall time, not the browser zone.' };

// Screens show hall time (hall.timeZone), never the browser's zone: an instant is formatted with
// hallDayjs (renderer/app/hallTime.ts), not dayjs(…).format or the browser's toLocale*String.
const browserZoneFormats = [
  { selector: "CallExpression[callee.property.name='format'][callee.object.type='CallExpression'][callee.object.callee.name='dayjs']", message: 'dayjs(…).format shows the browser zone: use hallDayjs(…).format (renderer/app/hallTime.ts).' },
  { selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)String$/]", message: 'toLocaleDateString/toLocaleTimeString show the browser zone: use hallDayjs(…).format.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'coverage/**', 'tests/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty-pattern': 'off',
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // Import boundaries (docs/architecture.md § Import rules).
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: noNodePaths, patterns: [noElectron, ...noNode, { group: [...rel('electron'), ...rel('renderer')], message: 'shared/ imports nothing of ours outside shared/.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/app/HallDatePicker.tsx'],
    rules: {
      'no-restricted-syntax': ['error', ...browserZoneFormats],
      'no-restricted-imports': ['error', { paths: [...noNodePaths, noBrowserTodayPicker], patterns: [noElectron, ...noNode, { group: rel('electron'), message: 'renderer/ talks to core only through the contract (shared/contract).' }] }],
    },
  },
  {
    // The one place antd's DatePicker is wrapped (its "today" set to hall time).
    files: ['renderer/app/HallDatePicker.tsx'],
    rules: {
      'no-restricted-syntax': ['error', ...browserZoneFormats],
      'no-restricted-imports': ['error', { paths: noNodePaths, patterns: [noElectron, ...noNode, { group: rel('electron'), message: 'renderer/ talks to core only through the contract (shared/contract).' }] }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, { group: [...rel('main'), ...rel('web'), ...rel('cli'), ...rel('renderer')], message: 'electron/core imports only shared/ (and its own folders).' }] }],
    },
  },
  {
    files: ['electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, { group: [...rel('main'), ...rel('renderer')], message: 'web/ and cli/ import core and shared only.' }] }],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...rel('renderer'), ...rel('web'), ...rel('cli')], message: 'electron/main imports core and shared only.' }] }],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: { 'max-lines': 'off' },
  },
);
