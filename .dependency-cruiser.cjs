/** Layering rules (design.md "Layers"): the domain stays pure, handlers stay thin, nothing cycles. */
module.exports = {
  forbidden: [
    {
      name: 'examples-stand-alone',
      comment:
        'The examples are copied by portal teams: they use Node and standardwebhooks only, nothing of this repository.',
      severity: 'error',
      from: { path: '^examples/' },
      to: {
        path: '^(?!examples/)',
        pathNot: ['(^|/)node_modules/standardwebhooks/'],
        dependencyTypesNot: ['core'],
      },
    },
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
      comment:
        'shared/domain decides; it does no I/O and knows no SDK, adapter, port, use case, setting, logger or wiring.',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: {
        path: [
          '^shared/(adapters|ports|use-cases|config|logging)/',
          '^shared/composition\\.ts$',
          '-composition\\.ts$',
          '@aws-sdk',
          '^node:(fs|http|net)',
        ],
      },
    },
    {
      name: 'use-cases-use-ports',
      comment: 'Use cases reach storage and services through ports, never through an adapter or the SDK.',
      severity: 'error',
      from: { path: '^shared/use-cases/' },
      to: { path: ['^shared/adapters/', '@aws-sdk'] },
    },
    {
      name: 'use-cases-take-what-they-need',
      comment:
        'Settings and wiring reach a use case as its deps, from the composition root: it reads no configuration and builds nothing.',
      severity: 'error',
      from: { path: '^shared/use-cases/' },
      to: { path: ['^shared/config/', '^shared/composition\\.ts$', '-composition\\.ts$'] },
    },
    {
      name: 'ports-know-only-the-domain',
      comment:
        'A port speaks in domain terms: it imports the domain and other ports, nothing that implements or uses it.',
      severity: 'error',
      from: { path: '^shared/ports/' },
      to: { pathNot: '^shared/(domain|ports)/' },
    },
    {
      name: 'composition-root-only-at-the-edge',
      comment:
        'The wiring is imported by the Lambda entry points (and the local runtime and tests that stand in for them); nothing it wires imports it back.',
      severity: 'error',
      from: {
        pathNot: ['^(functions|test)/', '^infra/local/', '^shared/composition\\.ts$', '-composition\\.ts$'],
      },
      to: { path: ['^shared/composition\\.ts$', '-composition\\.ts$'] },
    },
    {
      name: 'functions-make-no-sdk-calls',
      comment: 'Handlers call use cases; the SDK lives in adapters (type-only imports are fine).',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '@aws-sdk/client-', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'functions-wire-through-the-root',
      comment:
        'Handlers take their adapters from shared/composition.ts, which builds each once per process. The ' +
        "stream function decodes its records with the outbox item's own format.",
      severity: 'error',
      from: { path: '^functions/' },
      to: {
        path: '^shared/adapters/',
        pathNot: '^shared/adapters/dynamodb/outbox-items[.]ts$',
        dependencyTypesNot: ['type-only'],
      },
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
