import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    sveltekit(),
    // Installable and offline: a manifest, and a service worker precaching the
    // whole built app (JS, CSS, HTML, the compute worker). Registered by
    // src/routes/+layout.svelte, which asks before an update reloads.
    SvelteKitPWA({
      registerType: 'prompt',
      injectRegister: false,
      // Relative, like the app's own paths (svelte.config.js): it runs from any folder.
      base: './',
      scope: './',
      kit: { base: './', adapterFallback: '404.html', spa: true },
      manifest: {
        name: 'Bottleneck',
        short_name: 'Bottleneck',
        description: 'Find the one constraint in your go-to-market funnel.',
        theme_color: '#1f2a44',
        background_color: '#eef0f4',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
        // Shown by the browser's install dialog; also the README's picture.
        screenshots: [
          {
            src: 'screenshot.png',
            sizes: '1360x860',
            type: 'image/png',
            form_factor: 'wide',
            label: 'The constraint, the flow and the funnel grid',
          },
        ],
      },
      workbox: {
        globPatterns: ['client/**/*.{js,css,html,svg,png,ico,webmanifest,json}'],
        // The screenshot is for the install dialog and the README, not for working offline.
        globIgnores: ['client/screenshot.png'],
        // The formula engine's chunk is large; it must be precached all the same.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // One browser, one preview server: files run one after another.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
