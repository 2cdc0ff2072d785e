import { z } from 'zod';

// The service's Content-Security-Policy has no 'unsafe-eval'. Zod compiles object parsers with
// `new Function` unless told not to, and its probe for that is reported as a CSP violation even
// though it is caught. Imported first by main.tsx: the probe runs when the first object schema is
// built, at module load.
z.config({ jitless: true });
