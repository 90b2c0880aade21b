type Hook = () => Promise<void>;

const store = globalThis as unknown as { __voltasisShutdownHooks?: Hook[] };

/** Registers work to finish before the process exits; server.mjs runs these on SIGTERM/SIGINT. */
export function onShutdown(hook: Hook): void {
  store.__voltasisShutdownHooks ??= [];
  store.__voltasisShutdownHooks.push(hook);
}

/** Runs every registered hook once, the last registered first, and forgets them. */
export async function runShutdownHooks(): Promise<void> {
  const hooks = store.__voltasisShutdownHooks ?? [];
  store.__voltasisShutdownHooks = [];
  for (const hook of hooks.reverse()) await hook();
}

const draining = globalThis as unknown as { __voltasisDraining?: boolean };

/**
 * True from SIGTERM/SIGINT on: server/graceful-shutdown.mjs sets it before it stops accepting,
 * so the readiness probe answers 503 on connections still open while in-flight work finishes.
 */
export function isDraining(): boolean {
  return draining.__voltasisDraining === true;
}

/** Marks the process as draining (the signal handler; tests). */
export function setDraining(value: boolean): void {
  draining.__voltasisDraining = value;
}
