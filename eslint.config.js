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

/** The folders of src/lib that have a layer, and the libraries a layer may be kept from. */
const FOLDERS = ['model', 'engine', 'analysis', 'io', 'persistence', 'report', 'state', 'ui'];
const LIBRARIES = ['hyperformula', 'idb', 'svelte', 'svelte/*'];

/**
 * The rule for src/lib/<folder>: it may import itself and what `may` names
 * (folders and libraries); every other folder of FOLDERS and library of
 * LIBRARIES is forbidden, with `message`.
 */
const only = (folder, may, message) =>
  layer(
    [`src/lib/${folder}/**`],
    [
      ...FOLDERS.filter((f) => f !== folder && !may.includes(f)).map((f) => `**/${f}/**`),
      ...LIBRARIES.filter((lib) => !may.includes(lib)),
    ],
    message,
  );

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
  only('model', [], 'model/ imports nothing of ours.'),
  only('engine', ['model', 'hyperformula'], 'engine/ imports model/ only.'),
  only('analysis', ['model'], "analysis/ imports model/ (and engine's types) only."),
  only('io', ['model', 'analysis'], 'io/ imports model/ and analysis/ only.'),
  only('persistence', ['model', 'io', 'idb'], 'persistence/ imports model/ and io/ only.'),
  only(
    'report',
    ['model', 'analysis'],
    'report/ imports model/ and analysis/ only: the words both ui/ and cli/ print.',
  ),
  layer(
    ['src/lib/ui/**', 'src/routes/**'],
    ['hyperformula', 'idb', '**/engine/engine*'],
    'ui/ goes through state/.',
  ),
);
