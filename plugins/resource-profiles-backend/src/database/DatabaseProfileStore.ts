import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ResourceProfile,
  resourceProfileSchema,
} from '@resource-profiles/backstage-plugin-resource-profiles-common';
import { Knex } from 'knex';
import { ProfileStore } from './ProfileStore';

const migrationsDir = resolvePackagePath(
  '@resource-profiles/backstage-plugin-resource-profiles-backend',
  'migrations',
);

const TABLE = 'resource_profiles';
// Keeps each multi-row insert well under SQLite's bound-parameter limit.
const INSERT_CHUNK = 200;

type ProfileRow = {
  entity_ref: string;
  arn: string | null;
  owner: string | null;
  environment: string;
  data_classification: string;
  profile: string;
  resolved_at: Date | string;
};

/** A {@link ProfileStore} on the plugin's knex database. */
export class DatabaseProfileStore implements ProfileStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseProfileStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseProfileStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async getProfile(entityRef: string): Promise<ResourceProfile | undefined> {
    const row = await this.db<ProfileRow>(TABLE)
      .where({ entity_ref: entityRef })
      .first();
    return row ? resourceProfileSchema.parse(JSON.parse(row.profile)) : undefined;
  }

  async replaceProfiles(
    profiles: ResourceProfile[],
    refreshedAt: Date,
  ): Promise<void> {
    const rows: ProfileRow[] = profiles.map(profile => ({
      entity_ref: profile.entityRef,
      arn: profile.arn ?? null,
      owner: profile.owner ?? null,
      environment: profile.environment,
      data_classification: profile.dataClassification,
      profile: JSON.stringify(profile),
      resolved_at: refreshedAt,
    }));
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx<ProfileRow>(TABLE)
          .insert(rows.slice(i, i + INSERT_CHUNK))
          .onConflict('entity_ref')
          .merge();
      }
      await tx<ProfileRow>(TABLE).where('resolved_at', '<', refreshedAt).delete();
    });
  }

  async countProfiles(): Promise<number> {
    const [{ count }] = await this.db(TABLE).count({ count: '*' });
    return Number(count);
  }
}
