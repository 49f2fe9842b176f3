using System.Diagnostics;
using TuiChat.Server.Storage;
using Xunit.Abstractions;

namespace TuiChat.Server.Tests.Storage;

/// <summary>The single writer batches concurrent writes, acks after COMMIT, and never blocks readers.</summary>
public sealed class SqliteGroupCommitTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ConcurrentAppends_AllCommitExactlyOnce_InFewerTransactionsThanMessages()
    {
        const int threads = 8;
        const int perThread = 1_000;
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path);
        long batchesBefore = store.CommittedBatches;
        long nextId = 0;
        using var start = new Barrier(threads);

        var clock = Stopwatch.StartNew();
        Task[] senders = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            var acks = new Task[perThread];
            for (int i = 0; i < perThread; i++)
            {
                long id = Interlocked.Increment(ref nextId);
                acks[i] = store.AppendMessageAsync(new StoredMessage(id, T0, "#load", $"user{t}", "#load", $"message {id}"));
            }

            return Task.WhenAll(acks);
        }, TaskCreationOptions.LongRunning).Unwrap()).ToArray();
        await Task.WhenAll(senders);
        clock.Stop();

        const int total = threads * perThread;
        long batches = store.CommittedBatches - batchesBefore;
        output.WriteLine($"{total} appends from {threads} threads: {batches} transactions, {total / clock.Elapsed.TotalSeconds:N0} appends/s");

        IReadOnlyList<StoredMessage> stored = store.History("#load", null, total + 10);
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), stored.Select(m => m.MsgId));
        Assert.InRange(batches, 1, total - 1);
    }

    [Fact]
    public async Task Append_CompletesOnlyAfterItsBatchCommits()
    {
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path);
        using var hold = new ManualResetEventSlim();
        Task holding = store.Writer.Enqueue(_ => hold.Wait(TimeSpan.FromSeconds(30)));
        Task append = store.AppendMessageAsync(new StoredMessage(1, T0, "#a", "alice", "#a", "hi"));

        // The writer is busy inside a transaction: nothing queued after it can have been acked.
        Assert.False(append.IsCompleted);
        hold.Set();
        await Task.WhenAll(holding, append);
        Assert.Single(store.History("#a", null, 10));
    }

    [Fact]
    public async Task OneBatch_CompletesInItsOrder_FromOneThreadThatIsNotTheWriter()
    {
        const int lines = 200;
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path);
        using var inside = new ManualResetEventSlim();
        using var hold = new ManualResetEventSlim();
        Task holding = store.Writer.Enqueue(_ =>
        {
            inside.Set();
            return hold.Wait(TimeSpan.FromSeconds(30));
        });
        Assert.True(inside.Wait(TimeSpan.FromSeconds(30)), "the writer took the holding operation");
        // Queued while the writer is busy: the next batch holds all of them.
        var completions = new System.Collections.Concurrent.ConcurrentQueue<(int Line, int Thread, string? Name)>();
        Task[] acks = Enumerable.Range(1, lines).Select(i =>
            store.AppendMessageAsync(new StoredMessage(i, T0, "#a", "alice", "#a", $"line {i}")).ContinueWith(
                _ => completions.Enqueue((i, Environment.CurrentManagedThreadId, Thread.CurrentThread.Name)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)).ToArray();
        long batchesBefore = store.CommittedBatches;
        hold.Set();
        await holding;
        await Task.WhenAll(acks);

        Assert.Equal(2, store.CommittedBatches - batchesBefore);
        Assert.Equal(Enumerable.Range(1, lines), completions.Select(c => c.Line));
        Assert.Single(completions.Select(c => c.Thread).Distinct());
        Assert.NotEqual("sqlite-writer", completions.First().Name);
    }

    [Fact]
    public async Task Reads_DoNotWaitForAnOpenWriteTransaction_AndSeeOnlyCommittedRows()
    {
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path);
        await store.AppendMessageAsync(new StoredMessage(1, T0, "#a", "alice", "#a", "committed"));

        // A large batch that stays open: 20,000 rows written, COMMIT held back until we say so.
        using var written = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Task bigBatch = store.Writer.Enqueue(commands =>
        {
            for (long id = 2; id <= 20_001; id++)
            {
                commands.InsertMessage(new StoredMessage(id, T0, "#a", "bob", "#a", "uncommitted"), null);
            }

            written.Set();
            release.Wait();
            return true;
        });
        try
        {
            Assert.True(written.Wait(TimeSpan.FromSeconds(30)), "the writer never started the batch");

            // If reads waited for the writer this would hang until release; run it with a deadline.
            Task<IReadOnlyList<StoredMessage>> read = Task.Run(() => store.History("#a", null, 50));
            Task<long> max = Task.Run(store.MaxMessageId);
            await Task.WhenAll(read, max).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(["committed"], (await read).Select(m => m.Text));
            Assert.Equal(1, await max);
        }
        finally
        {
            release.Set();
        }

        await bigBatch;
        Assert.Equal(20_001, store.MaxMessageId());
    }
}
