// Runs in the browser before the app starts (Next's client instrumentation).
//
// zod 4 probes whether `new Function` is allowed (to compile fast parsers) the
// first time it parses an object. Under our Content-Security-Policy (no
// 'unsafe-eval', see proxy.ts) that probe is blocked and the browser reports a
// CSP violation on every page with a form. Its interpreted parser is fast
// enough for forms: tell it not to try.
import { z } from 'zod';

z.config({ jitless: true });
