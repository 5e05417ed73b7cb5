/// The `etl` track: this layer's own bookkeeping (run history). `etl.schema_migrations` itself is created by
/// the runner, because it must exist before any track can be recorded.
public enum CoreMigrations {
    /// The `etl` track. Never edit a shipped migration; append a new version.
    public static let track = MigrationTrack(name: "etl", migrations: [
        Migration(version: 1, name: "job runs", sql: """
            CREATE TABLE etl.job_runs (
                id           bigserial PRIMARY KEY,
                tool         text NOT NULL,
                started_at   timestamptz NOT NULL DEFAULT now(),
                finished_at  timestamptz,
                status       text NOT NULL
                             CHECK (status IN ('running', 'success', 'failure', 'busy', 'abandoned')),
                rows_in      bigint,
                rows_out     bigint,
                from_height  bigint,
                to_height    bigint,
                error        text,
                host         text,
                pid          integer
            );

            CREATE INDEX job_runs_tool_started_at_idx ON etl.job_runs (tool, started_at);
            """),
        Migration(version: 2, name: "cursors", sql: """
            CREATE TABLE etl.cursors (
                consumer    text PRIMARY KEY,
                position    bigint NOT NULL,
                updated_at  timestamptz NOT NULL DEFAULT now()
            );
            COMMENT ON TABLE etl.cursors IS 'How far each tool has read its input log: copy-raw the raw.chain_events sequence, the stats tools the chain.block_changes sequence. Written in the same transaction as the output.';
            """),
    ])
}
