import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { judgingPwa } from './build/pwa';

// Paths are relative to the repository root, where npm runs the build; the API serves dist/web.
export default defineConfig({
  root: 'apps/web',
  base: '/',
  publicDir: 'public',
  // The one library the browser app imports (pure functions), by the name the server code uses
  // for it (tsconfig.base.json); apps/web/tsconfig.json has the same path for the type-check.
  resolve: {
    alias: {
      '@app/validators': fileURLToPath(new URL('../../libs/validators/src', import.meta.url)),
    },
  },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // echarts (and zrender, which draws for it) in one chunk of a stable name, shared by
          // the organisers' lazy charts (WhatIfChart, charts/EChart) and by nothing else: the
          // judges' service worker leaves it out of its precache by that name (build/pwa.ts).
          groups: [{ name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/ }],
        },
      },
    },
  },
  // The service worker, the manifest and the icons: the tablet starts offline (build/pwa.ts).
  plugins: [judgingPwa()],
  // Vite 8 compiles TSX itself; the automatic runtime needs no React import in each file.
  oxc: { jsx: { runtime: 'automatic' } },
});
