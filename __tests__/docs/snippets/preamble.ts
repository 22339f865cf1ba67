import ts from 'typescript';
import type { SnippetLanguage } from './extract';

/**
 * What the snippet check adds after a snippet so that it type-checks as a user's file would, without hiding the
 * snippet's own API calls: declarations of the free variables a snippet assumes (`connection`, `queue`: the
 * application's), and imports for the snippets that show no imports at all (a one-line `setupTracing({...})` under a
 * heading). A snippet that shows imports gets no queue-otel import from here: what it imports is what it is checked
 * against. Only names a snippet mentions and does not declare itself are added, and they go AFTER the code (imports
 * and `declare`s are hoisted) so that a diagnostic's line is the snippet's own line.
 */
interface PreambleEntry {
  /** The TypeScript declaration (an `import`, or a `declare const` typed from the real packages). */
  readonly ts: string;
  /** The same for a CommonJS JavaScript snippet; absent when no JavaScript snippet needs it. */
  readonly js?: string;
}

/** The application's own objects that snippets take as given. */
const FREE_VARIABLES: Record<string, PreambleEntry> = {
  // BullMQ-style settings (`{ host, port }`): what a Queue, a Worker and the Redis span store all accept.
  connection: { ts: 'declare const connection: { host: string; port: number; maxRetriesPerRequest: null };' },
  queue: { ts: "declare const queue: import('bullmq').Queue;" },
  sendEmail: { ts: "declare const sendEmail: import('bullmq').Processor;" },
  processor: { ts: "declare const processor: import('bullmq').Processor;" },
  registry: { ts: "declare const registry: import('queue-otel/metrics').MetricsRegistry;" },
  sampler: { ts: "declare const sampler: import('queue-otel').QueueSampler;" },
  metrics: { ts: "declare const metrics: import('queue-otel/metrics').QueueMetrics;" },
  tracer: { ts: "declare const tracer: import('bullmq').Telemetry['tracer'];" },
  contextManager: { ts: "declare const contextManager: import('bullmq').Telemetry['contextManager'];" },
  traceId: { ts: 'declare const traceId: string;' },
  handle: {
    ts: "declare const handle: (job: import('bullmq').SandboxedJob) => Promise<unknown>;",
    js: "/** @type {(job: import('bullmq').SandboxedJob) => Promise<unknown>} */\nvar handle;",
  },
  // The web frameworks of metrics.md, reduced to the one method the snippets call, typed with Node's own request
  // and response objects (what both hand to a Node-style handler).
  app: {
    ts: "declare const app: { get(path: string, handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void): void };",
  },
  fastify: {
    ts: [
      'declare const fastify: { get(path: string, handler: (',
      "  request: { raw: import('node:http').IncomingMessage },",
      "  reply: { header(name: string, value: string): unknown; hijack(): void; raw: import('node:http').ServerResponse },",
      ') => Promise<unknown>): void };',
    ].join('\n'),
  },
};

/** Imports for snippets that show none: where the name really comes from. */
const IMPORTS: Record<string, string> = {
  setupTracing: 'queue-otel/setup',
  QueueOtel: 'queue-otel',
  QueueSampler: 'queue-otel',
  Sanitizer: 'queue-otel',
  DEFAULT_BLOCKED_ATTRIBUTES: 'queue-otel',
  QueueMetrics: 'queue-otel/metrics',
  TracingHealthMetrics: 'queue-otel/metrics',
  metricsHandler: 'queue-otel/metrics',
  startMetricsServer: 'queue-otel/metrics',
  ResilientSpanExporter: 'queue-otel/export',
  RedisSpanExporter: 'queue-otel/store',
  QueueEventsObserver: 'queue-otel/observer',
  TraceSpan: 'queue-otel/traces',
  Queue: 'bullmq',
  Worker: 'bullmq',
  QueueEvents: 'bullmq',
  NodeTracerProvider: '@opentelemetry/sdk-trace-node',
  OTLPTraceExporter: '@opentelemetry/exporter-trace-otlp-http',
};

/**
 * OpenTelemetry and BullMQ names a snippet may use without importing them even when it shows other imports (the
 * README's quick start says "NodeSDK ... come from your @opentelemetry/* packages"): they are not this library's API.
 */
const THIRD_PARTY: Record<string, string> = {
  NodeSDK: '@opentelemetry/sdk-node',
  BatchSpanProcessor: '@opentelemetry/sdk-trace-base',
  OTLPTraceExporter: '@opentelemetry/exporter-trace-otlp-http',
  Queue: 'bullmq',
  Worker: 'bullmq',
  QueueEvents: 'bullmq',
};

/**
 * Packages a snippet imports that the repository does not install, declared with the shape the snippet relies on.
 * Checked as one more file of the program.
 */
export const UNINSTALLED_PACKAGES = [
  "declare module '@opentelemetry/auto-instrumentations-node' {",
  "  export function getNodeAutoInstrumentations(config?: Record<string, unknown>): import('@opentelemetry/instrumentation').Instrumentation[];",
  '}',
].join('\n');

/** The identifiers `file` mentions, the names it declares at its top level, and whether it imports anything. */
function survey(file: ts.SourceFile): { mentioned: Set<string>; declared: Set<string>; imports: boolean } {
  const mentioned = new Set<string>();
  const declared = new Set<string>();
  let imports = false;
  const declareBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) declareBinding(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      imports = true;
      const clause = statement.importClause;
      if (clause?.name) declared.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) declared.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) declared.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        declareBinding(declaration.name);
        if (declaration.initializer && /^require\(/.test(declaration.initializer.getText(file))) imports = true;
      }
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement)) && statement.name
    ) {
      declared.add(statement.name.text);
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) mentioned.add(node.text);
    node.forEachChild(visit);
  };
  visit(file);
  return { mentioned, declared, imports };
}

/** The lines to append to `code` (a snippet in `language`) so that it compiles as part of a user's program. */
export function preambleFor(code: string, language: SnippetLanguage): string {
  const file = ts.createSourceFile(`snippet.${language}`, code, ts.ScriptTarget.Latest, true, language === 'ts' ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const { mentioned, declared, imports } = survey(file);
  const needed = (name: string): boolean => mentioned.has(name) && !declared.has(name);
  const lines: string[] = [];
  const importsFrom = imports ? THIRD_PARTY : { ...THIRD_PARTY, ...IMPORTS };
  for (const [name, from] of Object.entries(importsFrom)) {
    if (!needed(name)) continue;
    lines.push(language === 'ts' ? `import { ${name} } from '${from}';` : `var { ${name} } = require('${from}');`);
  }
  for (const [name, entry] of Object.entries(FREE_VARIABLES)) {
    if (!needed(name)) continue;
    const declaration = language === 'ts' ? entry.ts : entry.js;
    if (declaration === undefined) throw new Error(`no JavaScript declaration for the free variable "${name}"`);
    lines.push(declaration);
  }
  return lines.join('\n');
}
