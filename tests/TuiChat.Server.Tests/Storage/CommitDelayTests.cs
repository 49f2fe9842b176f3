using System.Diagnostics;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Storage;

/// <summary>
/// At a moderate rate every line would come alone and pay a whole commit (an fsync with the
/// default durability): a lone line waits the commit delay for others to share its commit. What
/// the lines in their delay look like to readers, and a stop, is <see cref="UncommittedHistoryContractTests"/>.
/// </summary>
public sealed class CommitDelayTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ALoneLine_IsCommittedAfterTheDelay()
    {
        TimeSpan delay = TimeSpan.FromSeconds(1);
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path, SqliteSync.Full, delay);

        var clock = Stopwatch.StartNew();
        await store.AppendMessageAsync(new StoredMessage(1, T0, "#a", "alice", "#a", "alone")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(clock.Elapsed >= delay - TimeSpan.FromMilliseconds(50), $"committed after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(["alone"], store.History("#a", null, 10).Select(m => m.Text));
    }

    [Fact]
    public async Task ALineThatComesDuringTheDelay_SharesTheCommit()
    {
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path, SqliteSync.Full, TimeSpan.FromSeconds(2));
        long batchesBefore = store.CommittedBatches;

        Task first = store.AppendMessageAsync(new StoredMessage(1, T0, "#a", "alice", "#a", "first"));
        // The next line comes a moment later, as at a paced rate (not a wait for anything).
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(first.IsCompleted);
        Task second = store.AppendMessageAsync(new StoredMessage(2, T0, "#a", "bob", "#a", "second"));
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, store.CommittedBatches - batchesBefore);
        Assert.Equal(["first", "second"], store.History("#a", null, 10).Select(m => m.Text));
    }
}
