import { describe, expect, it } from 'vitest';
import { escapeXml, ksSvg, niceTicks, rocSvg, scoreDistributionSvg } from './charts.js';
import { rocCurve } from './metrics.js';

const RISK = [0.8, 0.1, 0.9, 0.3, 0.8];
const TARGET: (0 | 1)[] = [1, 0, 1, 0, 0];
const HOSTILE = 'R&D <script>"x"</script>';
const ESCAPED = 'R&amp;D &lt;script&gt;&quot;x&quot;&lt;/script&gt;';

const count = (text: string, needle: string) => text.split(needle).length - 1;

function expectWellFormed(svg: string) {
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg.endsWith('</svg>')).toBe(true);
  expect(count(svg, '<svg')).toBe(1);
  expect(count(svg, '<text')).toBe(count(svg, '</text>'));
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
}

describe('rocSvg', () => {
  const svg = rocSvg(rocCurve(RISK, TARGET), HOSTILE);

  it('draws one curve through every ROC point, the chance diagonal and the AUC', () => {
    expectWellFormed(svg);
    expect(count(svg, '<polyline')).toBe(1);
    const points = /<polyline points="([^"]*)"/.exec(svg)?.[1]?.split(' ');
    expect(points).toHaveLength(5);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('ROC (AUC 0.917)');
  });

  it('escapes the title', () => {
    expect(count(svg, ESCAPED)).toBe(2);
    expect(svg).not.toContain('<script>');
  });
});

describe('ksSvg', () => {
  it('draws the bads and goods curves and marks the KS', () => {
    const svg = ksSvg(RISK, TARGET, HOSTILE);
    expectWellFormed(svg);
    expect(count(svg, '<polyline')).toBe(2);
    expect(svg).toContain('KS 0.667 at 60% of population');
    expect(svg).not.toContain('<script>');
  });
});

describe('scoreDistributionSvg', () => {
  const scores = [480, 500, 510, 520, 560, 600, 610, 640, 650, 700];
  const target: (0 | 1)[] = [1, 1, 0, 1, 0, 0, 1, 0, 0, 0];

  it('draws one bar per class and bin with labelled axes', () => {
    const svg = scoreDistributionSvg(scores, target, HOSTILE, { bins: 5 });
    expectWellFormed(svg);
    expect(count(svg, '<rect class="bar bad"')).toBe(5);
    expect(count(svg, '<rect class="bar good"')).toBe(5);
    expect(svg).toContain('>Score</text>');
    expect(svg).toContain('>Share of class</text>');
    expect(count(svg, ESCAPED)).toBe(2);
  });

  it('shows each class as a share of itself', () => {
    const svg = scoreDistributionSvg(scores, target, 'title', { bins: 2 });
    const heights = [...svg.matchAll(/class="bar (bad|good)"[^>]*height="([\d.]+)"/g)].map(
      (match) => [match[1], Number(match[2])] as const,
    );
    // Bads: 3 of 4 in the low bin; goods: 2 of 6. The y axis tops out at 80 %.
    const plotHeight = 420 - 44 - 56;
    expect(heights).toEqual([
      ['bad', Math.round((0.75 / 0.8) * plotHeight * 10) / 10],
      ['bad', Math.round((0.25 / 0.8) * plotHeight * 10) / 10],
      ['good', Math.round((1 / 3 / 0.8) * plotHeight * 10) / 10],
      ['good', Math.round((2 / 3 / 0.8) * plotHeight * 10) / 10],
    ]);
  });

  it('copes with a single distinct score', () => {
    expectWellFormed(scoreDistributionSvg([600, 600], [0, 1], 'flat', { bins: 3 }));
  });
});

describe('helpers', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href='x'>"&"</a>`)).toBe(
      '&lt;a href=&apos;x&apos;&gt;&quot;&amp;&quot;&lt;/a&gt;',
    );
  });

  it('picks round ticks', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(437, 571, 8)).toEqual([420, 440, 460, 480, 500, 520, 540, 560, 580]);
  });
});
