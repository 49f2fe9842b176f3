using System.Diagnostics;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Storage;

/// <summary>
/// At a moderate rate every line would come alone and pay a whole commit (an fsync with the
/// default durability): a lone line waits the commit delay for others to share its commit, and a
/// stop does not wait for the delay or lose the line.
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

    [Fact]
    public void ALineInItsCommitDelay_IsInTheHistoryReadRightAfter_WithoutWaitingTheDelay()
    {
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path, SqliteSync.Full, TimeSpan.FromMinutes(10));
        store.AppendMessageAsync(new StoredMessage(1, T0, "#a", "alice", "#a", "delivered already"));
        var clock = Stopwatch.StartNew();

        // The server delivered the line to the room before its commit: a member who joins now did
        // not get it live, and must find it in the history (and through IRC's chathistory).
        Assert.Equal(["delivered already"], store.History("#a", null, 10).Select(m => m.Text));
        store.AppendMessageAsync(new StoredMessage(2, T0, "#a", "bob", "#a", "and this one"));
        Assert.Equal(["and this one"], store.After("#a", 1, 10).Select(m => m.Text));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"read after {clock.Elapsed.TotalSeconds:0} s");
    }

    [Fact]
    public void AFileOfferInItsCommitDelay_IsInTheHistoryReadRightAfter()
    {
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path, SqliteSync.Full, TimeSpan.FromMinutes(10));
        var offer = new FileRecord("f1", "alice", "#a", "#a", "fotos-praia.zip", 1234, new string('0', 64), T0, MsgId: 7);

        store.AddFileAsync(offer);

        StoredMessage line = Assert.Single(store.History("#a", null, 10));
        Assert.Equal((7L, "f1"), (line.MsgId, line.FileId));
    }

    [Fact]
    public async Task Stopping_DuringTheDelay_CommitsTheLineAtOnce()
    {
        Task append;
        var clock = Stopwatch.StartNew();
        using (SqliteChatStore store = SqliteChatStore.Open(_data.Path, SqliteSync.Full, TimeSpan.FromMinutes(10)))
        {
            append = store.AppendMessageAsync(new StoredMessage(1, T0, "#a", "alice", "#a", "said just before the stop"));
        }

        await append.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1));
        using SqliteChatStore reopened = SqliteChatStore.Open(_data.Path);
        Assert.Equal(["said just before the stop"], reopened.History("#a", null, 10).Select(m => m.Text));
    }
}
