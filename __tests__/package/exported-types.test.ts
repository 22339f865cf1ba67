import { join, sep } from 'node:path';
import ts from 'typescript';

/**
 * Every type named in the public surface of an exported class (constructor, public methods and properties) is
 * exported too, from the same entry point or from the root one: an application can name the options it passes.
 */
const root = join(__dirname, '..', '..');
const src = join(root, 'src') + sep;
const entries: Record<string, string> = {
  'queue-otel': join(root, 'src', 'index.ts'),
  ...Object.fromEntries(
    ['setup', 'export', 'metrics', 'store', 'observer', 'config', 'traces'].map((name) => [`queue-otel/${name}`, join(root, 'src', 'entries', `${name}.ts`)]),
  ),
};

const program = ts.createProgram(Object.values(entries), {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  customConditions: ['source'],
  esModuleInterop: true,
  skipLibCheck: true,
  types: ['node'],
});
const checker = program.getTypeChecker();

function resolved(symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function exportsOf(file: string): ts.Symbol[] {
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot read ${file}`);
  return checker.getExportsOfModule(moduleSymbol).map(resolved);
}

function declaredInSource(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((declaration) => declaration.getSourceFile().fileName.startsWith(src));
}

/** The named types of this package that `type` refers to (through unions, arrays, promises, functions). */
function namedTypes(type: ts.Type, found: Set<ts.Symbol>, depth = 0): void {
  if (depth > 4) return;
  const named = type.aliasSymbol ?? type.getSymbol();
  if (named && declaredInSource(named) && named.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class | ts.SymbolFlags.Enum)) {
    found.add(named);
    if (type.aliasSymbol) return;
  }
  if (type.isUnionOrIntersection()) for (const member of type.types) namedTypes(member, found, depth + 1);
  for (const argument of type.aliasTypeArguments ?? []) namedTypes(argument, found, depth + 1);
  if (type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) {
    for (const argument of checker.getTypeArguments(type as ts.TypeReference)) namedTypes(argument, found, depth + 1);
  }
  for (const signature of type.getCallSignatures()) signatureTypes(signature, found, depth + 1);
}

function signatureTypes(signature: ts.Signature, found: Set<ts.Symbol>, depth = 0): void {
  for (const parameter of signature.getParameters()) {
    const declaration = parameter.valueDeclaration;
    if (declaration) namedTypes(checker.getTypeOfSymbolAtLocation(parameter, declaration), found, depth);
  }
  namedTypes(signature.getReturnType(), found, depth);
}

function isPublic(member: ts.Symbol): boolean {
  const declaration = member.valueDeclaration;
  if (!declaration || !ts.canHaveModifiers(declaration)) return !member.name.startsWith('#') && !member.name.startsWith('__');
  const modifiers = ts.getCombinedModifierFlags(declaration as ts.Declaration);
  return !(modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) && !member.name.startsWith('#') && !member.name.startsWith('__@');
}

/** The package's types named by the public surface of a class. */
function surfaceOf(classSymbol: ts.Symbol): Set<ts.Symbol> {
  const found = new Set<ts.Symbol>();
  const declaration = classSymbol.valueDeclaration!;
  const staticType = checker.getTypeOfSymbolAtLocation(classSymbol, declaration);
  for (const signature of staticType.getConstructSignatures()) signatureTypes(signature, found);
  const instance = checker.getDeclaredTypeOfSymbol(classSymbol);
  for (const member of instance.getProperties()) {
    if (!isPublic(member) || !member.valueDeclaration) continue;
    namedTypes(checker.getTypeOfSymbolAtLocation(member, member.valueDeclaration), found);
  }
  return found;
}

const rootExports = new Set(exportsOf(entries['queue-otel']!));

test.each(Object.keys(entries))('%s: every type its classes take or give is exported', (entry) => {
  const exported = exportsOf(entries[entry]!);
  const visible = new Set([...exported, ...rootExports]);
  const missing: string[] = [];
  for (const symbol of exported) {
    if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
    for (const type of surfaceOf(symbol)) if (!visible.has(type)) missing.push(`${symbol.name} -> ${type.name}`);
  }
  expect(missing).toEqual([]);
});

test('the entries export nothing test-only or demo-only', () => {
  const names = Object.values(entries).flatMap((file) => exportsOf(file).map((symbol) => symbol.name));
  for (const name of ['startEmbeddedRedis', 'uninstallBullmqHooks', 'installHooks', 'resetStats_forTests']) expect(names).not.toContain(name);
});
