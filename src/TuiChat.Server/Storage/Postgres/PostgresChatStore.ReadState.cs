using Npgsql;
using TuiChat.Protocol;

namespace TuiChat.Server.Storage.Postgres;

/// <summary>Read positions, direct-conversation lists, remembered rooms, last-seen times and search (issue 13).</summary>
public sealed partial class PostgresChatStore
{
    public IReadOnlyList<StoredMessage> After(string conversation, long afterMsgId, int limit) => Above(conversation, afterMsgId, limit, newest: true);

    public IReadOnlyList<StoredMessage> FirstAfter(string conversation, long afterMsgId, int limit) => Above(conversation, afterMsgId, limit, newest: false);

    /// <summary>The newest or the oldest <paramref name="limit"/> lines with an id above <paramref name="afterMsgId"/>, oldest first.</summary>
    private IReadOnlyList<StoredMessage> Above(string conversation, long afterMsgId, int limit, bool newest)
    {
        if (limit <= 0)
        {
            return [];
        }
        return _uncommitted.Merge(conversation, () =>
        {
            List<StoredMessage> lines = Read(connection => StoreRows.ReadAll(
                Command(connection, $"SELECT {StoreRows.MessageColumns} FROM messages m WHERE m.conversation = $1 AND m.msg_id > $2 ORDER BY m.msg_id {(newest ? "DESC" : "ASC")} LIMIT $3",
                    conversation, afterMsgId, limit),
                StoreRows.Message));
            if (newest)
            {
                lines.Reverse();
            }
            return lines;
        }, msgId => msgId > afterMsgId, limit, oldest: !newest);
    }

    /// <summary>
    /// The GIN index on each line's words finds the lines holding them (<c>'word'</c>, or <c>'pre':*</c>
    /// for a prefix); the conversation is checked exactly in the same query, newest first.
    /// </summary>
    public IReadOnlyList<StoredMessage> Search(IReadOnlyList<string> words, IReadOnlyCollection<string> conversations, string directIdentity, long? before, int limit)
    {
        if (limit <= 0 || words.Count == 0)
        {
            return [];
        }
        // Words are letters and digits only (SearchWords): quoted as they are, they need no escaping.
        string query = string.Join(" & ", words.Select(w => w.EndsWith('*') ? $"'{w[..^1]}':*" : $"'{w}'"));
        return Read(connection => StoreRows.ReadAll(
            Command(connection, $"""
                SELECT {StoreRows.MessageColumns} FROM messages m
                WHERE m.search @@ $1::tsquery AND m.msg_id < $2
                  AND (m.conversation = ANY($3) OR starts_with(m.conversation, $4) OR (starts_with(m.conversation, '@') AND right(m.conversation, length($5)) = $5))
                ORDER BY m.msg_id DESC LIMIT $6
                """, query, before ?? long.MaxValue, conversations.ToArray(), "@" + directIdentity + "|", "|" + directIdentity, limit),
            StoreRows.Message));
    }

    public IReadOnlyList<DirectRecord> DirectConversations(string identity, int limit) =>
        Read(connection => StoreRows.ReadAll(
            Command(connection, "SELECT conversation, peer, last_msg_id FROM direct_conversations WHERE identity = $1 ORDER BY last_msg_id DESC LIMIT $2", identity, limit),
            r => new DirectRecord(r.GetString(0), r.GetString(1), r.GetInt64(2))));

    public IReadOnlyDictionary<string, long> ReadPositions(string identity) =>
        Read(connection => StoreRows.ReadAll(
                Command(connection, "SELECT conversation, msg_id FROM read_positions WHERE identity = $1", identity),
                r => (Conversation: r.GetString(0), MsgId: r.GetInt64(1)))
            .ToDictionary(p => p.Conversation, p => p.MsgId, StringComparer.Ordinal));

    public Task SetReadPositionAsync(string identity, string conversation, long msgId) =>
        _writer.Write(commands => commands.SetReadPosition(identity, conversation, msgId));

    public IReadOnlyList<RoomRecord> LoadRooms() =>
        Read(connection => StoreRows.ReadWithMembers(
            Command(connection, "SELECT r.room_key, m.member, r.room, r.topic, r.operator, r.conversation FROM rooms r LEFT JOIN room_members m ON m.room_key = r.room_key ORDER BY r.room_key, m.position"),
            (r, members) => new RoomRecord(r.GetString(2), r.GetString(3), r.GetString(4), members, r.GetString(5))));

    public Task SaveRoomAsync(RoomRecord room) =>
        _writer.Write(commands => commands.SaveRoom(room));

    public Task DeleteRoomAsync(string room) =>
        _writer.Write(commands => commands.DeleteRoom(room));

    public Task SetLastSeenAsync(string user, DateTimeOffset time) =>
        _writer.Write(commands => commands.SetLastSeen(user, time));

    public DateTimeOffset? LastSeen(string user) =>
        Read(connection => Command(connection, "SELECT last_seen FROM accounts WHERE user_key = $1", NameRules.Key(user)).ExecuteScalar() is long ticks
            ? StoreRows.Time(ticks)
            : (DateTimeOffset?)null);
}
