using Microsoft.Data.Sqlite;
using TuiChat.Protocol;

namespace TuiChat.Server.Storage;

/// <summary>
/// The writer connection's statements, created once and reused for every operation of every
/// batch (SQLite keeps each one compiled). Only the writer thread touches this object.
/// </summary>
internal sealed class SqliteWriteCommands : IDisposable
{
    private readonly SqliteCommand _insertMessage;
    private readonly SqliteCommand _queueOfflineMessage;
    private readonly SqliteCommand _forgetOfflineMessages;
    private readonly SqliteCommand _insertAccount;
    private readonly SqliteCommand _insertFile;
    private readonly SqliteCommand _queueOfflineFile;
    private readonly SqliteCommand _forgetOfflineFiles;
    private readonly SqliteCommand _upsertGroup;
    private readonly SqliteCommand _deleteGroupMembers;
    private readonly SqliteCommand _insertGroupMember;
    private readonly SqliteCommand _groupMembers;
    private readonly SqliteCommand _deleteGroupMember;
    private readonly SqliteCommand _deleteGroup;
    private readonly SqliteCommand _upsertIdentityKeys;
    private readonly SqliteCommand _upsertDirect;
    private readonly SqliteCommand _upsertReadPosition;
    private readonly SqliteCommand _upsertRoom;
    private readonly SqliteCommand _deleteRoomMembers;
    private readonly SqliteCommand _insertRoomMember;
    private readonly SqliteCommand _deleteRoom;
    private readonly SqliteCommand _setLastSeen;
    private readonly SqliteCommand[] _all;

    public SqliteWriteCommands(SqliteConnection connection)
    {
        _insertMessage = Create(connection,
            "INSERT INTO messages (msg_id, conversation, ts, sender, target, text, file_id, notice) VALUES ($id, $conversation, $ts, $sender, $target, $text, $file, $notice)",
            "$id", "$conversation", "$ts", "$sender", "$target", "$text", "$file", "$notice");
        Backlog = new SqliteSearchBacklog(connection);
        _upsertDirect = Create(connection,
            "INSERT INTO direct_conversations (identity, conversation, peer, last_msg_id) VALUES ($identity, $conversation, $peer, $last) " +
            "ON CONFLICT (identity, conversation) DO UPDATE SET peer = excluded.peer, last_msg_id = excluded.last_msg_id WHERE excluded.last_msg_id > last_msg_id",
            "$identity", "$conversation", "$peer", "$last");
        _upsertReadPosition = Create(connection,
            "INSERT INTO read_positions (identity, conversation, msg_id) VALUES ($identity, $conversation, $id) " +
            "ON CONFLICT (identity, conversation) DO UPDATE SET msg_id = excluded.msg_id WHERE excluded.msg_id > msg_id",
            "$identity", "$conversation", "$id");
        _upsertRoom = Create(connection,
            "INSERT INTO rooms (room_key, room, topic, operator, conversation) VALUES ($key, $room, $topic, $operator, $conversation) " +
            "ON CONFLICT (room_key) DO UPDATE SET room = excluded.room, topic = excluded.topic, operator = excluded.operator, conversation = excluded.conversation",
            "$key", "$room", "$topic", "$operator", "$conversation");
        _deleteRoomMembers = Create(connection, "DELETE FROM room_members WHERE room_key = $key", "$key");
        _insertRoomMember = Create(connection,
            "INSERT INTO room_members (room_key, position, member) VALUES ($key, $position, $member)", "$key", "$position", "$member");
        _deleteRoom = Create(connection, "DELETE FROM rooms WHERE room_key = $key", "$key");
        _setLastSeen = Create(connection, "UPDATE accounts SET last_seen = $when WHERE user_key = $key", "$key", "$when");
        _queueOfflineMessage = Create(connection,
            "INSERT INTO offline_messages (user_key, msg_id) VALUES ($user, $id)", "$user", "$id");
        _forgetOfflineMessages = Create(connection, "DELETE FROM offline_messages WHERE user_key = $user AND seq <= $seq", "$user", "$seq");
        _insertAccount = Create(connection,
            "INSERT INTO accounts (user_key, user, password_hash, role, created, skeleton) VALUES ($key, $user, $hash, $role, $created, $skeleton) ON CONFLICT DO NOTHING",
            "$key", "$user", "$hash", "$role", "$created", "$skeleton");
        _insertFile = Create(connection,
            "INSERT INTO files (file_id, sender, target, conversation, name, size, sha256, ts, msg_id) VALUES ($id, $sender, $target, $conversation, $name, $size, $sha256, $ts, $msg)",
            "$id", "$sender", "$target", "$conversation", "$name", "$size", "$sha256", "$ts", "$msg");
        _queueOfflineFile = Create(connection,
            "INSERT INTO offline_files (user_key, file_id) VALUES ($user, $id)", "$user", "$id");
        _forgetOfflineFiles = Create(connection, "DELETE FROM offline_files WHERE user_key = $user AND seq <= $seq", "$user", "$seq");
        _upsertGroup = Create(connection,
            "INSERT INTO groups (room_key, room, owner, topic, conversation) VALUES ($key, $room, $owner, $topic, $conversation) ON CONFLICT (room_key) DO UPDATE SET room = excluded.room, owner = excluded.owner, topic = excluded.topic, conversation = excluded.conversation",
            "$key", "$room", "$owner", "$topic", "$conversation");
        _deleteGroupMembers = Create(connection, "DELETE FROM group_members WHERE room_key = $key", "$key");
        _insertGroupMember = Create(connection,
            "INSERT INTO group_members (room_key, position, member) VALUES ($key, $position, $member)",
            "$key", "$position", "$member");
        _groupMembers = Create(connection, "SELECT position, member FROM group_members WHERE room_key = $key", "$key");
        _deleteGroupMember = Create(connection, "DELETE FROM group_members WHERE room_key = $key AND position = $position", "$key", "$position");
        _deleteGroup = Create(connection, "DELETE FROM groups WHERE room_key = $key", "$key");
        _upsertIdentityKeys = Create(connection,
            "INSERT INTO identity_keys (user_key, user, agreement, signing, signature, updated) VALUES ($key, $user, $agreement, $signing, $signature, $updated) " +
            "ON CONFLICT (user_key) DO UPDATE SET user = excluded.user, agreement = excluded.agreement, signing = excluded.signing, signature = excluded.signature, updated = excluded.updated",
            "$key", "$user", "$agreement", "$signing", "$signature", "$updated");
        _all =
        [
            _insertMessage, _queueOfflineMessage, _forgetOfflineMessages, _insertAccount,
            _insertFile, _queueOfflineFile, _forgetOfflineFiles, _upsertGroup,
            _deleteGroupMembers, _insertGroupMember, _groupMembers, _deleteGroupMember, _deleteGroup, _upsertIdentityKeys,
            _upsertDirect, _upsertReadPosition, _upsertRoom, _deleteRoomMembers,
            _insertRoomMember, _deleteRoom, _setLastSeen,
        ];
    }

