import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The API runs on port 8000 in development (`overseas serve`); the dev server forwards to it
// so the SPA and the API share one origin, as they do when the backend serves dist/.
const backend = 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
