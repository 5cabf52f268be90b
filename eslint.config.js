import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The layer arrows of ARCHITECTURE.md: what each folder of src/lib may import.
 * Type-only imports are allowed (allowTypeImports).
 */
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((group) => ({ group: [group], message, allowTypeImports: true })),
      },
    ],
  },
});

const INNER = [
  '**/engine/**',
  '**/analysis/**',
  '**/io/**',
  '**/persistence/**',
  '**/state/**',
  '**/ui/**',
];

export default ts.config(
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  layer(
    ['src/lib/model/**'],
    [...INNER, 'hyperformula', 'idb', 'svelte', 'svelte/*'],
    'model/ imports nothing of ours.',
  ),
  layer(
    ['src/lib/engine/**'],
    [
      '**/analysis/**',
      '**/io/**',
      '**/persistence/**',
      '**/state/**',
      '**/ui/**',
      'idb',
      'svelte',
      'svelte/*',
    ],
    'engine/ imports model/ only.',
  ),
  layer(
    ['src/lib/analysis/**'],
    [
      '**/engine/**',
      '**/io/**',
      '**/persistence/**',
      '**/state/**',
      '**/ui/**',
      'hyperformula',
      'idb',
      'svelte',
      'svelte/*',
    ],
    "analysis/ imports model/ (and engine's types) only.",
  ),
  layer(
    ['src/lib/io/**'],
    [
      '**/engine/**',
      '**/persistence/**',
      '**/state/**',
      '**/ui/**',
      'hyperformula',
      'idb',
      'svelte',
      'svelte/*',
    ],
    'io/ imports model/ and analysis/ only.',
  ),
  layer(
    ['src/lib/persistence/**'],
    [
      '**/engine/**',
      '**/analysis/**',
      '**/state/**',
      '**/ui/**',
      'hyperformula',
      'svelte',
      'svelte/*',
    ],
    'persistence/ imports model/ and io/ only.',
  ),
  layer(
    ['src/lib/report/**'],
    [
      '**/engine/**',
      '**/io/**',
      '**/persistence/**',
      '**/state/**',
      '**/ui/**',
      'hyperformula',
      'idb',
      'svelte',
      'svelte/*',
    ],
    'report/ imports model/ and analysis/ only: the words both ui/ and cli/ print.',
  ),
  layer(
    ['src/lib/ui/**', 'src/routes/**'],
    ['hyperformula', 'idb', '**/engine/engine*'],
    'ui/ goes through state/.',
  ),
);
