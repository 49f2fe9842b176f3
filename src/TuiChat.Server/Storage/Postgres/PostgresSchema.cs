using Npgsql;

namespace TuiChat.Server.Storage.Postgres;

/// <summary>
/// Creates and migrates the PostgreSQL schema. Applied versions are rows of <c>schema_version</c>;
/// each migration runs in its own transaction together with its row. Servers that start at the
/// same time take turns through an advisory lock, so a migration runs once. Timestamps are UTC
/// ticks in <c>bigint</c> (as in SQLite): <c>timestamptz</c> keeps only microseconds.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Any constant shared by all servers: the advisory lock that serialises migrations.</summary>
    private const long MigrationLock = 0x7475_6963_6861_7431; // "tuichat1"

    /// <summary>Message ids are handed out in blocks of this size (the sequence's increment).</summary>
    public const int MessageIdBlock = 100;

    /// <summary>Migrations[i] takes the database from version i to i + 1. Append only; never edit a shipped step.</summary>
    private static readonly string[] Migrations =
    [
        $"""
        CREATE TABLE accounts (
            user_key      text PRIMARY KEY,       -- NameRules.Key(user)
            "user"        text NOT NULL,          -- the name as registered
            password_hash text NOT NULL,          -- self-describing hash string; never a password
            role          text NOT NULL,
            created       bigint NOT NULL,
            skeleton      text NOT NULL UNIQUE    -- NameRules.Skeleton: no two accounts look alike
        );

        -- Each nextval is the first id of a block of {MessageIdBlock} for one server: unique across servers.
        CREATE SEQUENCE message_id_blocks START 1 INCREMENT {MessageIdBlock};

        -- One row per conversation: its last sequence number. Taking the next one locks this row
        -- until the message's transaction commits, so a room's messages get 1, 2, 3... in commit
        -- order while other rooms are not held up.
        CREATE TABLE conversation_seqs (
            conversation  text PRIMARY KEY,
            last_seq      bigint NOT NULL
        );

        CREATE TABLE messages (
            msg_id        bigint PRIMARY KEY,
            conversation  text NOT NULL,
            room_seq      bigint NOT NULL,        -- the message's place in its conversation
            ts            bigint NOT NULL,
            sender        text NOT NULL,
            target        text NOT NULL,
            text          text NOT NULL,
            UNIQUE (conversation, room_seq)
        );
        CREATE INDEX messages_by_conversation ON messages (conversation, msg_id);

        CREATE TABLE offline_messages (
            seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            user_key      text NOT NULL,
            msg_id        bigint NOT NULL REFERENCES messages (msg_id)
        );
        CREATE INDEX offline_messages_by_user ON offline_messages (user_key, seq);

        CREATE TABLE files (
            file_id       text PRIMARY KEY,
            sender        text NOT NULL,
            target        text NOT NULL,
            conversation  text NOT NULL,
            name          text NOT NULL,
            size          bigint NOT NULL,
            sha256        text NOT NULL,
            ts            bigint NOT NULL
        );

        CREATE TABLE offline_files (
            seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            user_key      text NOT NULL,
            file_id       text NOT NULL REFERENCES files (file_id)
        );
        CREATE INDEX offline_files_by_user ON offline_files (user_key, seq);

        -- File contents, so that every server can serve every download. An upload's chunks are
        -- written as they arrive; it is visible only once `stored` (its SHA-256 matched).
        CREATE TABLE file_contents (
            file_id       text PRIMARY KEY,
            stored        boolean NOT NULL DEFAULT false,
            started       bigint NOT NULL
        );
        CREATE TABLE file_chunks (
            file_id       text NOT NULL REFERENCES file_contents (file_id) ON DELETE CASCADE,
            seq           integer NOT NULL,
            data          bytea NOT NULL,
            PRIMARY KEY (file_id, seq)
        );

        CREATE TABLE groups (
            room_key      text PRIMARY KEY,
            room          text NOT NULL,
            owner         text NOT NULL,
            topic         text NOT NULL,
            conversation  text NOT NULL           -- the group's identity, fixed at creation
        );

        -- One row per member: a change adds or removes that member's row only.
        CREATE TABLE group_members (
            room_key      text NOT NULL REFERENCES groups (room_key) ON DELETE CASCADE,
            member_key    text NOT NULL,          -- NameRules.Key(member)
            member        text NOT NULL,
            position      bigint NOT NULL,        -- the order members joined in
            PRIMARY KEY (room_key, member_key)
        );

        CREATE TABLE identity_keys (
            user_key      text PRIMARY KEY,
            "user"        text NOT NULL,
            agreement     text NOT NULL,
            signing       text NOT NULL,
            signature     text NOT NULL,
            updated       bigint NOT NULL
        );
        """,
        // Version 2 (issue 13, as SQLite's version 5): read positions, remembered public rooms (one
        // row per remembering account), direct-conversation lists, file offers as history lines,
        // last-seen times, and search: each line's folded words (SearchWords.Of) as a tsvector built
        // from that list as it is (array_to_tsvector: no parser, no dictionary, so it folds and
        // splits exactly as SearchWords does), with a GIN index. Encrypted lines have none.
        """
        CREATE TABLE read_positions (
            identity      text NOT NULL,
            conversation  text NOT NULL,
            msg_id        bigint NOT NULL,        -- read up to and including this line
            PRIMARY KEY (identity, conversation)
        );

        CREATE TABLE rooms (
            room_key      text PRIMARY KEY,
            room          text NOT NULL,
            topic         text NOT NULL,
            operator      text NOT NULL,          -- the creator's identity; '' for none
            conversation  text NOT NULL
        );
        CREATE TABLE room_members (
            room_key      text NOT NULL REFERENCES rooms (room_key) ON DELETE CASCADE,
            member_key    text NOT NULL,
            member        text NOT NULL,          -- an account that rejoins the room at login
            position      bigint NOT NULL,
            PRIMARY KEY (room_key, member_key)
        );

        CREATE TABLE direct_conversations (
            identity      text NOT NULL,
            conversation  text NOT NULL,
            peer          text NOT NULL,
            last_msg_id   bigint NOT NULL,
            PRIMARY KEY (identity, conversation)
        );
        CREATE INDEX direct_conversations_by_recency ON direct_conversations (identity, last_msg_id);

        ALTER TABLE messages ADD COLUMN file_id text;
        ALTER TABLE messages ADD COLUMN search tsvector;
        CREATE INDEX messages_search ON messages USING gin (search);
        ALTER TABLE files ADD COLUMN msg_id bigint NOT NULL DEFAULT 0;
        ALTER TABLE accounts ADD COLUMN last_seen bigint;
        """,
        // Version 3 (as SQLite's version 7): a line may be a notice (IRC's NOTICE, never answered
        // automatically), kept as one in history.
        """
        ALTER TABLE messages ADD COLUMN notice boolean NOT NULL DEFAULT false;
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the database up to <see cref="CurrentVersion"/>; refuses a newer one.</summary>
    /// <exception cref="StoreOpenException">The schema is newer than this server.</exception>
    public static void Migrate(NpgsqlConnection connection, string description)
    {
        Execute(connection, $"SELECT pg_advisory_lock({MigrationLock})");
        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())");
            int version = ReadVersion(connection);
            if (version > CurrentVersion)
            {
                throw new StoreOpenException(description,
                    $"its schema version {version} is newer than this server understands ({CurrentVersion}); run a newer tuichat-server");
            }

            for (; version < CurrentVersion; version++)
            {
                using NpgsqlTransaction transaction = connection.BeginTransaction();
                Execute(connection, Migrations[version] + $"\nINSERT INTO schema_version (version) VALUES ({version + 1});");
                transaction.Commit();
            }
        }
        finally
        {
            Execute(connection, $"SELECT pg_advisory_unlock({MigrationLock})");
        }
    }

    public static int ReadVersion(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection);
        return (int)command.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