    /// <summary>The lines waiting for the full-text index.</summary>
    public SqliteSearchBacklog Backlog { get; }

    /// <summary>Microsoft.Data.Sqlite wants every command to name the connection's open transaction.</summary>
    public void Enlist(SqliteTransaction? transaction)
    {
        foreach (SqliteCommand command in _all)
        {
            command.Transaction = transaction;
        }
        Backlog.Enlist(transaction);
    }

    /// <summary>Stores a line, queues it for the search index and lists it in its sides' direct conversations, all in the batch's transaction.</summary>
    public void InsertMessage(StoredMessage message, string? offlineRecipient)
    {
        Run(_insertMessage, message.MsgId, message.Conversation, StoreRows.Ticks(message.Ts), message.From, message.To, message.Text, (object?)message.FileId ?? DBNull.Value, message.Notice);
        IndexMessage(message);
        if (offlineRecipient is not null)
        {
            Run(_queueOfflineMessage, NameRules.Key(offlineRecipient), message.MsgId);
        }
    }

    /// <summary>Queues a stored line for the search index (<see cref="SqliteSearchBacklog"/>) and adds it to its sides' direct-conversation lists.</summary>
    public void IndexMessage(StoredMessage message)
    {
        if (SearchWords.IsIndexed(message.Text))
        {
            Backlog.Add(message.MsgId);
        }
        foreach ((string identity, string peer) in Conversations.DirectSides(message))
        {
            Run(_upsertDirect, identity, message.Conversation, peer, message.MsgId);
        }
    }

    public void SetReadPosition(string identity, string conversation, long msgId) => Run(_upsertReadPosition, identity, conversation, msgId);

