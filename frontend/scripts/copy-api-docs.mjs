// Copies Swagger UI's files into the build (dist/api-docs), where the API serves /docs from:
// the documentation then needs nothing from another site (department networks may have no
// internet) and runs under the same strict Content Security Policy as the web app.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const source = dirname(require.resolve('swagger-ui-dist/package.json'));
const target = join(dirname(new URL(import.meta.url).pathname), '..', 'dist', 'api-docs');
mkdirSync(target, { recursive: true });
for (const name of ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE']) {
  copyFileSync(join(source, name), join(target, name));
}
