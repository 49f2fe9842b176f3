using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Support;

/// <summary>An in-memory store whose message writes complete only when the test opens the gate (or fail when it says so).</summary>
public sealed class GatedStore : InMemoryStoreWrapper
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    /// <summary>Makes every message write fail, as a full disk would.</summary>
    public void Fail() => _gate.TrySetException(new IOException("disk full"));

    public override async Task AppendMessageAsync(StoredMessage message, string? offlineRecipient = null)
    {
        await _gate.Task;
        await Inner.AppendMessageAsync(message, offlineRecipient);
    }
}
