import { defineConfig } from 'prisma/config';

// Prisma is used for its schema and its client only. Migrations are the committed SQL files in
// prisma/migrations, applied by dbmate through `pnpm db:migrate` (docs/database.md explains why).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/aura_fleet' },
});
