/** Layering rules (design.md "Layers"): the domain stays pure, handlers stay thin, nothing cycles. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-not-transport-or-infra',
      comment: 'Domain, ports and adapters never import the Lambda entry points or the deployment code.',
      severity: 'error',
      from: { path: '^(shared|events)/' },
      to: { path: '^(functions|infra)/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'shared/domain decides; it does no I/O and knows no SDK, adapter or use case.',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: { path: ['^shared/(adapters|use-cases|composition)', '@aws-sdk', '^node:(fs|http|net)'] },
    },
    {
      name: 'use-cases-use-ports',
      comment: 'Use cases reach storage and services through ports, never through an adapter or the SDK.',
      severity: 'error',
      from: { path: '^shared/use-cases/' },
      to: { path: ['^shared/adapters/', '@aws-sdk'] },
    },
    {
      name: 'functions-make-no-sdk-calls',
      comment: 'Handlers call use cases; the SDK lives in adapters (type-only imports are fine).',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '@aws-sdk/client-', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'events-are-contracts',
      comment: 'Event contracts depend on nothing but zod.',
      severity: 'error',
      from: { path: '^events/' },
      to: { path: '^(shared|functions|infra)/' },
    },
    {
      name: 'web-shares-the-domain-only',
      comment:
        'The browser app shares validation, labels and types with shared/domain, and nothing server-side.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: ['^(functions|infra|events)/', '^shared/(?!domain/)', '@aws-sdk', '^node:'] },
    },
    {
      name: 'runtime-code-not-from-tests',
      severity: 'error',
      from: { path: '^(shared|events|functions|infra)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
