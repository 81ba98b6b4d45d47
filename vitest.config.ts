import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the bundled action and loopback servers; a
    // generous ceiling keeps a busy 2-core machine from failing them.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    server: {
      deps: {
        inline: [/@actions\/(workflow-parser|expressions|languageservice)/]
      }
    }
  }
})
