// @ts-check
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
  'sqlite',
];

export default tseslint.config(
  {
    // api/web/static/ is browser code, served as is: no Node types, no project to type-check in.
    ignores: [
      'node_modules/**',
      '.tools/**',
      '.data/**',
      'test/.artifacts/**',
      'test-results/**',
      'api/web/static/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Workflow code is replayed: it may import only the workflow SDK, types from activities,
    // the shared messages and schemas, and pure domain modules.
    files: ['workflows/**/*.ts', 'domain/**/*.ts', 'common/**/*.ts', 'i18n/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...NODE_BUILTINS.flatMap((m) => [m, `node:${m}`]).map((name) => ({
              name,
              message: 'Node built-ins are not deterministic; use an activity.',
            })),
            ...[
              'express',
              'nodemailer',
              'smtp-server',
              'kysely',
              '@temporalio/client',
              '@temporalio/worker',
              '@temporalio/activity',
            ].map((name) => ({ name, message: 'Not allowed in workflow code; call an activity.' })),
          ],
          patterns: [
            {
              group: ['**/activities/*'],
              allowTypeImports: true,
              message: 'Import activity types only.',
            },
            {
              group: ['**/api/*', '**/worker/*', '**/db/*', '**/config/*', '**/scripts/*'],
              message: 'Not allowed in workflow code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
