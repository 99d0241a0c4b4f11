/** The header of a τ-curve file (model, task, evaluation, generatedBy) for a test's own measurements. */
export function tauCurveHeader(modelName: string, sha256: string) {
  return {
    model: { name: modelName, version: modelName, sha256, defaultTau: 0.5 },
    task: { name: 'hard', description: 't', episodeLength: 36, successThreshold: 0.75, config: {} },
    evaluation: {
      seeds: [1, 2, 3],
      episodesPerSeed: 10,
      episodeSeeds: 'odd',
      memory: 'reset-per-episode' as const,
      interval: 'student-t-95-over-seeds' as const,
    },
    generatedBy: { command: 'test', at: '2026-12-01T00:00:00.000Z', seconds: 0 },
  };
}
