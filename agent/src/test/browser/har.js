// node har.js URL HAR_FILE CHROMIUM: Debian's Chromium, headless, loads URL, waits until the page's title says
// "done", and saves the HAR of everything the page loaded (Playwright's HAR recorder, bodies embedded).
const { chromium } = require('playwright-core');

(async () => {
  const [url, harFile, executable] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: executable,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ recordHar: { path: harFile, content: 'embed' } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'done', null, { timeout: 30000 });
    await context.close();
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(String(e)); process.exit(1); });
