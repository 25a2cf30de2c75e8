// The layout rules of CONVENTIONS.md that a reader cannot see from one file, checked over the
// source tree:
//   1. pages, layouts, routes and components never reach the database themselves: no Prisma
//      client, no driver, no getDb, no query; they call data-layer functions in lib/;
//   2. a pure module in lib/ (one that does not begin with `import 'server-only'`) does not load
//      the Prisma client, a database driver or a data-layer module (types and the generated enums
//      are fine);
//   3. only data-layer files, which begin with `import 'server-only'`, send queries;
//   4. role names are written in lib/permissions.ts only: everything else asks its named checks.
// The process plumbing that scripts import is exempt from 2 and 3, by name and with its reason.
// Each failure names the file, the line and the rule broken.
//
// The sources are read with TypeScript's own parser (already installed for `tsc`), so comments,
// strings and `import type` are told apart exactly rather than by pattern.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The Next.js side: routes, UI, and the two root files Next loads itself. */
const APP_ROOTS = ['app', 'components', 'proxy.ts', 'instrumentation-client.ts'];

/**
 * Process plumbing: lib/ files that scripts (tsx, outside Next) import, so they cannot
 * begin with `import 'server-only'` (it throws outside a React Server environment). They may
 * therefore load the Prisma client or a driver without it. Each must stay imported by a script.
 */
const PLUMBING: Record<string, string> = {
  'lib/platform/env.ts': 'parses the environment for the scripts as for the server',
  'lib/platform/db-env.ts': 'the database target (DATABASE_URL or PGLITE_DIR), read by the scripts',
  'lib/platform/prisma-factory.ts': 'creates the Prisma client for the scripts and for lib/platform/db.ts',
  'lib/platform/migrations.ts': 'the migration engine behind scripts/migrate.ts, prepare.ts, seed.ts',
  'lib/platform/pglite-snapshot.ts': "throwaway PGlite instances: the migration engine's shadow databases",
  'lib/reference/load-reference-data.ts': 'loads the shipped provinces for scripts/load-reference.ts, prepare.ts and the demo seed',
};

/** Where role names may be written: the permissions module; also exempt: tests, prisma/, lib/generated. */
const ROLE_NAME_HOMES: Record<string, string> = {
  'lib/permissions.ts': 'the one home of the permission rules',
  'scripts/bench-data.ts': "the benchmark's demo accounts (data, like prisma/demo-data.ts)",
};

