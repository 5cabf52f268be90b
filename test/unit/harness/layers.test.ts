import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer arrows of ARCHITECTURE.md, as eslint.config.js enforces them: an
// import a layer may not make is an error, one it may make is none.

const eslint = new ESLint();

/** The layer messages ESLint gives `import … from '<from>'` in a file of src/lib/<folder>. */
async function refusals(folder: string, from: string): Promise<string[]> {
  const code = `import * as imported from '${from}';\nexport const kept = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath: `src/lib/${folder}/probe.ts` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('the layer arrows (eslint.config.js)', () => {
  it.each(['model', 'engine', 'analysis', 'io', 'persistence'])(
    'keeps %s/ from importing report/ (the words ui/ and cli/ print sit above it)',
    async (folder) => {
      expect(await refusals(folder, '../report/format')).toHaveLength(1);
    },
  );

  it.each([
    ['model', '../analysis/steady'],
    ['engine', '../analysis/steady'],
    ['analysis', 'hyperformula'],
    ['analysis', '../io/model-json'],
    ['io', '../persistence/db'],
    ['io', 'svelte'],
    ['persistence', '../analysis/steady'],
    ['report', '../ui/format'],
    ['report', '../state/library.svelte'],
  ])('refuses %s/ importing %s', async (folder, from) => {
    expect(await refusals(folder, from)).toHaveLength(1);
  });

  it.each([
    ['engine', 'hyperformula'],
    ['engine', '../model/types'],
    ['analysis', '../model/graph'],
    ['io', '../analysis/steady'],
    ['persistence', 'idb'],
    ['persistence', '../io/model-json'],
    ['report', '../analysis/steady'],
    ['analysis', './steady'],
  ])('lets %s/ import %s', async (folder, from) => {
    expect(await refusals(folder, from)).toEqual([]);
  });
});
