/** Types of bench/chromium.mjs, for the browser tests. */
export declare const CHROMIUM: string;
export declare const chromiumLaunchOptions: { executablePath: string; args: string[] };
