// node view.js PAGE SCREENSHOT FILTERS_JSON IMAGE_ROW JSON_ROW: Debian's Chromium, headless, opens netrec's view page
// (a file, no server), types each filter and notes the rows left, opens two interactions, takes a screenshot after
// the last filter. Prints {"rows": {filter: [n...]}, "errors": {filter: text}, "image": ..., "json": ...}.
const { chromium } = require('playwright-core');

(async () => {
  const [page, screenshot, filtersJson, imageRow, jsonRow] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.NETREC_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 800 }, offline: true });
    const tab = await context.newPage();
    const problems = [];
    tab.on('pageerror', e => problems.push(String(e)));
    tab.on('requestfailed', r => problems.push('request ' + r.url()));
    await tab.goto('file://' + page);
    const result = { rows: {}, errors: {}, problems };
    for (const filter of JSON.parse(filtersJson)) {
      await tab.fill('#filter', filter);
      result.rows[filter] = await tab.$$eval('tr.row:not(.hidden)', rows => rows.map(r => Number(r.dataset.n)));
      result.errors[filter] = await tab.textContent('#filter-error');
      result.count = await tab.textContent('#count');
    }
    await tab.screenshot({ path: screenshot, fullPage: false });
    await tab.fill('#filter', '');
    await tab.click(`tr.row[data-n="${imageRow}"]`);
    result.image = await tab.$eval('#detail img', img => ({ width: img.naturalWidth, height: img.naturalHeight }))
        .catch(() => null);
    await tab.click(`tr.row[data-n="${jsonRow}"]`);
    result.json = await tab.$$eval('#detail pre.body', pres => pres.map(p => p.textContent));
    result.report = await tab.textContent('#report');
    console.log(JSON.stringify(result));
    await context.close();
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(String(e)); process.exit(1); });
