using Npgsql;
using TuiChat.Protocol;

namespace TuiChat.Server.Storage.Postgres;

/// <summary>
/// The writes, run by the writer thread inside a batch transaction on its own connection (Npgsql
/// prepares the repeated statements on it). Each changes only the rows it is about.
/// </summary>
internal sealed class PostgresWriteCommands(NpgsqlConnection connection)
{
    /// <summary>Stores a chat line (its id given: one server's own numbering) with the next number of its conversation; returns that number.</summary>
    public long InsertMessage(StoredMessage message, string? offlineRecipient)
    {
        long seq = (long)Scalar(InsertLine("$1"), message.MsgId, message.Conversation, StoreRows.Ticks(message.Ts), message.From, message.To, message.Text,
            (object?)message.FileId ?? DBNull.Value, SearchWords.IsIndexed(message.Text), SearchWords.Of(message.Text).ToArray(), message.Notice)!;
        IndexDirect(message, offlineRecipient);
        return seq;
    }

    /// <summary>
    /// Stores a chat line of a cluster (a room's or a direct one) with the next number of its
    /// conversation and a message id taken after the conversation's counter row is locked, so that
    /// within a conversation ids grow in commit order too, whichever server stores the line (a whole
    /// block of the id sequence per line: its first id; no server uses that block).
    /// </summary>
    public NumberedMessage InsertNumberedLine(StoredMessage line, string? offlineRecipient)
    {
        NumberedMessage numbered;
        using (NpgsqlCommand command = PostgresChatStore.Command(connection, InsertLine("nextval('message_id_blocks')"),
            0L, line.Conversation, StoreRows.Ticks(line.Ts), line.From, line.To, line.Text,
            (object?)line.FileId ?? DBNull.Value, SearchWords.IsIndexed(line.Text), SearchWords.Of(line.Text).ToArray(), line.Notice))
        {
            using NpgsqlDataReader reader = command.ExecuteReader();
            reader.Read();
            numbered = new NumberedMessage(reader.GetInt64(0), line with { MsgId = reader.GetInt64(1) });
        }
        IndexDirect(numbered.Message, offlineRecipient);
        return numbered;
    }

    /// <summary>Takes a line of a recipient's offline queue out: a session of it got the line live on some server.</summary>
    public void ForgetQueued(string user, long msgId) =>
        Run("DELETE FROM offline_messages WHERE user_key = $1 AND msg_id = $2", NameRules.Key(user), msgId);

    /// <summary>
    /// The insert of a line with the next number of its conversation (the counter row, locked until
    /// COMMIT); <paramref name="msgId"/> is the id's SQL ($1 when given, else taken in the statement).
    /// Parameters: $1 id, $2 conversation, $3 ts, $4 sender, $5 target, $6 text, $7 file id, $8 indexed, $9 words, $10 notice.
    /// </summary>
    private static string InsertLine(string msgId) => $"""
        WITH next AS (
            INSERT INTO conversation_seqs AS s (conversation, last_seq) VALUES ($2, 1)
            ON CONFLICT (conversation) DO UPDATE SET last_seq = s.last_seq + 1
            RETURNING last_seq)
        INSERT INTO messages (msg_id, conversation, room_seq, ts, sender, target, text, file_id, search, notice)
            SELECT {msgId}, $2, next.last_seq, $3, $4, $5, $6, $7, CASE WHEN $8 THEN array_to_tsvector($9::text[]) END, $10 FROM next
        RETURNING room_seq, msg_id
        """;

    /// <summary>A direct message in both accounts' conversation lists, and in its offline recipient's queue.</summary>
    private void IndexDirect(StoredMessage message, string? offlineRecipient)
    {
        foreach ((string identity, string peer) in Conversations.DirectSides(message))
        {
            Run("""
                INSERT INTO direct_conversations AS d (identity, conversation, peer, last_msg_id) VALUES ($1, $2, $3, $4)
                ON CONFLICT (identity, conversation) DO UPDATE SET peer = excluded.peer, last_msg_id = excluded.last_msg_id WHERE excluded.last_msg_id > d.last_msg_id
                """, identity, message.Conversation, peer, message.MsgId);
        }
        if (offlineRecipient is not null)
        {
            Run("INSERT INTO offline_messages (user_key, msg_id) VALUES ($1, $2)", NameRules.Key(offlineRecipient), message.MsgId);
        }
    }

    /// <summary>False when the name or its look-alike skeleton is taken.</summary>
    public bool InsertAccount(AccountRecord account) =>
        Run("""INSERT INTO accounts (user_key, "user", password_hash, role, created, skeleton) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING""",
            NameRules.Key(account.User), account.User, account.PasswordHash, account.Role, StoreRows.Ticks(account.Created), NameRules.Skeleton(account.User)) == 1;

    public void InsertFile(FileRecord file, string? offlineRecipient)
    {
        InsertFileRow(file, offlineRecipient);
        if (file.MsgId > 0)
        {
            InsertMessage(file.ToHistoryLine(), offlineRecipient: null);
        }
    }

    /// <summary>
    /// A file offer of a cluster: its line numbered as <see cref="InsertNumberedLine"/> numbers a chat
    /// line (the id it is given is above every line of its conversation stored before), and the
    /// file's row with that id.
    /// </summary>
    public FileRecord InsertNumberedFile(FileRecord file, string? offlineRecipient)
    {
        NumberedMessage line = InsertNumberedLine(file.ToHistoryLine(), offlineRecipient: null);
        FileRecord numbered = file with { MsgId = line.Message.MsgId };
        InsertFileRow(numbered, offlineRecipient);
        return numbered;
    }

