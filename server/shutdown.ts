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
