using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Support;

/// <summary>
/// An in-memory store whose message writes stay pending until the test commits (or fails) each
/// one by its text, in any order.
/// </summary>
public sealed class HandCommittedStore : InMemoryStoreWrapper
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (StoredMessage Message, string? Offline, TaskCompletionSource Done)> _pending = new(StringComparer.Ordinal);

    /// <summary>Message writes started so far (committed or not).</summary>
    public int Appends { get; private set; }

    /// <summary>Makes the write of the line <paramref name="text"/> durable and completes its task.</summary>
    public async Task CommitAsync(string text)
    {
        var entry = Take(text);
        await Inner.AppendMessageAsync(entry.Message, entry.Offline);
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

    public override Task AppendMessageAsync(StoredMessage message, string? offlineRecipient = null)
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
}
