/**
 * Adam with bias correction, in place over the flat parameter buffer. `stepLr` (optional) replaces the
 * learning rate for this step only; the moments are kept either way.
 */
export function createAdam(n: number, lr: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8) {
  const m = new Float32Array(n);
  const v = new Float32Array(n);
  let t = 0;
  return (params: Float32Array, grad: Float32Array, stepLr = lr) => {
    t++;
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    for (let i = 0; i < n; i++) {
      const gi = grad[i] as number;
      const mi = beta1 * (m[i] as number) + (1 - beta1) * gi;
      const vi = beta2 * (v[i] as number) + (1 - beta2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      params[i] = (params[i] as number) - (stepLr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
    }
  };
}
