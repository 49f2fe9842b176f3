using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Storage;

/// <summary>
/// The lines a store holds for readers between delivery and commit: each is read as history while
/// its commit runs, and let go when the commit ends, whichever way, so that a busy server does not
/// keep every line it ever carried.
/// </summary>
public sealed class UncommittedLinesTests
{
    private static readonly DateTimeOffset Ts = new(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ALine_IsReadUntilItsCommitEnds_CommittedOrFailed()
    {
        var lines = new UncommittedLines();
        var committed = new TaskCompletionSource();
        var failed = new TaskCompletionSource();
        lines.Track(new StoredMessage(1, Ts, "#sala", "ana", "#sala", "olá"), committed.Task);
        lines.Track(new StoredMessage(2, Ts, "#sala", "bob", "#sala", "hi"), failed.Task);
        Assert.Equal([1L, 2L], Pending());

        committed.SetResult();
        Assert.Equal([2L], Pending());

        failed.SetException(new IOException("disk full"));
        Assert.Empty(Pending());

        long[] Pending() => [.. lines.Merge("#sala", () => [], _ => true, limit: 10).Select(line => line.MsgId)];
    }
}
