// Lint: typescript-eslint's recommended rules, plus the layering rules of src/README.md:
// - Node-only APIs stay out of the browser-safe core (only io/, cli/, api/ and the products' file handling touch them);
// - no import cycles;
// - each layer imports only from the layers below it, and the shared binder, plan and evaluator import
//   no language's parser, no language's function catalogue and no product.
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'readline', 'stream'];

/** src/ from the bottom layer up: a layer may import only from itself and the layers before it. */
const LAYERS = [
  'common', 'diagnostics', 'types', 'table', 'syntax', 'functions', 'plan', 'semantics', 'eval',
  'languages', 'engine.ts', 'io', 'rules', 'sentinel', 'cortex', 'cloud-siem', 'explain', 'cli', 'api',
];
const path = (layer) => `./src/${layer}`;
const layerZones = LAYERS.slice(0, -1).map((layer, i) => ({
  target: path(layer),
  from: LAYERS.slice(i + 1).map(path),
  message: `${layer} is below these layers (src/README.md): it must not import them.`,
}));
const sharedEngineZones = ['semantics', 'plan', 'eval'].map((layer) => ({
  target: path(layer),
  from: ['./src/syntax/kql', './src/functions/index.ts'],
  message: 'the shared binder, plan and evaluator reach a language only through its Dialect.',
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/io/**', 'src/cli/**', 'src/api/**', 'src/sentinel/rule-file.ts', 'src/sentinel/watchlist-file.ts', 'src/sentinel/testing/test-files.ts', 'src/sentinel/schemas/build-pack.ts', 'src/cloud-siem/files/**', 'src/cloud-siem/schema/build-schema.ts', 'src/sentinel/parsers/parser-files.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: nodeOnly }] },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...sharedEngineZones] }],
    },
  },
);
