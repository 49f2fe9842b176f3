using System.Diagnostics;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Storage;

/// <summary>
/// A single server delivers a line before its commit, so every store with a commit delay keeps
/// the lines (and file offers) it was handed until their commit ends: a history read meanwhile
/// includes them, once and without waiting for the delay, and a stop commits them.
/// </summary>
public abstract class UncommittedHistoryContractTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LongDelay = TimeSpan.FromMinutes(10);

    public abstract void Dispose();

    /// <summary>The store over the same data on every call, each line waiting <paramref name="commitDelay"/> for its commit.</summary>
    protected abstract IChatStore Open(TimeSpan commitDelay);

    [SkippableFact]
    public void LinesInTheirCommitDelay_AreInEveryHistoryRead_AfterTheCommittedOnes_WithoutWaitingTheDelay()
    {
        using (IChatStore first = Open(TimeSpan.Zero))
        {
            first.AppendMessageAsync(new StoredMessage(1, T0, "#a", "alice", "#a", "committed")).Wait(TimeSpan.FromSeconds(30));
        }
        using IChatStore store = Open(LongDelay);
        var clock = Stopwatch.StartNew();

        // The server delivered these to their rooms already: a member who joins now did not get
        // them live, and must find them in the history (and through IRC's chathistory).
        store.AppendMessageAsync(new StoredMessage(2, T0, "#a", "bob", "#a", "delivered, not committed"));
        store.AppendMessageAsync(new StoredMessage(3, T0, "#b", "bob", "#b", "another room"));

        Assert.Equal(["committed", "delivered, not committed"], store.History("#a", null, 10).Select(m => m.Text));
        Assert.Equal(["committed"], store.History("#a", 2, 10).Select(m => m.Text));
        Assert.Equal(["delivered, not committed"], store.After("#a", 1, 10).Select(m => m.Text));
        Assert.Equal(["delivered, not committed"], store.FirstAfter("#a", 1, 10).Select(m => m.Text));
        Assert.Equal(["another room"], store.History("#b", null, 10).Select(m => m.Text));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"read after {clock.Elapsed.TotalSeconds:0} s");
    }

    [SkippableFact]
    public void AFileOfferInItsCommitDelay_IsInTheHistory()
    {
        using IChatStore store = Open(LongDelay);
        var offer = new FileRecord("f1", "alice", "#a", "#a", "fotos-praia.zip", 1234, new string('0', 64), T0, MsgId: 7);

        store.AddFileAsync(offer);

        StoredMessage line = Assert.Single(store.History("#a", null, 10));
        Assert.Equal((7L, "f1"), (line.MsgId, line.FileId));
    }

    [SkippableFact]
    public async Task Stopping_DuringTheDelay_CommitsTheLineAtOnce_AndTheHistoryHasItOnce()
    {
        Task append;
        var clock = Stopwatch.StartNew();
        using (IChatStore store = Open(LongDelay))
        {
            append = store.AppendMessageAsync(new StoredMessage(1, T0, "#a", "alice", "#a", "said just before the stop"));
        }

        await append.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1));
        using IChatStore reopened = Open(LongDelay);
        Assert.Equal(["said just before the stop"], reopened.History("#a", null, 10).Select(m => m.Text));
    }
}

/// <summary><see cref="UncommittedHistoryContractTests"/> for SQLite, the single server's store.</summary>
public sealed class SqliteUncommittedHistoryTests : UncommittedHistoryContractTests
{
    private readonly TempDataFolder _data = new();

    public override void Dispose() => _data.Dispose();

    protected override IChatStore Open(TimeSpan commitDelay) => SqliteChatStore.Open(_data.Path, SqliteSync.Full, commitDelay);
}
