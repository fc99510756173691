import { defineConfig } from "vitest/config";

// The daemon serves the build at /ui/ (classpath webui/) and the API at /1.0 on the same origin.
export default defineConfig({
  base: "/ui/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // The budget that matters is gzipped JavaScript, enforced by "npm run size"
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Query marks its modules "use client" for server-component bundlers; irrelevant in a browser-only app
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") {
          return;
        }
        warn(warning);
      },
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
    unstubGlobals: true,
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
