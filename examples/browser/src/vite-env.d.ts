/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_LLM_ANALYTICS_HOST?: string;
  readonly VITE_LLM_ANALYTICS_TOKEN?: string;
}
