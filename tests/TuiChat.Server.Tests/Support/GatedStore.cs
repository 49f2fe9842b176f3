using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Support;

/// <summary>An in-memory store whose message writes complete only when the test opens the gate (or fail when it says so).</summary>
public sealed class GatedStore : IChatStore
{
    private readonly InMemoryChatStore _inner = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    /// <summary>Makes every message write fail, as a full disk would.</summary>
    public void Fail() => _gate.TrySetException(new IOException("disk full"));

    public long MaxMessageId() => _inner.MaxMessageId();

    public AccountRecord? FindAccount(string user) => _inner.FindAccount(user);

    public bool TryAddAccount(AccountRecord account) => _inner.TryAddAccount(account);

    public async Task AppendMessageAsync(StoredMessage message, string? offlineRecipient = null)
    {
        await _gate.Task;
        await _inner.AppendMessageAsync(message, offlineRecipient);
    }

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
