// ESLint: typescript-eslint's strict type-checked rules over the extension, its tests and scripts.
// Each rule turned off or tuned here says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Built output, the offline host, and the tiny plain-JS extensions the harness tests load (a crash, a hang).
  { ignores: ['dist/', 'out/', '.vscode-test/', 'node_modules/', 'test-results/', 'test/host/fixtures/', 'test/ui/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // TypeScript itself reports undefined names, with the types ESLint does not know (DOM, Node, vscode).
      'no-undef': 'off',
      // tsconfig has noUncheckedIndexedAccess, so every indexed read is optional; `!` marks the reads
      // the code has just made sure of (a regex group that matched, an index within bounds).
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Commands are plain objects of functions that never use `this`, handed around as values (one
      // list registers them all); binding is not a concern this rule could find here.
      '@typescript-eslint/unbound-method': 'off',
      // Numbers, booleans and nullish values read fine in messages (`3 projects`, `undefined` in a log).
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true, allowRegExp: true }],
      // `() => void promise` and `(x) => list.push(x)` as callbacks are the idiom, not a confusion.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidOperator: true, ignoreVoidReturningFunctions: true },
      ],
      // `return void x()` ends a switch case or a callback with no value; whether `x` is typed void
      // today is incidental (and no-confusing-void-expression asks for the operator).
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      // The webview's edits are plain records keyed by row id (postMessage and setState take plain
      // objects); deleting a key is the operation, not a misuse of an object.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // `_` names a value a loop or a destructuring must take and does not use.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // node:test's describe() and it() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['describe', 'it', 'before', 'after', 'beforeEach', 'afterEach'], package: 'node:test' }] },
      ],
    },
  },
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
