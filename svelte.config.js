import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // A client-only app: every route is prerendered to a static shell and
    // rendered in the browser (ssr = false in the root layout).
    adapter: adapter({ fallback: '404.html' }),
    // Relative asset paths let the built app run from any folder or host.
    paths: { relative: true },
  },
};

export default config;
