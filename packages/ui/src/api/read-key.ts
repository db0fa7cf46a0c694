/** The read key, asked for once and kept in localStorage; views re-render when it changes. */
const STORAGE_KEY = 'llm-analytics.read-key';

type Listener = () => void;
const listeners = new Set<Listener>();

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch (error) {
    // Storage can be disabled (privacy settings): the key then lasts for this page only.
    console.warn('llm-analytics: localStorage unavailable', error);
    return undefined;
  }
}

let memoryKey: string | undefined;

export function getReadKey(): string | undefined {
  return storage()?.getItem(STORAGE_KEY) ?? memoryKey;
}

export function setReadKey(key: string | undefined): void {
  memoryKey = key;
  const store = storage();
  if (key) store?.setItem(STORAGE_KEY, key);
  else store?.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

export function onReadKeyChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
