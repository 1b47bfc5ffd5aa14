import { defineConfig } from 'vite';

// Paths are relative to the repository root, where npm runs the build; the API serves dist/web.
export default defineConfig({
  root: 'apps/web',
  base: '/',
  publicDir: 'public',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  // Vite 8 compiles TSX itself; the automatic runtime needs no React import in each file.
  oxc: { jsx: { runtime: 'automatic' } },
});
