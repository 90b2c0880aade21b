import type { Server } from "node:http";

export function installGracefulShutdown(server: Server, options?: { graceMs?: number }): void;
