// Draws a τ curve (models/<name>.tau-curve.json) as a small standalone SVG for the model card: writes
// per step and accuracy (and episode success) against τ, each with its 95 % interval band.
import type { TauCurve } from '../src/fleet/index.js';

const W = 680;
const H = 360;
const M = { left: 56, right: 56, top: 44, bottom: 48 };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function renderTauCurveSvg(curve: TauCurve): string {
  const ps = curve.points;
  const x = (t: number) => M.left + ((t - 0) / 1) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - v * (H - M.top - M.bottom);
  const line = (vals: number[]) =>
    vals.map((v, i) => `${i ? 'L' : 'M'}${x(ps[i]!.tau).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const band = (lo: number[], hi: number[]) =>
    `${line(hi)} ${lo
      .map((_, i) => lo.length - 1 - i)
      .map((j) => `L${x(ps[j]!.tau).toFixed(1)},${y(lo[j]!).toFixed(1)}`)
      .join(' ')} Z`;
  const series = [
    { key: 'writesPerStep', label: 'writes per step', color: '#c0392b' },
    { key: 'accuracy', label: 'query accuracy', color: '#2c6fbb' },
    { key: 'successRate', label: 'episode success', color: '#27864a' },
  ] as const;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12" role="img" aria-labelledby="title">`,
    `<title id="title">${esc(curve.model.name)}: writes per step, accuracy and episode success against the gate threshold τ</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${M.left}" y="16" font-size="14" font-weight="bold">${esc(curve.model.name)}: τ curve</text>`,
    `<text x="${M.left}" y="30" fill="#555">task ${esc(curve.task.name)}; ${curve.evaluation.seeds.length} held-out seeds × ${curve.evaluation.episodesPerSeed} episodes; memory ${curve.evaluation.memory}; bands: 95 % CI over seeds</text>`,
  );
  for (let v = 0; v <= 1.0001; v += 0.25) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`,
      `<text x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(2)}</text>`,
    );
  }
  for (let t = 0; t <= 1.0001; t += 0.1) {
    parts.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${H - M.bottom}" y2="${H - M.bottom + 4}" stroke="#555"/>`,
      `<text x="${x(t)}" y="${H - M.bottom + 18}" text-anchor="middle">${t.toFixed(1)}</text>`,
    );
  }
  parts.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">gate threshold τ</text>`,
    `<line x1="${x(curve.model.defaultTau)}" x2="${x(curve.model.defaultTau)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#888" stroke-dasharray="4 3"/>`,
    `<text x="${x(curve.model.defaultTau) + 4}" y="${M.top + 10}" fill="#555">default τ ${curve.model.defaultTau}</text>`,
  );
  for (const s of series) {
    const mean = ps.map((p) => p[s.key].mean);
    parts.push(
      `<path d="${band(
        ps.map((p) => p[s.key].lo),
        ps.map((p) => p[s.key].hi),
      )}" fill="${s.color}" fill-opacity="0.15" stroke="none"/>`,
      `<path d="${line(mean)}" fill="none" stroke="${s.color}" stroke-width="2"/>`,
      ...ps.map(
        (p) =>
          `<circle cx="${x(p.tau).toFixed(1)}" cy="${y(p[s.key].mean).toFixed(1)}" r="2.5" fill="${s.color}"/>`,
      ),
    );
  }
  series.forEach((s, i) => {
    const lx = W - M.right - 150;
    const ly = M.top + 14 + i * 16;
    parts.push(
      `<line x1="${lx}" x2="${lx + 18}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"/>`,
      `<text x="${lx + 24}" y="${ly}">${s.label}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
