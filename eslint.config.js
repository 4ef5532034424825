// Lint rules, including the module boundaries (tests/unit/boundaries.test.ts checks them too).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import yamlLint from './scripts/eslint-yaml.mjs';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', '.electron-native/**', 'test-results/**', '.stage/**'] },
  // YAML (electron-builder.yml): syntax, duplicate keys, and electron-builder's schema.
  { files: ['**/*.{yml,yaml}'], plugins: { yaml: yamlLint }, processor: 'yaml/yaml' },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Loading data in an effect (and clearing the previous error first) is the pattern the
      // whole renderer uses; this new rule would flag every one of them.
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'better-sqlite3'].map((name) => ({ name, message: 'The renderer talks to the API only: no Node, Electron or SQLite.' })),
          patterns: [{ group: ['**/db/**', '**/services/**', '**/host/**', '**/cli/**', '**/electron/**'], message: 'The renderer talks to the API only (api/contract).' }],
        },
      ],
    },
  },
  {
    // Text from files (Excel cells, sync packages, key cards) is shown as text, never as HTML.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text, never HTML: no dangerouslySetInnerHTML.' },
        { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'Render text, never HTML: no dangerouslySetInnerHTML.' },
        { selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]', message: 'Render text, never HTML: no innerHTML or outerHTML.' },
        { selector: "MemberExpression[property.value=/^(innerHTML|outerHTML)$/]", message: 'Render text, never HTML: no innerHTML or outerHTML.' },
        { selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln|createContextualFragment|parseFromString)$/]", message: 'Render text, never HTML: no HTML-parsing DOM calls.' },
        { selector: "NewExpression[callee.name='Function'], CallExpression[callee.name='eval']", message: 'No code from strings.' },
      ],
    },
  },
  {
    files: ['db/**/*.ts', 'services/**/*.ts', 'api/**/*.ts', 'host/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/ may import Electron.' }], patterns: [{ group: ['**/electron/**'], message: 'Only electron/ may import Electron.' }] }],
    },
  },
);
