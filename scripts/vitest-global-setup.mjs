// Runs once before every vitest run: the ClickHouse store's suite needs chDB's native library,
// which the workspace install leaves out (see pnpm-workspace.yaml).
import { ensureChdbLib } from './ensure-chdb-lib.mjs';

export default function setup() {
  ensureChdbLib();
}
