/** The plot of `pnpm bench autopilot`: per curve, the share of robots whose flash outlasts N years. */

interface Strategy {
  name: string;
  tau: number | null;
  meetingTarget: { share: number | null };
  meetingAmongReachableInsideGuardRails: { share: number | null };
  meetingAmongReachableAnyTau: { share: number | null };
  meanPredictedSuccess: number;
  rollouts: number;
  lifeDays: number[];
}
interface Result {
  robots: number;
  years: number;
  seed: number;
  lifeTargetDays: number;
  quick: boolean;
  curves: {
    model: { name: string };
    strategies: Strategy[];
    reachable: { insideGuardRails: number; anyTauInRange: number };
  }[];
}

const COLOURS = ['#6e7781', '#bf8700', '#1f6feb'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

export function renderAutopilotSvg(result: Result): string {
  const W = 960;
  const panelH = 300;
  const H = 60 + result.curves.length * panelH;
  const x0 = 60;
  const x1 = 480;
  const maxYears = 15;
  const sx = (years: number) => x0 + (Math.min(maxYears, years) / maxYears) * (x1 - x0);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${esc(`pnpm bench autopilot${result.quick ? ' --quick' : ''}: ${result.robots} robots, ${result.years} simulated years, seed ${result.seed}`)}</text>`,
    `<text x="10" y="38" fill="#333">${esc('share of robots whose flash lasts at least N years of service (projected end of life); dashed: the target')}</text>`,
  ];
  result.curves.forEach((c, ci) => {
    const top = 56 + ci * panelH;
    const y0 = top + 230;
    const y1 = top + 20;
    const sy = (share: number) => y0 - share * (y0 - y1);
    parts.push(`<text x="10" y="${top + 10}" font-weight="bold">${esc(c.model.name)}</text>`);
    for (const years of [0, 3, 5, 10, 15]) {
      parts.push(
        `<line x1="${sx(years)}" y1="${y1}" x2="${sx(years)}" y2="${y0}" stroke="#eee"/>`,
        `<text x="${sx(years)}" y="${y0 + 14}" text-anchor="middle" fill="#555">${years === maxYears ? '≥15 y' : `${years} y`}</text>`,
      );
    }
    for (const share of [0, 0.5, 1]) {
      parts.push(
        `<line x1="${x0}" y1="${sy(share)}" x2="${x1}" y2="${sy(share)}" stroke="#eee"/>`,
        `<text x="${x0 - 6}" y="${sy(share) + 4}" text-anchor="end" fill="#555">${share * 100}%</text>`,
      );
    }
    const target = result.lifeTargetDays / 365.25;
    parts.push(
      `<line x1="${sx(target)}" y1="${y1}" x2="${sx(target)}" y2="${y0}" stroke="#c00" stroke-dasharray="5 3"/>`,
    );
    c.strategies.forEach((s, si) => {
      const years = s.lifeDays
        .map((d) => (d === null ? Number.POSITIVE_INFINITY : d / 365.25))
        .sort((a, b) => a - b);
      const points: string[] = [];
      for (let k = 0; k <= 150; k++) {
        const y = (k / 150) * maxYears;
        const surviving = years.filter((v) => v >= y).length / years.length;
        points.push(`${sx(y).toFixed(1)},${sy(surviving).toFixed(1)}`);
      }
      parts.push(
        `<polyline fill="none" stroke="${COLOURS[si]}" stroke-width="2" points="${points.join(' ')}"/>`,
        `<rect x="500" y="${top + 30 + si * 62}" width="12" height="12" fill="${COLOURS[si]}"/>`,
        `<text x="518" y="${top + 40 + si * 62}" font-weight="bold">${esc(`${s.name}${s.tau === null ? '' : ` (τ ${s.tau.toFixed(2)})`}`)}</text>`,
        `<text x="518" y="${top + 56 + si * 62}">${esc(`meets target: ${pct(s.meetingTarget.share)} of all, of reachable ${pct(s.meetingAmongReachableInsideGuardRails.share)} (rails) / ${pct(s.meetingAmongReachableAnyTau.share)} (any τ)`)}</text>`,
        `<text x="518" y="${top + 72 + si * 62}">${esc(`mean predicted success ${pct(s.meanPredictedSuccess)}, rollouts ${s.rollouts}`)}</text>`,
      );
    });
    parts.push(
      `<text x="500" y="${top + 232}" fill="#555">${esc(`reachable: ${c.reachable.insideGuardRails} robots inside the guard rails, ${c.reachable.anyTauInRange} at any τ in range`)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
