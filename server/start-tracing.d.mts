export function startTracing(): Promise<(() => Promise<void>) | undefined>;
