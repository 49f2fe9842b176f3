using TuiChat.Protocol;

namespace TuiChat.Server.Storage;

/// <summary>
/// An <see cref="IChatStore"/> that keeps everything in memory: for tests, and for running the
/// server before the SQLite store is wired in. Nothing survives the process. Thread-safe.
/// </summary>
public sealed class InMemoryChatStore : IChatStore
{
    private readonly Lock _gate = new();

    public string Description => "in memory";
    private readonly Dictionary<string, AccountRecord> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountRecord> _accountsBySkeleton = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredMessage>> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<QueuedMessage>> _offlineMessages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<QueuedFile>> _offlineFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileRecord> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupRecord> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdentityKeysRecord> _identityKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoomRecord> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _readPositions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DirectRecord>> _directs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private long _maxMessageId;
    private long _lastQueueSeq;

    private readonly LocalMessageIds _ids;

    public InMemoryChatStore() => _ids = new LocalMessageIds(MaxMessageId);

    public bool Disposed { get; private set; }

    public long MaxMessageId()
    {
        lock (_gate)
        {
            return _maxMessageId;
        }
    }

    public MessageIdBlock ReserveMessageIds() => _ids.Reserve();

    public AccountRecord? FindAccount(string user)
    {
        lock (_gate)
        {
            return _accounts.GetValueOrDefault(NameRules.Key(user)) ?? _accountsBySkeleton.GetValueOrDefault(NameRules.Skeleton(user));
        }
    }

    public bool TryAddAccount(AccountRecord account)
    {
        lock (_gate)
        {
            string skeleton = NameRules.Skeleton(account.User);
            if (_accountsBySkeleton.ContainsKey(skeleton) || !_accounts.TryAdd(NameRules.Key(account.User), account))
            {
                return false;
            }
            _accountsBySkeleton[skeleton] = account;
            return true;
        }
    }

    public Task AppendMessageAsync(StoredMessage message, string? offlineRecipient = null)
    {
        lock (_gate)
        {
            AppendLocked(message, offlineRecipient);
        }
        return Task.CompletedTask;
    }

    private void AppendLocked(StoredMessage message, string? offlineRecipient)
    {
        List<StoredMessage> list = ListFor(_conversations, message.Conversation);
        // Ids are assigned in order but may arrive slightly out of order from different threads.
        int at = list.Count;
        while (at > 0 && list[at - 1].MsgId > message.MsgId)
        {
            at--;
        }
        list.Insert(at, message);
        _maxMessageId = Math.Max(_maxMessageId, message.MsgId);
        if (offlineRecipient is not null)
        {
            ListFor(_offlineMessages, NameRules.Key(offlineRecipient)).Add(new QueuedMessage(++_lastQueueSeq, message));
        }
        foreach ((string identity, string peer) in Conversations.DirectSides(message))
        {
            Dictionary<string, DirectRecord> directs = MapFor(_directs, identity);
            if (!directs.TryGetValue(message.Conversation, out DirectRecord? known) || known.LastMsgId < message.MsgId)
            {
                directs[message.Conversation] = new DirectRecord(message.Conversation, peer, message.MsgId);
            }
        }
    }

    public IReadOnlyList<StoredMessage> After(string conversation, long afterMsgId, int limit)
    {
        lock (_gate)
        {
            if (!_conversations.TryGetValue(conversation, out List<StoredMessage>? list))
            {
                return [];
            }
            List<StoredMessage> after = list.FindAll(m => m.MsgId > afterMsgId);
            return after.GetRange(Math.Max(0, after.Count - limit), Math.Min(limit, after.Count));
        }
    }

    public IReadOnlyList<StoredMessage> FirstAfter(string conversation, long afterMsgId, int limit)
    {
        lock (_gate)
        {
            return _conversations.TryGetValue(conversation, out List<StoredMessage>? list)
                ? [.. list.Where(m => m.MsgId > afterMsgId).Take(limit)]
                : [];
        }
    }

    public IReadOnlyList<StoredMessage> Search(IReadOnlyList<string> words, IReadOnlyCollection<string> conversations, string directIdentity, long? before, int limit)
    {
        lock (_gate)
        {
            return _conversations
                .Where(c => conversations.Contains(c.Key) || Conversations.IsDirectOf(c.Key, directIdentity))
                .SelectMany(c => c.Value)
                .Where(m => m.MsgId < (before ?? long.MaxValue) && SearchWords.Matches(m.Text, words))
                .OrderByDescending(m => m.MsgId)
                .Take(limit)
                .ToList();
        }
    }

    public IReadOnlyList<DirectRecord> DirectConversations(string identity, int limit)
    {
        lock (_gate)
        {
            return _directs.TryGetValue(identity, out Dictionary<string, DirectRecord>? directs)
                ? directs.Values.OrderByDescending(d => d.LastMsgId).Take(limit).ToList()
                : [];
        }
    }

    public IReadOnlyDictionary<string, long> ReadPositions(string identity)
    {
        lock (_gate)
        {
            return _readPositions.TryGetValue(identity, out Dictionary<string, long>? positions)
                ? new Dictionary<string, long>(positions, StringComparer.Ordinal)
                : new Dictionary<string, long>(StringComparer.Ordinal);
        }
    }

    public Task SetReadPositionAsync(string identity, string conversation, long msgId)
    {
        lock (_gate)
        {
            Dictionary<string, long> positions = MapFor(_readPositions, identity);
            positions[conversation] = Math.Max(msgId, positions.GetValueOrDefault(conversation));
        }
        return Task.CompletedTask;
    }

