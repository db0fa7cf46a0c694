// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Attribute-key namespaces that may only be spelled inside the semconv module. */
const ATTRIBUTE_KEY_LITERAL =
  '/^(gen_ai|ai|llm|traceloop|openinference|input|output|embedding|mlflow|pydantic_ai|session|user|posthog|server|http|exception|telemetry)\\.[a-zA-Z_]/';

const adapters = ['node-sdk', 'vercel-ai', 'traceloop', 'openinference', 'browser'];

/** Adapters never import each other, nor the server or the UI. */
function adapterPattern(name) {
  return {
    group: [
      ...adapters.filter((other) => other !== name).map((other) => `@llm-analytics/${other}`),
      '@llm-analytics/server',
      '@llm-analytics/ui',
    ],
    message: 'Adapters depend on core only; shared code moves down into core.',
  };
}

/** Browser and edge entries never load the file spool (it needs Node's fs). */
const NODE_SPOOL_PATTERN = {
  group: ['@llm-analytics/core/node-spool'],
  message: 'the file spool is Node-only: browser and edge entries must not import it.',
};

/** Adapters never import each other; core imports no package of ours. */
const dependencyDirection = [
  {
    files: ['packages/core/src/**/*.ts'],
    // The file spool is core's one Node-only entry (`@llm-analytics/core/node-spool`).
    ignores: ['packages/core/src/**/*.test.ts', 'packages/core/src/node-spool/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@llm-analytics/*'],
              message: 'core is the bottom layer: it imports no other package of ours.',
            },
            {
              group: ['**/node-spool', '**/node-spool/*'],
              message:
                'the file spool is Node-only: isomorphic core reaches it through the Spool interface.',
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
        { patterns: [adapterPattern(name), ...(name === 'browser' ? [NODE_SPOOL_PATTERN] : [])] },
      ],
    },
  })),
  {
    // The AI SDK adapter's edge entry runs where there are no files.
    files: ['packages/vercel-ai/src/edge.ts', 'packages/vercel-ai/src/export/edge-export.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [adapterPattern('vercel-ai'), NODE_SPOOL_PATTERN] },
      ],
    },
  },
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
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/core/src/semconv/**', 'packages/*/src/**/*.test.ts'],
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
