import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'coverage/', 'jest.config.js', 'relay/jest.config.js', 'relay/dist/', 'relay-data/', 'relay/relay-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['index.js'], languageOptions: { sourceType: 'commonjs' } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
);
