// How the browser tests and bench/report.mjs start Chromium: Debian's `chromium` (apt-get
// install chromium), driven by playwright-core (`npx playwright install` does not work on this
// kind of machine), headless, with nothing running in the background that would skew timings.
export const CHROMIUM = '/usr/bin/chromium';

/** `chromium.launch(…)` options of playwright-core. */
export const chromiumLaunchOptions = {
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
