// The dense kernels the hand-written backward passes share (AURA-Mem's and the reference memories').

/** acc[i·m + j] += x_i · y_j  (outer product into an [x.length, m] row-major matrix) */
export function addOuter(acc: Float32Array, x: Float32Array, y: Float32Array, rowOffset = 0): void {
  const m = y.length;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    if (xi === 0) continue;
    const row = (rowOffset + i) * m;
    for (let j = 0; j < m; j++) acc[row + j] = (acc[row + j] as number) + xi * (y[j] as number);
  }
}

/** out_i = Σ_j M[(rowOffset+i)·m + j] · y_j  (M stored [rows, m]); added to out_i when `accumulate` */
export function matTVec(
  M: Float32Array,
  y: Float32Array,
  out: Float32Array,
  rowOffset = 0,
  accumulate = false,
): void {
  const m = y.length;
  for (let i = 0; i < out.length; i++) {
    const row = (rowOffset + i) * m;
    let s = 0;
    for (let j = 0; j < m; j++) s += (M[row + j] as number) * (y[j] as number);
    out[i] = accumulate ? (out[i] as number) + s : s;
  }
}
