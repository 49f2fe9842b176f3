using TuiChat.Server.Storage;
using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Tests.Storage;

/// <summary>
/// The PostgreSQL store, like SQLite's (<see cref="CommitDelayTests"/>), has lines delivered before
/// their commit: the history read meanwhile includes them, once, and a stop commits them.
/// </summary>
public sealed class PostgresCommitDelayTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private TestSchema? _schema;

    public void Dispose() => _schema?.Dispose();

    private PostgresChatStore Open(TimeSpan commitDelay)
    {
        _schema ??= TestPostgres.CreateSchema();
        return PostgresChatStore.Open(_schema.ConnectionString, passwordVariable: null, commitDelay);
    }

    [SkippableFact]
    public void LinesInTheirCommitDelay_AreInEveryHistoryRead_AfterTheCommittedOnes()
    {
        using (PostgresChatStore first = Open(TimeSpan.Zero))
        {
            first.AppendMessageAsync(new StoredMessage(1, T0, "#a", "alice", "#a", "committed")).Wait(TimeSpan.FromSeconds(30));
        }
        using PostgresChatStore store = Open(TimeSpan.FromMinutes(10));

        store.AppendMessageAsync(new StoredMessage(2, T0, "#a", "bob", "#a", "delivered, not committed"));
        store.AppendMessageAsync(new StoredMessage(3, T0, "#b", "bob", "#b", "another room"));

        Assert.Equal(["committed", "delivered, not committed"], store.History("#a", null, 10).Select(m => m.Text));
        Assert.Equal(["committed"], store.History("#a", 2, 10).Select(m => m.Text));
        Assert.Equal(["delivered, not committed"], store.After("#a", 1, 10).Select(m => m.Text));
        Assert.Equal(["delivered, not committed"], store.FirstAfter("#a", 1, 10).Select(m => m.Text));
        Assert.Equal(["another room"], store.History("#b", null, 10).Select(m => m.Text));
    }

    [SkippableFact]
    public void AFileOfferInItsCommitDelay_IsInTheHistory()
    {
        using PostgresChatStore store = Open(TimeSpan.FromMinutes(10));
        var offer = new FileRecord("f1", "alice", "#a", "#a", "fotos-praia.zip", 1234, new string('0', 64), T0, MsgId: 7);

        store.AddFileAsync(offer);

        StoredMessage line = Assert.Single(store.History("#a", null, 10));
        Assert.Equal((7L, "f1"), (line.MsgId, line.FileId));
    }

    [SkippableFact]
    public async Task Stopping_DuringTheDelay_CommitsTheLine_AndTheHistoryHasItOnce()
    {
        Task append;
        using (PostgresChatStore store = Open(TimeSpan.FromMinutes(10)))
        {
            append = store.AppendMessageAsync(new StoredMessage(1, T0, "#a", "alice", "#a", "said just before the stop"));
        }

        await append.WaitAsync(TimeSpan.FromSeconds(30));
        using PostgresChatStore reopened = Open(TimeSpan.FromMinutes(10));
        Assert.Equal(["said just before the stop"], reopened.History("#a", null, 10).Select(m => m.Text));
    }
}
