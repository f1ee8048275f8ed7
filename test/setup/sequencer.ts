import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest's order, with the browser files spread among the others: the first one runs at
 * once, the rest each after an equal share of the other files, so that the one worker that
 * takes a browser file rarely finds the previous one still holding the browser lock
 * (test/setup/browser-lock.ts) while the other worker keeps running integration files.
 */
export default class BrowserSpreadSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const browser = sorted.filter((spec) => spec.project.name === 'browser');
    const others = sorted.filter((spec) => spec.project.name !== 'browser');
    if (browser.length === 0 || others.length === 0) return sorted;
    const share = Math.floor(others.length / browser.length);
    return [
      ...browser.flatMap((spec, index) => [
        spec,
        ...others.slice(index * share, (index + 1) * share),
      ]),
      ...others.slice(browser.length * share),
    ];
  }
}
