// Lint setup: ESLint's recommended rules, typescript-eslint strict, and
// prettier last so formatting is prettier's job alone (`npm run format:check`).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import { defineConfig, globalIgnores } from 'eslint/config'
import tseslint from 'typescript-eslint'

// Scripts and bench files in plain JavaScript run on Node; ESLint does not
// know its globals without the `globals` package, which is not installed.
const NODE_GLOBALS = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'URL',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'performance',
    'process',
    'setInterval',
    'setTimeout',
    'structuredClone',
    'TextDecoder',
    'TextEncoder'
  ].map((name) => [name, 'readonly'])
)

export default defineConfig([
  globalIgnores(['dist/', 'node_modules/', 'coverage/', 'bench/results/']),

  js.configs.recommended,
  tseslint.configs.strict,

  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: NODE_GLOBALS }
  },

  // Every TypeScript file is parsed with type information, so promise rules
  // also guard tests, where an un-awaited `expect(...).rejects` passes silently.
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  },

  // The action's own code gets the type-checked strict set. Numbers in
  // template strings are how counts reach the log, and `(m) => core.info(m)`
  // callbacks read better without braces, so both stay allowed.
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true }
      ],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true }
      ]
    }
  },

  // In tests a missing element fails the test at once, which is what `!`
  // asks for; a guard would only repeat the assertion that follows.
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' }
  },

  prettier
])
