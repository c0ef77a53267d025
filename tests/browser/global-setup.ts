import { type TestProject } from 'vitest/node';
import { startBrowserTarget } from './support/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the web app + gateway the browser tests drive (no trailing slash). */
    browserBaseUrl: string;
  }
}

/** Starts the stack (or uses BROWSER_BASE_URL) once for all browser tests, stops it at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const target = await startBrowserTarget();
  project.provide('browserBaseUrl', target.baseUrl);
  return async () => {
    await target.stop();
  };
}
