/**
 * Key-addressing auxiliary loss (training only; docs/aura-mem.md "Key-addressing auxiliary loss").
 *
 * The delta rule overwrites what a key predicted only along the new write key [k; 1]: a later binding of a key
 * slot replaces an earlier one only as far as their write keys point the same way. This term teaches the key
 * projection that directly, from the task generator's key-slot labels (available at training time only): over
 * every pair (i, j) of binding steps of a window, with c_ij = cos([k_i; 1], [k_j; 1]),
 *
 *   L_key = weight · ( mean over same-slot pairs of (1 − c_ij)²  +  mean over other-slot pairs of c_ij² )
 *
 * (a mean is 0 when its set of pairs is empty). k = z·Wk and z comes from the frozen backbone, so the term
 * reaches only Wk: ∂L/∂Wk = zᵀ·∂L/∂k. Inference, the ONNX graph and the layer's other tensors are untouched.
 */

/** Key slot of each binding step (a step with a key and no action target), −1 on every other step. */
export function keySlotLabels(steps: readonly { key: number; target: number }[]): Int32Array {
  return Int32Array.from(steps, (s) => (s.key >= 0 && s.target < 0 ? s.key : -1));
}

export interface KeyAuxResult {
  /** weight · (same-slot term + other-slot term) */
  loss: number;
  /** mean cosine of [k; 1] over same-slot / other-slot pairs (NaN without such pairs) */
  sameSlotCosine: number;
  otherSlotCosine: number;
}

/**
 * Adds `gradScale · ∂L_key/∂k_t` into `dk` (`T × dKey`, row t = step t) and returns the loss. `keys[t]` is
 * step t's write key k_t (length dKey); steps whose label is −1 take no part.
 */
export function computeKeyAux(
  keys: readonly Float32Array[],
  slots: Int32Array,
  weight: number,
  dKey: number,
  dk: Float32Array | undefined,
  gradScale = 1,
): KeyAuxResult {
  const idx: number[] = [];
  for (let t = 0; t < slots.length; t++) if ((slots[t] as number) >= 0) idx.push(t);
  let nSame = 0;
  let nOther = 0;
  for (let a = 0; a < idx.length; a++)
    for (let b = a + 1; b < idx.length; b++) {
      if (slots[idx[a] as number] === slots[idx[b] as number]) nSame++;
      else nOther++;
    }
  // |[k; 1]| per binding step
  const norm = idx.map((t) => {
    const k = keys[t] as Float32Array;
    let s = 1;
    for (let i = 0; i < dKey; i++) s += (k[i] as number) ** 2;
    return Math.sqrt(s);
  });
  let same = 0;
  let other = 0;
  let sameCos = 0;
  let otherCos = 0;
  for (let a = 0; a < idx.length; a++) {
    const ta = idx[a] as number;
    const ka = keys[ta] as Float32Array;
    const na = norm[a] as number;
    for (let b = a + 1; b < idx.length; b++) {
      const tb = idx[b] as number;
      const kb = keys[tb] as Float32Array;
      const nb = norm[b] as number;
      let dot = 1;
      for (let i = 0; i < dKey; i++) dot += (ka[i] as number) * (kb[i] as number);
      const c = dot / (na * nb);
      const isSame = slots[ta] === slots[tb];
      let dc: number;
      if (isSame) {
        same += (1 - c) ** 2;
        sameCos += c;
        dc = (-2 * (1 - c)) / nSame;
      } else {
        other += c * c;
        otherCos += c;
        dc = (2 * c) / nOther;
      }
      if (!dk) continue;
      // ∂c/∂a = b/(|a||b|) − c·a/|a|² (first dKey entries; the appended 1 is constant)
      const s = dc * weight * gradScale;
      const rowA = ta * dKey;
      const rowB = tb * dKey;
      for (let i = 0; i < dKey; i++) {
        const ai = ka[i] as number;
        const bi = kb[i] as number;
        dk[rowA + i] = (dk[rowA + i] as number) + s * (bi / (na * nb) - (c * ai) / (na * na));
        dk[rowB + i] = (dk[rowB + i] as number) + s * (ai / (na * nb) - (c * bi) / (nb * nb));
      }
    }
  }
  return {
    loss: weight * ((nSame ? same / nSame : 0) + (nOther ? other / nOther : 0)),
    sameSlotCosine: nSame ? sameCos / nSame : Number.NaN,
    otherSlotCosine: nOther ? otherCos / nOther : Number.NaN,
  };
}
