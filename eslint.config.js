// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Attribute-key namespaces that may only be spelled inside the semconv module. */
const ATTRIBUTE_KEY_LITERAL =
  '/^(gen_ai|ai|llm|traceloop|openinference|input|output|embedding|mlflow|pydantic_ai|session|user|posthog|server|http|exception|telemetry)\\.[a-zA-Z_]/';

/** PostHog `$ai_*` event names and property keys: spelled only in the designated keys modules. */
const AI_KEY_LITERAL = '/^\\$ai_[a-z_]+$/';
/** Where `$ai_*` keys may be spelled: core's semconv and pricing keys, the UI's re-export. */
const AI_KEY_MODULES = [
  'packages/core/src/semconv/**',
  'packages/core/src/pricing/keys.ts',
  'packages/ui/src/lib/event-keys.ts',
];

const adapters = ['node-sdk', 'vercel-ai', 'traceloop', 'openinference', 'browser'];

/** Adapters never import each other; core imports no package of ours. */
const dependencyDirection = [
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@llm-analytics/*'],
              message: 'core is the bottom layer: it imports no other package of ours.',
            },
            { group: ['node:*'], message: 'core is isomorphic: no Node built-ins.' },
          ],
          paths: [
            'fs',
            'path',
            'zlib',
            'http',
            'https',
            'crypto',
            'os',
            'url',
            'buffer',
            'stream',
            'util',
            'events',
            'child_process',
            'worker_threads',
            'net',
          ].map((name) => ({ name, message: 'core is isomorphic: no Node built-ins.' })),
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'core is isomorphic: use Uint8Array.' },
        {
          name: 'process',
          message: 'core is isomorphic: read the environment through a guarded helper.',
        },
        { name: 'window', message: 'core has no DOM.' },
        { name: 'document', message: 'core has no DOM.' },
      ],
    },
  },
  ...adapters.map((name) => ({
    files: [`packages/${name}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...adapters
                  .filter((other) => other !== name)
                  .map((other) => `@llm-analytics/${other}`),
                '@llm-analytics/server',
                '@llm-analytics/ui',
              ],
              message: 'Adapters depend on core only; shared code moves down into core.',
            },
          ],
        },
      ],
    },
  })),
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/fixtures/**',
      '.node22/**',
      'artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/src/**/*.tsx'],
    ignores: [...AI_KEY_MODULES, 'packages/*/src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `Literal[value=${ATTRIBUTE_KEY_LITERAL}]`,
          message: 'Attribute keys live in packages/core/src/semconv: import the constant.',
        },
        {
          selector: `TemplateElement[value.raw=${ATTRIBUTE_KEY_LITERAL}]`,
          message: 'Attribute keys live in packages/core/src/semconv: import the constant.',
        },
        {
          selector: `Literal[value=${AI_KEY_LITERAL}]`,
          message:
            '$ai_* keys live in packages/core/src/semconv (the UI reads them from src/lib/event-keys.ts): import the constant.',
        },
      ],
    },
  },
  ...dependencyDirection,
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { ...globals.node },
    },
  },
);
