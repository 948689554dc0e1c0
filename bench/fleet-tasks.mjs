// Benchmark-only tasks (plain JS, so both the tsx and the compiled worker can load them).
export const noop = { name: 'bench.noop', handler: async () => null };
