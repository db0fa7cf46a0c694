// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import { localImportClosure } from './scripts/lint/local-import-closure.js';

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

const attributeKeySyntax = [
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
];

/** Every package's source (tests next to the code included): linted with type information. */
const typedSource = ['packages/*/src/**/*.ts', 'packages/*/src/**/*.tsx'];

const adapters = ['node-sdk', 'vercel-ai', 'traceloop', 'openinference', 'browser'];

/** Code that runs in browsers and edge runtimes (Vercel Edge, Cloudflare Workers), by package. */
const runsOutsideNode = {
  browser: ['packages/browser/src/**/*.ts'],
  // The edge entry and every module it imports, found by following its imports.
  'vercel-ai': localImportClosure(import.meta.dirname, 'packages/vercel-ai/src/edge.ts'),
};
const outsideNode = 'runs in browsers and edge runtimes';
const nodeBuiltinNames = builtinModules.filter((name) => !name.startsWith('_'));
const nodeBuiltinImports = {
  patterns: [{ group: ['node:*'], message: `${outsideNode}: no Node built-ins.` }],
  paths: [
    ...nodeBuiltinNames.map((name) => ({ name, message: `${outsideNode}: no Node built-ins.` })),
    {
      name: '@llm-analytics/core/pricing',
      message: `${outsideNode}: the price table (about 2 MB) stays out; the server prices.`,
    },
    {
      name: '@llm-analytics/core/node-spool',
      message: `${outsideNode}: the file spool is Node-only (it needs files).`,
    },
  ],
};
const bareBuiltins = nodeBuiltinNames.filter((name) => !name.includes('/')).join('|');
const nodeBuiltinDynamicImport = {
  selector: `ImportExpression[source.value=/^(node:|(${bareBuiltins})(\\/|$))/]`,
  message: `${outsideNode}: no Node built-ins.`,
};
const nodeGlobals = ['Buffer', 'process', 'global', 'require', '__dirname', '__filename'].map(
  (name) => ({ name, message: `${outsideNode}: no Node globals.` }),
);

/** Adapters never import each other (no adapter, server or UI package). */
const otherPackagesThan = (/** @type {string} */ name) => ({
  group: [
    ...adapters.filter((other) => other !== name).map((other) => `@llm-analytics/${other}`),
    '@llm-analytics/server',
    '@llm-analytics/ui',
  ],
  message: 'Adapters depend on core only; shared code moves down into core.',
});

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
      'no-restricted-imports': ['error', { patterns: [otherPackagesThan(name)] }],
    },
  })),
  // Replaces the adapter and attribute-key rules above for these files, so it repeats them.
  ...Object.entries(runsOutsideNode).map(([name, files]) => ({
    files,
    ignores: ['packages/*/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinImports.paths,
          patterns: [...nodeBuiltinImports.patterns, otherPackagesThan(name)],
        },
      ],
      'no-restricted-syntax': ['error', ...attributeKeySyntax, nodeBuiltinDynamicImport],
      'no-restricted-globals': ['error', ...nodeGlobals],
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
      'no-restricted-syntax': ['error', ...attributeKeySyntax],
    },
  },
  ...dependencyDirection,
  {
    // Type-aware rules for shipped code: most of it runs inside someone else's app, where an
    // unhandled rejection can crash the process and a promise passed where a callback is
    // expected loses its error. One program over every package's src (tsconfig.eslint.json,
    // workspace imports mapped to their source) instead of one per package: faster, and the
    // types do not depend on a prior build.
    files: typedSource,
    languageOptions: {
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { ...globals.node },
    },
  },
);
