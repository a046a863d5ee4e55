// @ts-check
import tseslint from 'typescript-eslint';

const providerRootImport = {
  regex: '^@cdktf/provider-[a-z-]+$',
  message:
    'Import provider classes by deep path (e.g. @cdktf/provider-aws/lib/s3-bucket): a package-root import loads the whole provider (seconds and hundreds of MB) on every synth, test and compile.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'dist-jsii/**',
      'cdktf.out/**',
      '.gen/**',
      'coverage/**',
      '.scratch/**',
      '.bench-build/**',
      '.tmp-*/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [providerRootImport] }],
      '@typescript-eslint/no-restricted-imports': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.name='require'] > Literal[value=/^@cdktf\\/provider-[a-z-]+$/]",
          message: providerRootImport.message,
        },
        {
          selector: 'ImportExpression > Literal[value=/^@cdktf\\/provider-[a-z-]+$/]',
          message: providerRootImport.message,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', 'bin/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
