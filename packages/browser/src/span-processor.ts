import {
  PostHogSpanProcessor as CorePostHogSpanProcessor,
  resolveAdapterOptions,
  type SyncFlushResult,
  type SyncFlushSender,
} from '@llm-analytics/core';
import { KEEPALIVE_BUDGET_BYTES, KeepaliveBudget, keepaliveFetch } from './keepalive-budget';
import { onPageHide } from './page-lifecycle';
import type { BrowserExportOptions } from './types';
import { createUnloadSender } from './unload-sender';

/**
 * Core's `PostHogSpanProcessor` for web pages: requests that fit the browser's keepalive
 * budget are sent with `keepalive`, and on `pagehide` or when the page turns hidden the queue
 * is flushed at once with requests that outlive the page (keepalive fetch, else sendBeacon).
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  private readonly unloadSender: SyncFlushSender;
  private readonly removePageListeners: () => void;

  constructor(options: BrowserExportOptions = {}) {
    const budget = new KeepaliveBudget();
    const global = (globalThis as { fetch?: typeof fetch }).fetch;
    const chosen = options?.fetch ?? (typeof global === 'function' ? global : undefined);
    // Called as a plain function: as a method of another object, fetch throws "Illegal invocation".
    const baseFetch: typeof fetch | undefined = chosen && ((input, init) => chosen(input, init));
    super({
      ...resolveAdapterOptions(options),
      fetch: baseFetch && keepaliveFetch(baseFetch, budget),
    });
    this.unloadSender = createUnloadSender(budget, baseFetch);
    this.removePageListeners =
      this.enabled && options?.flushOnPageHide !== false
        ? onPageHide(() => void this.flushForUnload())
        : () => undefined;
  }

  /**
   * Send everything queued now with requests that survive the page closing (at most 64 KiB
   * in flight, the browser's keepalive quota; larger events are truncated to fit). What
   * cannot go that way is sent normally. Runs on `pagehide` and on hidden by itself.
   */
  flushForUnload(): SyncFlushResult {
    return this.flushSync(this.unloadSender, { maxRequestBytes: KEEPALIVE_BUDGET_BYTES });
  }

  override shutdown(): Promise<void> {
    this.removePageListeners();
    return super.shutdown();
  }
}
