import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { KeySetWriter } from './key-set-writer.js';
import { SigningKeyVault } from './signing-key-vault.js';
import { SigningKeyring } from './signing-keyring.js';
import { SigningKeysController } from './signing-keys.controller.js';
import { SigningKeysRepository } from './signing-keys.repository.js';
import { SigningKeysService } from './signing-keys.service.js';

/** Config-signing keys and their rotation; SigningKeyring signs envelopes and serves key sets. */
@Module({
  imports: [AuthModule, AuditModule],
  controllers: [SigningKeysController],
  providers: [SigningKeysRepository, SigningKeyVault, KeySetWriter, SigningKeyring, SigningKeysService],
  exports: [SigningKeyring],
})
export class SigningKeysModule {}
