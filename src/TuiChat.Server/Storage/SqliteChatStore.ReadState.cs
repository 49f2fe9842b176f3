using Microsoft.Data.Sqlite;
using TuiChat.Protocol;

namespace TuiChat.Server.Storage;

/// <summary>Read positions, direct-conversation lists, remembered rooms, last-seen times and search (issue 13).</summary>
public sealed partial class SqliteChatStore
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

        return _uncommitted.Merge(conversation, () => Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText =
                $"SELECT {StoreRows.MessageColumns} FROM messages m WHERE m.conversation = $conversation AND m.msg_id > $after ORDER BY m.msg_id {(newest ? "DESC" : "ASC")} LIMIT $limit";
            command.Parameters.AddWithValue("$conversation", conversation);
            command.Parameters.AddWithValue("$after", afterMsgId);
            command.Parameters.AddWithValue("$limit", limit);
            List<StoredMessage> lines = StoreRows.ReadAll(command, StoreRows.Message);
            if (newest)
            {
                lines.Reverse();
            }
            return lines;
        }), msgId => msgId > afterMsgId, limit, oldest: !newest);
    }

    /// <summary>A prefix that starts at most this many words is asked as those words (FTS5 merges them lazily).</summary>
    private const int MaxPrefixExpansion = 32;

    /// <summary>
    /// Asks the full-text index for the lines holding the words among the caller's conversations'
    /// lines (the <c>conv</c> tokens, <see cref="SearchWords.ToFtsQuery"/>) newest first, FTS5 serving
    /// <c>ORDER BY rowid DESC</c> from the index; then checks each line's conversation exactly.
    /// A prefix longer than the prefix indexes (1–3 characters) would make FTS5 build the merged list
    /// of every line of every word it starts before returning the first: it is asked as the OR of
    /// those words instead (<see cref="ExpandPrefix"/>), which FTS5 walks lazily.
    /// Lines wait in a backlog for the index (<see cref="SqliteSearchBacklog"/>): the writer indexes
    /// it first, after every write queued before this search, so every line stored (or queued, by
    /// this caller, before it searched) is found.
    /// </summary>
    public IReadOnlyList<StoredMessage> Search(IReadOnlyList<string> words, IReadOnlyCollection<string> conversations, string directIdentity, long? before, int limit)
    {
        if (limit <= 0 || words.Count == 0)
        {
            return [];
        }

        _writer.Write(commands => commands.Backlog.Index()).GetAwaiter().GetResult();

        return Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            var names = new List<string>(conversations.Count);
            foreach (string conversation in conversations)
            {
                string name = "$c" + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                names.Add(name);
                command.Parameters.AddWithValue(name, conversation);
            }
            string inList = names.Count == 0 ? "" : $"m.conversation IN ({string.Join(", ", names)}) OR ";
            command.CommandText =
                $"SELECT {StoreRows.MessageColumns} FROM messages_fts s JOIN messages m ON m.msg_id = s.rowid " +
                "WHERE messages_fts MATCH $match AND s.rowid < $before " +
                $"AND ({inList}substr(m.conversation, 1, length($directPrefix)) = $directPrefix " +
                "OR (substr(m.conversation, 1, 1) = '@' AND substr(m.conversation, -length($directSuffix)) = $directSuffix)) " +
                "ORDER BY s.rowid DESC LIMIT $limit";
            var terms = new List<string>(words.Count);
            foreach (string word in words)
            {
                string? term = word.EndsWith('*') && word.Length > 4 ? ExpandPrefix(connection, word[..^1]) : SearchWords.Term(word);
                if (term is null)
                {
                    return [];
                }
                terms.Add(term);
            }
            IEnumerable<string> tokens = conversations.Select(SearchWords.RoomToken).Append(SearchWords.DirectToken(directIdentity));
            command.Parameters.AddWithValue("$match", SearchWords.ToFtsQuery(terms, tokens));
            command.Parameters.AddWithValue("$before", before ?? long.MaxValue);
            command.Parameters.AddWithValue("$directPrefix", "@" + directIdentity + "|");
            command.Parameters.AddWithValue("$directSuffix", "|" + directIdentity);
            command.Parameters.AddWithValue("$limit", limit);
            return StoreRows.ReadAll(command, StoreRows.Message);
        });
    }

    /// <summary>The words of the index that <paramref name="stem"/> starts, as one OR term; the plain prefix term when there are too many; null when none.</summary>
    private static string? ExpandPrefix(SqliteConnection connection, string stem)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT term FROM messages_fts_words WHERE term >= $stem AND term < $end LIMIT $limit";
        command.Parameters.AddWithValue("$stem", stem);
        command.Parameters.AddWithValue("$end", stem + char.ConvertFromUtf32(0x10FFFF));
        command.Parameters.AddWithValue("$limit", MaxPrefixExpansion + 1);
        List<string> words = StoreRows.ReadAll(command, r => r.GetString(0));
        return words.Count == 0 ? null
            : words.Count > MaxPrefixExpansion ? SearchWords.Term(stem + "*")
            : SearchWords.AnyOf(words);
    }

    public IReadOnlyList<DirectRecord> DirectConversations(string identity, int limit) =>
        Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText =
                "SELECT conversation, peer, last_msg_id FROM direct_conversations WHERE identity = $identity ORDER BY last_msg_id DESC LIMIT $limit";
            command.Parameters.AddWithValue("$identity", identity);
            command.Parameters.AddWithValue("$limit", limit);
            return StoreRows.ReadAll(command, r => new DirectRecord(r.GetString(0), r.GetString(1), r.GetInt64(2)));
        });

    public IReadOnlyDictionary<string, long> ReadPositions(string identity) =>
        Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT conversation, msg_id FROM read_positions WHERE identity = $identity";
            command.Parameters.AddWithValue("$identity", identity);
            return (IReadOnlyDictionary<string, long>)StoreRows.ReadAll(command, r => (Conversation: r.GetString(0), MsgId: r.GetInt64(1)))
                .ToDictionary(p => p.Conversation, p => p.MsgId, StringComparer.Ordinal);
        });

    public Task SetReadPositionAsync(string identity, string conversation, long msgId) =>
        _writer.Write(commands => commands.SetReadPosition(identity, conversation, msgId));

    public IReadOnlyList<RoomRecord> LoadRooms() =>
        Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText =
                "SELECT r.room_key, m.member, r.room, r.topic, r.operator, r.conversation FROM rooms r LEFT JOIN room_members m ON m.room_key = r.room_key ORDER BY r.room_key, m.position";
            return StoreRows.ReadWithMembers(command, (r, members) => new RoomRecord(r.GetString(2), r.GetString(3), r.GetString(4), members, r.GetString(5)));
        });

    public Task SaveRoomAsync(RoomRecord room) =>
        _writer.Write(commands => commands.SaveRoom(room));

    public Task DeleteRoomAsync(string room) =>
        _writer.Write(commands => commands.DeleteRoom(room));

    public Task SetLastSeenAsync(string user, DateTimeOffset time) =>
        _writer.Write(commands => commands.SetLastSeen(user, time));

    public DateTimeOffset? LastSeen(string user) =>
        Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT last_seen FROM accounts WHERE user_key = $key";
            command.Parameters.AddWithValue("$key", NameRules.Key(user));
            return command.ExecuteScalar() is long ticks ? StoreRows.Time(ticks) : (DateTimeOffset?)null;
        });
}