/** Imports that reach the database: the Prisma client and engines, drivers, the app's client. */
function databaseModule(target: string): string | null {
  if (target === 'lib/generated/prisma/enums') return null; // plain constants, safe anywhere
  if (target.startsWith('lib/generated/prisma/')) return 'the Prisma client';
  if (target.startsWith('@prisma/')) return 'Prisma';
  if (target === 'lib/platform/db') return 'the database client (getDb)';
  if (target === 'lib/platform/prisma-factory') return 'the Prisma client factory';
  if (['pg', '@electric-sql/pglite', 'pglite-prisma-adapter'].includes(target)) return 'a database driver';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Reading the sources

type Import = { target: string; specifier: string; typeOnly: boolean; line: number };
type Use = { text: string; line: number };
type Source = {
  file: string;
  beginsWithServerOnly: boolean;
  /** An `import 'server-only'` that is not the first statement (it must come first). */
  lateServerOnlyLine: number | null;
  imports: Import[];
  queries: Use[];
  roleNames: Use[];
};

const schema = readFileSync(path.join(ROOT, 'prisma/schema.prisma'), 'utf8');
/** `prisma.<delegate>.<method>(…)`: the client's property for each model. */
const DELEGATES = new Set([...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map(([, m]) => m[0].toLowerCase() + m.slice(1)));
const ROLE_NAMES = new Set(
  /^enum\s+Role\s*\{([^}]*)\}/m.exec(schema)?.[1].split(/\s+/).filter((w) => /^[A-Z_]+$/.test(w)) ?? [],
);
const MODEL_METHODS = new Set([
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'create', 'createMany',
  'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany',
  'count', 'aggregate', 'groupBy',
]);
const CLIENT_METHODS = new Set([
  '$transaction', '$queryRaw', '$queryRawUnsafe', '$executeRaw', '$executeRawUnsafe', '$queryRawTyped',
]);

function listSources(entry: string): string[] {
  const absolute = path.join(ROOT, entry);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return /\.tsx?$/.test(entry) && !entry.endsWith('.d.ts') ? [entry] : [];
  return readdirSync(absolute)
    .filter((name) => name !== 'node_modules' && !name.startsWith('.'))
    .flatMap((name) => listSources(path.posix.join(entry, name)))
    .filter((file) => !file.startsWith('lib/generated/'));
}

/** A specifier as a repository path without extension (`@/lib/x`, `../x`), or the package name. */
function resolveTarget(file: string, specifier: string): string {
  let target: string;
  if (specifier.startsWith('@/')) target = specifier.slice(2);
  else if (specifier.startsWith('.')) target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  else return specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  target = target.replace(/\.(tsx?|jsx?|mjs)$/, '');
  if (!existsSync(path.join(ROOT, `${target}.ts`)) && existsSync(path.join(ROOT, target, 'index.ts'))) {
    target = `${target}/index`;
  }
  return target;
}

function read(file: string): Source {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const source: Source = { file, beginsWithServerOnly: false, lateServerOnlyLine: null, imports: [], queries: [], roleNames: [] };
  const addImport = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    source.imports.push({ target: resolveTarget(file, specifier.text), specifier: specifier.text, typeOnly, line: lineOf(node) });
  };

  sf.statements.forEach((statement, index) => {
    if (
      ts.isImportDeclaration(statement) &&
      !statement.importClause &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      statement.moduleSpecifier.text === 'server-only'
    ) {
      if (index === 0) source.beginsWithServerOnly = true;
      else source.lateServerOnlyLine = lineOf(statement);
    }
  });

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 &&
            bindings.elements.every((element) => element.isTypeOnly)));
      addImport(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const typeOnly =
        node.isTypeOnly ||
        (!!node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((element) => element.isTypeOnly));
      addImport(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      addImport(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      // import('x') and require('x') load the module at runtime.
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) {
        addImport(node, node.arguments[0], false);
      }
      const query = queryCall(node.expression);
      if (query) source.queries.push({ text: query, line: lineOf(node) });
    } else if (ts.isTaggedTemplateExpression(node)) {
      const query = queryCall(node.tag);
      if (query) source.queries.push({ text: query, line: lineOf(node) });
    } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && ROLE_NAMES.has(node.text)) {
      // Not the specifier of an import: those are strings too.
      if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
        source.roleNames.push({ text: `'${node.text}'`, line: lineOf(node) });
      }
    } else if (ts.isPropertyAccessExpression(node) && ROLE_NAMES.has(node.name.text) && /Role$/.test(node.expression.getText(sf))) {
      source.roleNames.push({ text: node.getText(sf), line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return source;

  /** `x.report.findMany`, `ctx.db.$transaction`, `tx.$queryRaw`: a Prisma query, whatever the receiver's name. */
  function queryCall(callee: ts.Expression): string | null {
    if (!ts.isPropertyAccessExpression(callee)) return null;
    const method = callee.name.text;
    if (CLIENT_METHODS.has(method)) return callee.getText(sf);
    if (MODEL_METHODS.has(method) && ts.isPropertyAccessExpression(callee.expression) && DELEGATES.has(callee.expression.name.text)) {
      return callee.getText(sf);
    }
    return null;
  }
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const isApp = (file: string) => APP_ROOTS.some((root) => file === root || file.startsWith(`${root}/`));

const SOURCES = [...APP_ROOTS, 'lib', 'scripts'].flatMap(listSources).map(read);
const BY_FILE = new Map(SOURCES.map((source) => [source.file.replace(/\.tsx?$/, ''), source]));

function fail(rule: string, offenders: string[]): void {
  // The count as the assertion, so the report is the list itself, once.
  expect(offenders.length, `${rule}\n  ${offenders.join('\n  ')}\n`).toBe(0);
}

// ---------------------------------------------------------------------------------------------

describe('architecture', () => {
  it('reads the source tree', () => {
    // Guards the checks below against passing vacuously (a moved folder, a parser that sees nothing).
    expect(SOURCES.filter((s) => s.file.startsWith('app/')).length).toBeGreaterThan(20);
    expect(SOURCES.filter((s) => s.file.startsWith('lib/') && s.beginsWithServerOnly).length).toBeGreaterThan(10);
    expect(SOURCES.some((s) => s.queries.length > 0)).toBe(true);
    expect(ROLE_NAMES.size).toBeGreaterThanOrEqual(4);
    expect(DELEGATES.has('report')).toBe(true);
  });

  it('pages, layouts, routes and components never reach the database themselves', () => {
    const rule =
      'Rule: app/ and components/ call data-layer functions in lib/; they never import the Prisma client or a ' +
      'driver, nor send a query. Move the query into a lib/<feature> module beginning with ' +
      "import 'server-only'. A page or route may take the process's client (getDb) to hand it to those " +
      'functions, as the wrappers in lib/http/ do; components never do.';
    // Pages, layouts and route handlers run on the server and may pass getDb() on (midday's
    // `(db, { … })` style); client components must not even import it.
    const mayPassClient = (file: string, target: string) => file.startsWith('app/') && target === 'lib/platform/db';
    const offenders = SOURCES.filter((s) => isApp(s.file) && !isTest(s.file)).flatMap((s) => [
      ...s.imports
        .filter((i) => !i.typeOnly && databaseModule(i.target) && !mayPassClient(s.file, i.target))
        .map((i) => `${s.file}:${i.line} imports ${databaseModule(i.target)} ('${i.specifier}')`),
      ...s.queries.map((q) => `${s.file}:${q.line} sends a query itself (${q.text})`),
    ]);
    fail(rule, offenders);
  });

  it('pure modules in lib/ do not load the Prisma client or a driver', () => {
    const rule =
      "Rule: a lib/ module that does not begin with import 'server-only' is pure: it may import Prisma's " +
      "types (import type) and lib/generated/prisma/enums, not the client, a driver or getDb. Begin the file " +
      "with import 'server-only' if it is data layer, or move the database code out of it.";
    const offenders = SOURCES.filter((s) => s.file.startsWith('lib/') && !isTest(s.file) && !s.beginsWithServerOnly && !PLUMBING[s.file])
      .flatMap((s) =>
        s.imports
          .filter((i) => !i.typeOnly && databaseModule(i.target))
          .map((i) => `${s.file}:${i.line} imports ${databaseModule(i.target)} ('${i.specifier}') at runtime`),
      );
    fail(rule, offenders);
  });

  it('pure modules in lib/ do not load data-layer modules', () => {
    const rule =
      "Rule: a lib/ module without import 'server-only' is pure, so it does not import a module that begins " +
      "with import 'server-only' at runtime (client components and unit tests import pure modules). Move " +
      'the pure part it needs into a pure module, or make this one data layer.';
    const offenders = SOURCES.filter((s) => s.file.startsWith('lib/') && !isTest(s.file) && !s.beginsWithServerOnly && !PLUMBING[s.file])
      .flatMap((s) =>
        s.imports
          .filter((i) => !i.typeOnly && BY_FILE.get(i.target)?.beginsWithServerOnly)
          .map((i) => `${s.file}:${i.line} imports the data-layer module ${BY_FILE.get(i.target)!.file}`),
      );
    fail(rule, offenders);
  });

  it('only data-layer files, beginning with server-only, send queries', () => {
    const rule =
      "Rule: only lib/ data-layer modules send queries (db.<model>.<method>, $transaction, $queryRaw…), and " +
      "they begin with import 'server-only' (as the first statement, before any other import).";
    const offenders = SOURCES.filter((s) => s.file.startsWith('lib/') && !isTest(s.file) && !PLUMBING[s.file]).flatMap((s) => [
      ...(s.lateServerOnlyLine ? [`${s.file}:${s.lateServerOnlyLine} imports 'server-only' after other statements`] : []),
      ...(s.beginsWithServerOnly ? [] : s.queries.map((q) => `${s.file}:${q.line} sends a query (${q.text}) without import 'server-only'`)),
    ]);
    fail(rule, offenders);
  });

  it('the plumbing exceptions are still plumbing', () => {
    const rule =
      "Rule: a lib/ file listed in PLUMBING (allowed without import 'server-only') must exist and be " +
      "imported by a script; otherwise remove it from the list and give it import 'server-only'.";
    const fromScripts = new Set<string>();
    const walk = (key: string) => {
      const source = BY_FILE.get(key);
      if (!source || fromScripts.has(source.file)) return;
      fromScripts.add(source.file);
      for (const i of source.imports) if (!i.typeOnly) walk(i.target);
    };
    SOURCES.filter((s) => s.file.startsWith('scripts/')).forEach((s) => s.imports.forEach((i) => !i.typeOnly && walk(i.target)));
    const offenders = Object.entries(PLUMBING).flatMap(([file, reason]) =>
      !existsSync(path.join(ROOT, file))
        ? [`${file} (${reason}) does not exist`]
        : !fromScripts.has(file)
          ? [`${file} (${reason}) is not imported by any script`]
          : [],
    );
    fail(rule, offenders);
  });

  it('role names are written only in the permissions module', () => {
    const rule =
      `Rule: the role names (${[...ROLE_NAMES].join(', ')}) appear only in lib/permissions.ts (and the schema, ` +
      'the demo data and tests). Ask a named check there (canReadNational, canReviewReport…) or add one.';
    const offenders = SOURCES.filter((s) => !isTest(s.file) && !ROLE_NAME_HOMES[s.file]).flatMap((s) =>
      s.roleNames.map((r) => `${s.file}:${r.line} writes the role name ${r.text}`),
    );
    fail(rule, offenders);
  });
});