    public void SaveRoom(RoomRecord room)
    {
        string key = NameRules.Key(room.Room);
        Run(_upsertRoom, key, room.Room, room.Topic, room.Operator, room.Conversation);
        ReplaceMembers(_deleteRoomMembers, _insertRoomMember, key, room.Members);
    }

    public void DeleteRoom(string room) => Delete(_deleteRoomMembers, _deleteRoom, room);

    public void SetLastSeen(string user, DateTimeOffset time) => Run(_setLastSeen, NameRules.Key(user), StoreRows.Ticks(time));

    public bool InsertAccount(AccountRecord account) =>
        Run(_insertAccount, NameRules.Key(account.User), account.User, account.PasswordHash, account.Role, StoreRows.Ticks(account.Created), NameRules.Skeleton(account.User)) == 1;

    public void InsertFile(FileRecord file, string? offlineRecipient)
    {
        Run(_insertFile, file.FileId, file.From, file.To, file.Conversation, file.Name, file.Size, file.Sha256, StoreRows.Ticks(file.Ts), file.MsgId);
        if (file.MsgId > 0)
        {
            InsertMessage(file.ToHistoryLine(), offlineRecipient: null);
        }
        if (offlineRecipient is not null)
        {
            Run(_queueOfflineFile, NameRules.Key(offlineRecipient), file.FileId);
        }
    }

    /// <summary>Drops what <paramref name="user"/> has received from its offline queues.</summary>
    public void ForgetOffline(string user, long throughMessageSeq, long throughFileSeq)
    {
        string key = NameRules.Key(user);
        Run(_forgetOfflineMessages, key, throughMessageSeq);
        Run(_forgetOfflineFiles, key, throughFileSeq);
    }

    public void SaveGroup(GroupInfo group) =>
        Run(_upsertGroup, NameRules.Key(group.Room), group.Room, group.Owner, group.Topic, group.Conversation);

    /// <summary>Adds the member's row after the others; nothing when the name (by key) has one.</summary>
    public void AddGroupMember(string room, string member)
    {
        string key = NameRules.Key(room);
        List<(long Position, string Member)> rows = GroupMemberRows(key);
        if (!rows.Exists(r => NameRules.Key(r.Member) == NameRules.Key(member)))
        {
            Run(_insertGroupMember, key, rows.Count == 0 ? 0 : rows.Max(r => r.Position) + 1, member);
        }
    }

    /// <summary>Removes the member's row (matched by key), leaving every other row as it is.</summary>
    public void RemoveGroupMember(string room, string member)
    {
        string key = NameRules.Key(room);
        foreach ((long position, string name) in GroupMemberRows(key))
        {
            if (NameRules.Key(name) == NameRules.Key(member))
            {
                Run(_deleteGroupMember, key, position);
            }
        }
    }

    /// <summary>
    /// The group's member rows. Names are matched by <see cref="NameRules.Key"/> here, in C#: the
    /// table has no key column (SQLite's lower() would not fold every name as the key does).
    /// </summary>
    private List<(long Position, string Member)> GroupMemberRows(string key)
    {
        _groupMembers.Parameters[0].Value = key;
        var rows = new List<(long, string)>();
        using SqliteDataReader reader = _groupMembers.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        return rows;
    }

    public void DeleteGroup(string room) => Delete(_deleteGroupMembers, _deleteGroup, room);

    /// <summary>Replaces a room's or group's member rows with <paramref name="members"/>, in order.</summary>
    private static void ReplaceMembers(SqliteCommand deleteMembers, SqliteCommand insertMember, string key, IReadOnlyList<string> members)
    {
        Run(deleteMembers, key);
        for (int i = 0; i < members.Count; i++)
        {
            Run(insertMember, key, i, members[i]);
        }
    }

    private static void Delete(SqliteCommand deleteMembers, SqliteCommand delete, string room)
    {
        string key = NameRules.Key(room);
        Run(deleteMembers, key);
        Run(delete, key);
    }

    public void PutIdentityKeys(IdentityKeysRecord keys) =>
        Run(_upsertIdentityKeys, NameRules.Key(keys.User), keys.User, keys.Agreement, keys.Signing, keys.Signature, StoreRows.Ticks(keys.Updated));

    public void Dispose()
    {
        foreach (SqliteCommand command in _all)
        {
            command.Dispose();
        }
        Backlog.Dispose();
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static int Run(SqliteCommand command, params object[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command.ExecuteNonQuery();
    }
}
