type Hook = () => Promise<void>;

const store = globalThis as unknown as { __voltasisShutdownHooks?: Hook[] };

/** Registers work to finish before the process exits; server.mjs runs these on SIGTERM/SIGINT. */
export function onShutdown(hook: Hook): void {
  store.__voltasisShutdownHooks ??= [];
  store.__voltasisShutdownHooks.push(hook);
}
