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

    public Task SaveGroupAsync(GroupRecord group)
    {
        lock (_gate)
        {
            _groups[NameRules.Key(group.Room)] = group;
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

    private static List<T> ListFor<T>(Dictionary<string, List<T>> lists, string key)
    {
        if (!lists.TryGetValue(key, out List<T>? list))
        {
            lists[key] = list = [];
        }
        return list;
    }
}
