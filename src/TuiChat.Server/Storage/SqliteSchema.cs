using Microsoft.Data.Sqlite;

namespace TuiChat.Server.Storage;

/// <summary>
/// Creates and migrates the database. The schema version lives in <c>PRAGMA user_version</c>;
/// each migration runs in its own transaction together with the version bump, so a crash
/// mid-migration leaves the previous version intact. Timestamps are UTC ticks (100 ns since
/// 0001-01-01), which round-trip a <see cref="DateTimeOffset"/> exactly.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Migrations[i] takes the database from version i to i + 1. Append only; never edit a shipped step.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE accounts (
            user_key      TEXT PRIMARY KEY,   -- NameRules.Key(user): case-insensitive uniqueness
            user          TEXT NOT NULL,      -- the name as registered
            password_hash TEXT NOT NULL,      -- self-describing hash string; never a password
            role          TEXT NOT NULL,
            created       INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE messages (
            msg_id        INTEGER PRIMARY KEY, -- server-wide increasing id, assigned by the server
            conversation  TEXT NOT NULL,       -- Conversations.Room / Conversations.Direct key
            ts            INTEGER NOT NULL,
            sender        TEXT NOT NULL,
            target        TEXT NOT NULL,
            text          TEXT NOT NULL
        );
        CREATE INDEX messages_by_conversation ON messages (conversation, msg_id);

        CREATE TABLE offline_messages (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            user_key      TEXT NOT NULL,
            msg_id        INTEGER NOT NULL REFERENCES messages (msg_id)
        );
        CREATE INDEX offline_messages_by_user ON offline_messages (user_key, seq);

        CREATE TABLE files (
            file_id       TEXT PRIMARY KEY,
            sender        TEXT NOT NULL,
            target        TEXT NOT NULL,
            conversation  TEXT NOT NULL,
            name          TEXT NOT NULL,
            size          INTEGER NOT NULL,
            sha256        TEXT NOT NULL,
            ts            INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE offline_files (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            user_key      TEXT NOT NULL,
            file_id       TEXT NOT NULL REFERENCES files (file_id)
        );
        CREATE INDEX offline_files_by_user ON offline_files (user_key, seq);

        CREATE TABLE groups (
            room_key      TEXT PRIMARY KEY,
            room          TEXT NOT NULL,
            owner         TEXT NOT NULL,
            topic         TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE group_members (
            room_key      TEXT NOT NULL REFERENCES groups (room_key),
            position      INTEGER NOT NULL,    -- keeps the member list in the order it was saved
            member        TEXT NOT NULL,
            PRIMARY KEY (room_key, position)
        ) WITHOUT ROWID;
        """,
        // Look-alike names (NameRules.Skeleton) cannot both be accounts. Rows from version 1 get
        // their skeleton from FillSkeletons, which needs ICU and so runs in C#.
        """
        ALTER TABLE accounts ADD COLUMN skeleton TEXT;
        CREATE UNIQUE INDEX accounts_by_skeleton ON accounts (skeleton);
        """,
        // Version 3: conversations belong to identities, not names (docs/STORAGE.md).
        // A group keeps its identity in `conversation`; an existing group's is its old history key,
        // so its members keep their history. A direct conversation with a guest was keyed by the
        // guest's name, which a later guest could take: each side that is not a registered account
        // becomes `~legacy-<name>`, an identity no session will ever have (guest identities are
        // `~` and hex), so those conversations and their files stay out of everyone's reach.
        """
        ALTER TABLE groups ADD COLUMN conversation TEXT NOT NULL DEFAULT '';
        UPDATE groups SET conversation = room_key;

        CREATE TEMP TABLE legacy_direct AS
            SELECT DISTINCT conversation AS old,
                   substr(conversation, 2, instr(conversation, '|') - 2) AS a,
                   substr(conversation, instr(conversation, '|') + 1) AS b
            FROM (SELECT conversation FROM messages UNION SELECT conversation FROM files)
            WHERE substr(conversation, 1, 1) = '@' AND instr(conversation, '|') > 0;
        CREATE TEMP TABLE legacy_direct_map AS
            SELECT old,
                   '@' || (CASE WHEN a IN (SELECT user_key FROM accounts) THEN a ELSE '~legacy-' || a END)
                       || '|' || (CASE WHEN b IN (SELECT user_key FROM accounts) THEN b ELSE '~legacy-' || b END) AS new
            FROM legacy_direct;
        UPDATE messages SET conversation = (SELECT new FROM legacy_direct_map WHERE old = messages.conversation)
            WHERE conversation IN (SELECT old FROM legacy_direct_map WHERE new <> old);
        UPDATE files SET conversation = (SELECT new FROM legacy_direct_map WHERE old = files.conversation)
            WHERE conversation IN (SELECT old FROM legacy_direct_map WHERE new <> old);
        DROP TABLE legacy_direct_map;
        DROP TABLE legacy_direct;
        """,
        // Version 4: the end-to-end key directory (keys.put / keys.get).
        """
        CREATE TABLE identity_keys (
            user_key      TEXT PRIMARY KEY,   -- the account, NameRules.Key(user)
            user          TEXT NOT NULL,
            agreement     TEXT NOT NULL,      -- base64 X25519 public key
            signing       TEXT NOT NULL,      -- base64 Ed25519 public key
            signature     TEXT NOT NULL,      -- base64 owner's signature over both
            updated       INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        // Version 5 (issue 13): read positions, remembered public rooms and their topics, the
        // direct-conversation list, file offers as history lines, last-seen times, and the
        // full-text index. `messages_fts` is a contentless FTS5 index of messages.text (written by
        // the same transaction as the message until version 6); it folds case and
        // accents like SearchWords. Encrypted lines are not indexed. Existing lines are indexed and
        // existing direct conversations listed by FillVersion5 (C#: it needs NameRules and SHA-256).
        """
        CREATE TABLE read_positions (
            identity      TEXT NOT NULL,      -- Chat.Identities: an account's folded name
            conversation  TEXT NOT NULL,
            msg_id        INTEGER NOT NULL,   -- read up to and including this line
            PRIMARY KEY (identity, conversation)
        ) WITHOUT ROWID;

        CREATE TABLE rooms (
            room_key      TEXT PRIMARY KEY,
            room          TEXT NOT NULL,
            topic         TEXT NOT NULL,
            operator      TEXT NOT NULL,      -- the creator's identity; '' for none
            conversation  TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE room_members (
            room_key      TEXT NOT NULL REFERENCES rooms (room_key),
            position      INTEGER NOT NULL,
            member        TEXT NOT NULL,      -- an account that rejoins the room at login
            PRIMARY KEY (room_key, position)
        ) WITHOUT ROWID;

        CREATE TABLE direct_conversations (
            identity      TEXT NOT NULL,      -- one side, an account
            conversation  TEXT NOT NULL,
            peer          TEXT NOT NULL,      -- the other side's name
            last_msg_id   INTEGER NOT NULL,
            PRIMARY KEY (identity, conversation)
        ) WITHOUT ROWID;
        CREATE INDEX direct_conversations_by_recency ON direct_conversations (identity, last_msg_id);

        ALTER TABLE messages ADD COLUMN file_id TEXT;   -- set on a file offer's line
        ALTER TABLE files ADD COLUMN msg_id INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE accounts ADD COLUMN last_seen INTEGER;

        -- Contentless: the text is in messages; `conv` holds SearchWords.ConversationTokens, so a
        -- search finds the lines of the caller's conversations inside the index.
        CREATE VIRTUAL TABLE messages_fts USING fts5 (
            text, conv, content = '', tokenize = 'unicode61 remove_diacritics 2', detail = column, prefix = '1 2 3'
        );
        -- The index's words, so a longer prefix is expanded into the few words it starts (SqliteChatStore.Search).
        CREATE VIRTUAL TABLE messages_fts_words USING fts5vocab (messages_fts, 'row');
        """,
        // Version 6 (issue 12): stored lines wait here for messages_fts and are indexed many at a
        // time (SqliteSearchBacklog): an FTS5 insert per commit cost as much CPU as the commit.
        // A search indexes the backlog first; a crash leaves it for the next start.
        """
        CREATE TABLE search_backlog (
            msg_id        INTEGER PRIMARY KEY,  -- a stored line (messages.msg_id) not yet in messages_fts
            conv          TEXT NOT NULL         -- its SearchWords.ConversationTokens
        );
        """,
        // Version 7: a line may be a notice (IRC's NOTICE, which bots send so that nothing answers
        // it automatically), kept as one in history: IRC clients get it back as a NOTICE.
        """
        ALTER TABLE messages ADD COLUMN notice INTEGER NOT NULL DEFAULT 0;
        """,
        // Version 8: the backlog is a bound instead of a row per line, inserted with the line and
        // deleted when indexed (SqliteSearchBacklog); what version 6's table still held waits from its lowest id.
        """
        CREATE TABLE search_pending (
            only_row      INTEGER PRIMARY KEY CHECK (only_row = 1),
            from_id       INTEGER NOT NULL      -- at or below the msg_id of every stored line not yet in messages_fts
        );
        INSERT INTO search_pending (only_row, from_id) SELECT 1, min(msg_id) FROM search_backlog HAVING count(*) > 0;
        DROP TABLE search_backlog;
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>The version that added the search index and <c>direct_conversations</c>: an older database is filled by <see cref="FillVersion5"/>.</summary>
    public const int SearchIndexVersion = 5;

    /// <summary>Brings the database up to <see cref="CurrentVersion"/>; refuses a newer one.</summary>
    public static void Migrate(SqliteConnection connection, string path)
    {
        int version = ReadVersion(connection);
        if (version > CurrentVersion)
        {
            throw new StoreOpenException(path,
                $"its schema version {version} is newer than this server understands ({CurrentVersion}); run a newer tuichat-server");
        }

        for (; version < CurrentVersion; version++)
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>
    /// Gives every account without a skeleton its own. Of two older accounts that look alike, the
    /// first keeps the skeleton; the other keeps its name and password but blocks no look-alike.
    /// </summary>
    public static void FillSkeletons(SqliteConnection connection)
    {
        var users = new List<string>();
        using (SqliteCommand select = connection.CreateCommand())
        {
            select.CommandText = "SELECT user FROM accounts WHERE skeleton IS NULL ORDER BY created";
            using SqliteDataReader reader = select.ExecuteReader();
            while (reader.Read())
            {
                users.Add(reader.GetString(0));
            }
        }
        foreach (string user in users)
        {
            using SqliteCommand update = connection.CreateCommand();
            update.CommandText = "UPDATE OR IGNORE accounts SET skeleton = $skeleton WHERE user = $user";
            update.Parameters.AddWithValue("$skeleton", TuiChat.Protocol.NameRules.Skeleton(user));
            update.Parameters.AddWithValue("$user", user);
            update.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Indexes the lines stored before version 5 for search and lists their direct conversations, in
    /// one transaction, through the same statements as new lines (<see cref="SqliteWriteCommands.IndexMessage"/>).
    /// Runs once, right after the migration to version 5.
    /// </summary>
    public static void FillVersion5(SqliteConnection connection)
    {
        using SqliteTransaction transaction = connection.BeginTransaction();
        using var commands = new SqliteWriteCommands(connection);
        commands.Enlist(transaction);
        using SqliteCommand select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {StoreRows.MessageColumns} FROM messages m ORDER BY m.msg_id";
        using (SqliteDataReader reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                commands.IndexMessage(StoreRows.Message(reader));
            }
        }
        commands.Backlog.Index();
        transaction.Commit();
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