    private void InsertFileRow(FileRecord file, string? offlineRecipient)
    {
        Run("INSERT INTO files (file_id, sender, target, conversation, name, size, sha256, ts, msg_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            file.FileId, file.From, file.To, file.Conversation, file.Name, file.Size, file.Sha256, StoreRows.Ticks(file.Ts), file.MsgId);
        if (offlineRecipient is not null)
        {
            Run("INSERT INTO offline_files (user_key, file_id) VALUES ($1, $2)", NameRules.Key(offlineRecipient), file.FileId);
        }
    }

    public void ForgetOffline(string user, long throughMessageSeq, long throughFileSeq)
    {
        string key = NameRules.Key(user);
        Run("DELETE FROM offline_messages WHERE user_key = $1 AND seq <= $2", key, throughMessageSeq);
        Run("DELETE FROM offline_files WHERE user_key = $1 AND seq <= $2", key, throughFileSeq);
    }

    /// <summary>The group's own row: inserted, or its owner and topic brought up to date (not rewritten when equal).</summary>
    public void SaveGroup(GroupInfo group) =>
        Run("""
            INSERT INTO groups (room_key, room, owner, topic, conversation) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (room_key) DO UPDATE SET room = excluded.room, owner = excluded.owner, topic = excluded.topic, conversation = excluded.conversation
            WHERE (groups.room, groups.owner, groups.topic, groups.conversation) IS DISTINCT FROM (excluded.room, excluded.owner, excluded.topic, excluded.conversation)
            """, NameRules.Key(group.Room), group.Room, group.Owner, group.Topic, group.Conversation);

    /// <summary>
    /// One member's row, after the others; nothing when it has one. Two servers adding two members
    /// at once both get theirs (each writes only its own row).
    /// </summary>
    public void AddGroupMember(string room, string member) =>
        Run("""
            INSERT INTO group_members (room_key, member_key, member, position)
                SELECT $1, $2, $3, COALESCE((SELECT MAX(position) FROM group_members WHERE room_key = $1), 0) + 1
            ON CONFLICT (room_key, member_key) DO NOTHING
            """, NameRules.Key(room), NameRules.Key(member), member);

    public void RemoveGroupMember(string room, string member) =>
        Run("DELETE FROM group_members WHERE room_key = $1 AND member_key = $2", NameRules.Key(room), NameRules.Key(member));

    /// <summary>The room's row, and member rows only for members who came or went.</summary>
    public void SaveRoom(RoomRecord room)
    {
        string key = NameRules.Key(room.Room);
        Run("""
            INSERT INTO rooms (room_key, room, topic, operator, conversation) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (room_key) DO UPDATE SET room = excluded.room, topic = excluded.topic, operator = excluded.operator, conversation = excluded.conversation
            WHERE (rooms.room, rooms.topic, rooms.operator, rooms.conversation) IS DISTINCT FROM (excluded.room, excluded.topic, excluded.operator, excluded.conversation)
            """, key, room.Room, room.Topic, room.Operator, room.Conversation);
        SaveMembers("room_members", key, room.Members);
    }

    /// <summary>Removes the room; its member rows go with it (ON DELETE CASCADE).</summary>
    public void DeleteRoom(string room) => Run("DELETE FROM rooms WHERE room_key = $1", NameRules.Key(room));

    public void SetReadPosition(string identity, string conversation, long msgId) =>
        Run("""
            INSERT INTO read_positions AS p (identity, conversation, msg_id) VALUES ($1, $2, $3)
            ON CONFLICT (identity, conversation) DO UPDATE SET msg_id = excluded.msg_id WHERE excluded.msg_id > p.msg_id
            """, identity, conversation, msgId);

    public void SetLastSeen(string user, DateTimeOffset time) =>
        Run("UPDATE accounts SET last_seen = $2 WHERE user_key = $1", NameRules.Key(user), StoreRows.Ticks(time));

    /// <summary>
    /// Brings the member rows of <paramref name="key"/> in <paramref name="table"/> to <paramref name="members"/>:
    /// rows of members who left are deleted, new members get rows after the others, the rest are not written.
    /// </summary>
    private void SaveMembers(string table, string key, IReadOnlyList<string> members)
    {
        string[] memberKeys = [.. members.Select(NameRules.Key)];
        Run($"DELETE FROM {table} WHERE room_key = $1 AND member_key <> ALL($2)", key, memberKeys);
        Run($"""
            INSERT INTO {table} AS t (room_key, member_key, member, position)
                SELECT $1, m.member_key, m.member, COALESCE((SELECT MAX(position) FROM {table} WHERE room_key = $1), 0) + m.n
                FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS m (member_key, member, n)
            ON CONFLICT (room_key, member_key) DO UPDATE SET member = excluded.member
            WHERE t.member IS DISTINCT FROM excluded.member
            """, key, memberKeys, members.ToArray());
    }

    /// <summary>Removes the group; its member rows go with it (ON DELETE CASCADE).</summary>
    public void DeleteGroup(string room) => Run("DELETE FROM groups WHERE room_key = $1", NameRules.Key(room));

    public void PutIdentityKeys(IdentityKeysRecord keys) =>
        Run("""
            INSERT INTO identity_keys (user_key, "user", agreement, signing, signature, updated) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (user_key) DO UPDATE SET "user" = excluded."user", agreement = excluded.agreement, signing = excluded.signing, signature = excluded.signature, updated = excluded.updated
            """, NameRules.Key(keys.User), keys.User, keys.Agreement, keys.Signing, keys.Signature, StoreRows.Ticks(keys.Updated));

    private int Run(string sql, params object[] values)
    {
        using NpgsqlCommand command = PostgresChatStore.Command(connection, sql, values);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params object[] values)
    {
        using NpgsqlCommand command = PostgresChatStore.Command(connection, sql, values);
        return command.ExecuteScalar();
    }
}
