import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'packages/cli/bundle/**',
      'packages/astro-integration/bundle/**',
      '**/node_modules/**',
      '**/.astro/**',
      'tools/toolchain/**',
      'bench/.work/**',
      'examples/*/dist/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      // Node's globals: the scripts and benchmarks run on Node only.
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'URL',
          'performance',
          'Buffer',
          'setTimeout',
          'clearTimeout',
          'setImmediate',
          'TextDecoder',
          'TextEncoder',
          'structuredClone',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
);
