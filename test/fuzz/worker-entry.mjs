// The fuzz worker's entry: a worker thread starts from JavaScript, so this registers tsx and loads worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
