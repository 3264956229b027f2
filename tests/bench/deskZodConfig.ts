// Imported first by deskBrowser.ts: the probe loads before the page's CSP is read, where zod would
// compile its parsers with eval; the app's own zod cannot (its CSP forbids eval), so neither may this.
import { z } from 'zod';

z.config({ jitless: true });
