import { defineConfig } from 'vite';

/**
 * The attribution console: React + Mantine, built into apps/console/dist and served by the API at `/`.
 * esbuild compiles the JSX (automatic runtime): no React plugin needed. Nothing is fetched at run
 * time (no CDN, system fonts, no icon font); no inline script (CSP-friendly).
 */
export default defineConfig({
  root: __dirname,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
    rollupOptions: {
      // Mantine marks its modules "use client" (for React Server Components): meaningless in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'ws://localhost:3000', ws: true } } },
});
