// Lint: typescript-eslint's recommended rules, plus the layering rule that keeps
// Node-only APIs out of the browser-safe core (only io/, cli/ and rules/ may touch them).
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'readline', 'stream'];

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
    ignores: ['src/io/**', 'src/cli/**', 'src/rules/**', 'src/semantics/schemas/build-pack.ts', 'src/cloud-siem/files/**', 'src/cloud-siem/schema/build-schema.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: nodeOnly }] },
  },
);
