// Lint for the TypeScript sources and tests: typescript-eslint's recommended rules, a line-length limit, and the
// few exceptions this code base makes on purpose (catalog rows and parse trees are untyped JSON at the edges).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.cache/', 'fixtures/', 'migrations/', 'bench/', 'test/corpus/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Catalog rows and libpg-query trees are JSON whose shape the code checks as it reads it.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-control-regex': 'off',
      // A file URL's pathname is not a path: percent-encoded (a space is %20) and `/C:/…` on Windows.
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='pathname'][object.type='NewExpression'][object.callee.name='URL']",
          message: 'A file URL is not a path: use fileURLToPath(new URL(…)) from node:url.',
        },
      ],
      'max-len': [
        'error',
        {
          code: 160,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
          ignoreComments: false,
        },
      ],
    },
  },
);
