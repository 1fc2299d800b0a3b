import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'server/**/*.test.ts', 'examples/**/*.test.ts', 'test/**/*.test.ts', 'models/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
