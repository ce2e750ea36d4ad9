// One lint setup for the whole monorepo. Type-aware rules are left out on purpose: `tsc -b` already runs in
// `npm test`, and type-aware linting would double the cost of every run on a 2-core machine.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import webBoundaries from './apps/web/eslint/feature-boundaries.js';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', '**/coverage/**', 'bench/results/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  // apps/web (React): hooks rules, browser globals, and one-way imports (shared -> features -> app; features never
  // import each other), enforced by a small local rule. See docs/decisions/0004-web-app.md.
  {
    files: ['apps/web/**/*.{ts,tsx,js}'],
    plugins: { 'react-hooks': reactHooks, 'mercato-web': webBoundaries },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.flat.recommended.rules, 'mercato-web/feature-boundaries': 'error' },
  },
);
