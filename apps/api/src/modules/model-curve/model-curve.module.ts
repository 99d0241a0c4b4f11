import { Module } from '@nestjs/common';
import { TauCurveSource } from './tau-curve.source.js';

/** The committed model's τ curve, for every feature that predicts from it (autopilot, rollout preview). */
@Module({ providers: [TauCurveSource], exports: [TauCurveSource] })
export class ModelCurveModule {}
