// Runs before the app's modules: tells zod (which reads this global when it loads) to interpret schemas instead
// of compiling them with `new Function`. The page's CSP forbids eval (script-src falls back to 'self'), and zod's
// probe for it, made as schemas are built, logged a CSP violation on every page. Interpreted parsing is fast
// enough for forms. A file, not an inline script, so that the CSP stays strict.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
