import { parentPort } from 'node:worker_threads';
import { extractFile, type ExtractJob } from './file.js';

// A pool worker: receives batches of jobs, answers with their results in order.
parentPort?.on('message', (message: { id: number; jobs: ExtractJob[] }) => {
  void Promise.all(message.jobs.map(extractFile)).then((results) => {
    parentPort?.postMessage({ id: message.id, results });
  });
});