    public IReadOnlyList<StoredMessage> History(string conversation, long? before, int limit)
    {
        lock (_gate)
        {
            if (!_conversations.TryGetValue(conversation, out List<StoredMessage>? list))
            {
                return [];
            }
            int end = list.Count;
            while (before is not null && end > 0 && list[end - 1].MsgId >= before)
            {
                end--;
            }
            int start = Math.Max(0, end - limit);
            return list.GetRange(start, end - start);
        }
    }

    public IReadOnlyList<QueuedMessage> PeekOfflineMessages(string user, long afterSeq, int limit) =>
        Peek(_offlineMessages, user, m => m.Seq > afterSeq, limit);

    public IReadOnlyList<QueuedFile> PeekOfflineFiles(string user, long afterSeq, int limit) =>
        Peek(_offlineFiles, user, f => f.Seq > afterSeq, limit);

    public Task ForgetOfflineAsync(string user, long throughMessageSeq, long throughFileSeq)
    {
        lock (_gate)
        {
            string key = NameRules.Key(user);
            ListFor(_offlineMessages, key).RemoveAll(m => m.Seq <= throughMessageSeq);
            ListFor(_offlineFiles, key).RemoveAll(f => f.Seq <= throughFileSeq);
        }
        return Task.CompletedTask;
    }

    public Task AddFileAsync(FileRecord file, string? offlineRecipient = null)
    {
        lock (_gate)
        {
            _files[file.FileId] = file;
            if (file.MsgId > 0)
            {
                AppendLocked(file.ToHistoryLine(), offlineRecipient: null);
            }
            if (offlineRecipient is not null)
            {
                ListFor(_offlineFiles, NameRules.Key(offlineRecipient)).Add(new QueuedFile(++_lastQueueSeq, file));
            }
        }
        return Task.CompletedTask;
    }

    public FileRecord? FindFile(string fileId)
    {
        lock (_gate)
        {
            return _files.GetValueOrDefault(fileId);
        }
    }

    public IReadOnlyList<GroupRecord> LoadGroups()
    {
        lock (_gate)
        {
            return [.. _groups.Values];
        }
    }

    public Task SaveGroupAsync(GroupInfo group)
    {
        lock (_gate)
        {
            string key = NameRules.Key(group.Room);
            _groups[key] = new GroupRecord(group.Room, group.Owner, group.Topic, _groups.GetValueOrDefault(key)?.Members ?? [], group.Conversation);
        }
        return Task.CompletedTask;
    }

    public Task AddGroupMemberAsync(string room, string member)
    {
        lock (_gate)
        {
            if (_groups.GetValueOrDefault(NameRules.Key(room)) is { } group && !group.Members.Any(m => NameRules.Key(m) == NameRules.Key(member)))
            {
                _groups[NameRules.Key(room)] = group with { Members = [.. group.Members, member] };
            }
        }
        return Task.CompletedTask;
    }

    public Task RemoveGroupMemberAsync(string room, string member)
    {
        lock (_gate)
        {
            if (_groups.GetValueOrDefault(NameRules.Key(room)) is { } group)
            {
                _groups[NameRules.Key(room)] = group with { Members = [.. group.Members.Where(m => NameRules.Key(m) != NameRules.Key(member))] };
            }
        }
        return Task.CompletedTask;
    }

    public Task DeleteGroupAsync(string room)
    {
        lock (_gate)
        {
            _groups.Remove(NameRules.Key(room));
        }
        return Task.CompletedTask;
    }

    public IReadOnlyList<RoomRecord> LoadRooms()
    {
        lock (_gate)
        {
            return [.. _rooms.Values];
        }
    }

    public Task SaveRoomAsync(RoomRecord room)
    {
        lock (_gate)
        {
            _rooms[NameRules.Key(room.Room)] = room;
        }
        return Task.CompletedTask;
    }

    public Task DeleteRoomAsync(string room)
    {
        lock (_gate)
        {
            _rooms.Remove(NameRules.Key(room));
        }
        return Task.CompletedTask;
    }

    public Task SetLastSeenAsync(string user, DateTimeOffset time)
    {
        lock (_gate)
        {
            _lastSeen[NameRules.Key(user)] = time;
        }
        return Task.CompletedTask;
    }

    public DateTimeOffset? LastSeen(string user)
    {
        lock (_gate)
        {
            return _lastSeen.TryGetValue(NameRules.Key(user), out DateTimeOffset time) ? time : null;
        }
    }

    public Task PutIdentityKeysAsync(IdentityKeysRecord keys)
    {
        lock (_gate)
        {
            _identityKeys[NameRules.Key(keys.User)] = keys;
        }
        return Task.CompletedTask;
    }

    public IdentityKeysRecord? FindIdentityKeys(string user)
    {
        lock (_gate)
        {
            return _identityKeys.GetValueOrDefault(NameRules.Key(user));
        }
    }

    public void Dispose() => Disposed = true;

    private List<T> Peek<T>(Dictionary<string, List<T>> lists, string user, Predicate<T> after, int limit)
    {
        lock (_gate)
        {
            return lists.TryGetValue(NameRules.Key(user), out List<T>? list) ? list.FindAll(after).Take(limit).ToList() : [];
        }
    }

    private static Dictionary<string, T> MapFor<T>(Dictionary<string, Dictionary<string, T>> maps, string key)
    {
        if (!maps.TryGetValue(key, out Dictionary<string, T>? map))
        {
            maps[key] = map = new(StringComparer.Ordinal);
        }
        return map;
    }

    private static List<T> ListFor<T>(Dictionary<string, List<T>> lists, string key)
    {
        if (!lists.TryGetValue(key, out List<T>? list))
        {
            lists[key] = list = [];
        }
        return list;
    }
}
