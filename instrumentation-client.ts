// Runs in the browser before the app starts (Next's client instrumentation).
//
// zod 4 probes whether `new Function` is allowed (to compile fast parsers) the
// first time it parses an object. Under our Content-Security-Policy (no
// 'unsafe-eval', see proxy.ts) that probe is blocked and the browser reports a
// CSP violation on every page with a form. Its interpreted parser is fast
// enough for forms: tell it not to try.
//
// Through the object zod keeps its settings in (`z.config()` writes there), not
// by importing zod: this file is part of every page, and zod is 30 kB of
// compressed JavaScript that pages without a form do not need.
// tests/integration/zod-config.test.ts checks that zod reads it.
const zodHolder = globalThis as typeof globalThis & { __zod_globalConfig?: Record<string, unknown> };
zodHolder.__zod_globalConfig = Object.assign(zodHolder.__zod_globalConfig ?? {}, { jitless: true });

export {};
