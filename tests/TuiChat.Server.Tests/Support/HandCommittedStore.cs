using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Support;

/// <summary>
/// An in-memory store whose message writes stay pending until the test commits (or fails) each
/// one by its text, in any order.
/// </summary>
public sealed class HandCommittedStore : IChatStore
{
    private readonly InMemoryChatStore _inner = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (StoredMessage Message, string? Offline, TaskCompletionSource Done)> _pending = new(StringComparer.Ordinal);

    /// <summary>Message writes started so far (committed or not).</summary>
    public int Appends { get; private set; }

    /// <summary>Makes the write of the line <paramref name="text"/> durable and completes its task.</summary>
    public async Task CommitAsync(string text)
    {
        var entry = Take(text);
        await _inner.AppendMessageAsync(entry.Message, entry.Offline);
        entry.Done.SetResult();
    }

    public void Fail(string text) => Take(text).Done.SetException(new IOException("disk full"));

    public bool IsPending(string text)
    {
        lock (_gate)
        {
            return _pending.ContainsKey(text);
        }
    }

    public Task AppendMessageAsync(StoredMessage message, string? offlineRecipient = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            Appends++;
            _pending.Add(message.Text, (message, offlineRecipient, done));
        }
        return done.Task;
    }

    private (StoredMessage Message, string? Offline, TaskCompletionSource Done) Take(string text)
    {
        lock (_gate)
        {
            _pending.Remove(text, out var entry);
            return entry;
        }
    }

    public long MaxMessageId() => _inner.MaxMessageId();

    public AccountRecord? FindAccount(string user) => _inner.FindAccount(user);

    public bool TryAddAccount(AccountRecord account) => _inner.TryAddAccount(account);

    public IReadOnlyList<StoredMessage> History(string conversation, long? before, int limit) => _inner.History(conversation, before, limit);

    public IReadOnlyList<StoredMessage> TakeOfflineMessages(string user) => _inner.TakeOfflineMessages(user);

    public Task AddFileAsync(FileRecord file, string? offlineRecipient = null) => _inner.AddFileAsync(file, offlineRecipient);

    public FileRecord? FindFile(string fileId) => _inner.FindFile(fileId);

    public IReadOnlyList<FileRecord> TakeOfflineFiles(string user) => _inner.TakeOfflineFiles(user);

    public IReadOnlyList<GroupRecord> LoadGroups() => _inner.LoadGroups();

    public Task SaveGroupAsync(GroupRecord group) => _inner.SaveGroupAsync(group);

    public Task DeleteGroupAsync(string room) => _inner.DeleteGroupAsync(room);

    public void Dispose() => _inner.Dispose();
}
