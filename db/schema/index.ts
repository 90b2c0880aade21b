export * from "./accounts";
export * from "./api-keys";
export * from "./audit-logs";
export * from "./sessions";
export * from "./tenancy";
export * from "./time-entries";
export * from "./usage";
export * from "./user-tokens";
