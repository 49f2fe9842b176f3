using BenchmarkDotNet.Attributes;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Bench;

/// <summary>
/// Stores chat lines through <see cref="SqliteChatStore.AppendMessageAsync"/> and waits for their
/// commit, as the server does for every line. <see cref="InFlight"/> 1 is the paced row's shape
/// (one line per transaction: at 200 lines/s the writer finds one line queued each time); 32 is
/// a burst that group commit folds into a few transactions. The time is per line.
/// </summary>
[MemoryDiagnoser]
public class StoreAppendBenchmarks
{
    private const int Rooms = 10;
    private const int LinesBefore = 20_000;
    public const int LinesPerOperation = 32;

    private string _folder = "";
    private SqliteChatStore _store = null!;
    private string[] _vocabulary = [];
    private Random _random = null!;
    private long _nextId;
    private Task[] _pending = [];

    [Params(SqliteSync.Full, SqliteSync.Normal)]
    public SqliteSync Sync { get; set; }

    [Params(1, 32)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "tuichat-store-bench-" + Guid.NewGuid().ToString("N"));
        _store = SqliteChatStore.Open(_folder, Sync);
        _random = new Random(12345);
        // Made-up words, so the index holds a realistic spread of terms rather than one repeated word.
        _vocabulary = Enumerable.Range(0, 2_000).Select(_ => MadeUpWord()).ToArray();
        _nextId = _store.MaxMessageId() + 1;
        _pending = new Task[InFlight];
        // An index that already holds lines, as a running server's does.
        var before = new Task[LinesBefore];
        for (int i = 0; i < LinesBefore; i++)
        {
            before[i] = _store.AppendMessageAsync(NextLine());
        }
        Task.WaitAll(before);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>32 lines, <see cref="InFlight"/> at a time, each group waited for before the next.</summary>
    [Benchmark(OperationsPerInvoke = LinesPerOperation)]
    public void Append()
    {
        for (int sent = 0; sent < LinesPerOperation; sent += InFlight)
        {
            for (int i = 0; i < InFlight; i++)
            {
                _pending[i] = _store.AppendMessageAsync(NextLine());
            }
            Task.WaitAll(_pending);
        }
    }

    /// <summary>
    /// Indexes every line still waiting for the full-text index, as a search does first: the
    /// <c>cpu</c> mode counts it, or the lines of the last round would be indexed after the count.
    /// </summary>
    public void IndexWaitingLines() => _store.Search(SearchWords.Parse("bench"), [Conversations.Room("#bench0")], "bench0", null, 1);

    private StoredMessage NextLine()
    {
        long id = _nextId++;
        string room = "#bench" + (id % Rooms);
        // The conversation key of a room is its folded name (Conversations.Room).
        string text = string.Join(' ', Enumerable.Range(0, 8).Select(_ => _vocabulary[_random.Next(_vocabulary.Length)]));
        return new StoredMessage(id, DateTimeOffset.UtcNow, room, "bench" + (id % 100), room, text);
    }

    private string MadeUpWord()
    {
        const string letters = "aeioubcdfghklmnprstvz";
        return string.Concat(Enumerable.Range(0, _random.Next(3, 9)).Select(_ => letters[_random.Next(letters.Length)]));
    }
}
