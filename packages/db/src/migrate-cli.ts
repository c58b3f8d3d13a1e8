/** Applies pending migrations to DATA_DIR/coderprep.db (or the file given) and exits non-zero on failure. */
import { join } from 'node:path';
import { closeDatabase, openDatabase } from './client';

const file = process.argv[2] ?? join(process.env.DATA_DIR ?? './data', 'coderprep.db');
try {
  closeDatabase(openDatabase({ file }));
  console.log(`migrated ${file}`);
} catch (error) {
  console.error(`migration of ${file} failed:`, error);
  process.exit(1);
}
