// Screenshots of the demo for a person to look at (tests/screenshots/, git-ignored): desktop and
// phone, light and dark, the launcher's panel open on an answer, and the inline instance.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { INLINE, SCREENSHOTS, assertClean, launch, openPage, serveSite, widget } from './support/browser.mjs';

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

let browser;
let site;

before(async () => {
  browser = await launch();
  site = await serveSite();
  await mkdir(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

for (const [device, options] of Object.entries(VIEWPORTS)) {
  for (const colorScheme of ['light', 'dark']) {
    test(`screenshots: ${device}, ${colorScheme}`, async () => {
      const { page, problems, close } = await openPage(browser, { ...options, colorScheme });
      await page.goto(site.url);
      const shots = [];
      const shoot = async (name, target = page) => {
        const path = join(SCREENSHOTS, `${device}-${colorScheme}-${name}.png`);
        await target.screenshot({ path });
        shots.push(path);
      };
      await shoot('page');

      const w = widget(page);
      await w.launcher.click();
      await w.suggestion.first().waitFor({ state: 'visible' });
      await shoot('open');
      await w.input.fill('Is stem cell therapy approved by the FDA?');
      await w.input.press('Enter');
      await w.answers(1);
      await shoot('answer');
      await w.more.click();
      await w.input.fill('What are your opening hours?');
      await w.input.press('Enter');
      await w.answers(2);
      await shoot('not-covered');
      await w.part('close').click();

      const inline = widget(page, INLINE);
      await inline.host.scrollIntoViewIfNeeded();
      await inline.suggestion.first().waitFor({ state: 'visible' });
      await shoot('inline', page.locator('#ask'));
      await inline.suggestion.first().click();
      await inline.answers(1);
      await shoot('inline-answer', page.locator('#ask'));

      for (const path of shots) assert.ok((await stat(path)).size > 5_000, `${path} was written`);
      assertClean(problems, `${device} ${colorScheme}`);
      await close();
    });
  }
}
