using System.Diagnostics;
using System.Globalization;
using System.Net;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Bench.Search;

/// <summary>
/// The search benchmark (issue 13): stores <see cref="SearchPlan.Stored"/> lines through the server
/// (spread over ten rooms by ten guests, so they pass the same path as chat), then asks
/// <c>search</c> as two users: one in every room, one in a single room (whose searches must skip
/// the other nine rooms' lines). Each query runs <see cref="SearchPlan.Searches"/> times; it reports
/// the latency of a reply (first page, 20 results) as p50, p99 and max.
/// </summary>
internal sealed class SearchRun(SearchPlan plan, TextWriter? progress)
{
    public const int Rooms = 10;

    /// <summary>A word put only into the rooms the one-room searcher is not in (one line in 100 there).</summary>
    public const string ElsewhereWord = "zyzzyva";

    private const int VocabularySize = 5000;
    private const int Window = 512;

    public async Task<SearchBenchResult> RunAsync(CancellationToken cancel)
    {
        var seeders = new List<RequestConnection>();
        try
        {
            for (int room = 0; room < Rooms; room++)
            {
                RequestConnection seeder = await RequestConnection.LoginAsync(plan.Server, $"{plan.UserPrefix}s{room}", cancel).ConfigureAwait(false);
                seeders.Add(seeder);
                await seeder.AskOkAsync(new JoinRequest { Room = RoomName(room) }).ConfigureAwait(false);
            }

            long start = Stopwatch.GetTimestamp();
            await Task.WhenAll(seeders.Select((seeder, room) => SeedAsync(seeder, room, plan.Stored / Rooms))).ConfigureAwait(false);
            double seedSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            long stored = plan.Stored / Rooms * Rooms;
            Report(FormattableString.Invariant($"stored {stored:N0} lines in {seedSeconds:F1} s ({stored / seedSeconds:N0} lines/s)"));

            using RequestConnection everywhere = await RequestConnection.LoginAsync(plan.Server, plan.UserPrefix + "all", cancel).ConfigureAwait(false);
            using RequestConnection oneRoom = await RequestConnection.LoginAsync(plan.Server, plan.UserPrefix + "one", cancel).ConfigureAwait(false);
            for (int room = 0; room < Rooms; room++)
            {
                await everywhere.AskOkAsync(new JoinRequest { Room = RoomName(room) }).ConfigureAwait(false);
            }
            await oneRoom.AskOkAsync(new JoinRequest { Room = RoomName(0) }).ConfigureAwait(false);

            var vocabulary = new Vocabulary(VocabularySize, lineSeed: 0);
            (string Name, string Query)[] queries =
            [
                ("common word", vocabulary[0]),
                ("medium word", vocabulary[VocabularySize / 10]),
                ("rare word", vocabulary[VocabularySize - 1]),
                ("two words", vocabulary[0] + " " + vocabulary[VocabularySize / 10]),
                ("3-letter prefix", vocabulary[VocabularySize / 10][..3] + "*"),
                ("5-letter prefix of the common word", vocabulary[0][..5] + "*"),
                ("only in others' rooms", ElsewhereWord),
                ("absent word", "nowhereword"),
            ];
            var results = new List<SearchQueryResult>();
            foreach ((string who, RequestConnection searcher) in new[] { ("in 10 rooms", everywhere), ("in 1 room", oneRoom) })
            {
                foreach ((string name, string query) in queries)
                {
                    SearchQueryResult result = await MeasureAsync(searcher, who, name, query).ConfigureAwait(false);
                    results.Add(result);
                    Report(string.Create(CultureInfo.InvariantCulture,
                        $"{who,-12} {name,-34} \"{query}\": {result.Results,3} results, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, max {result.MaxMs:F2} ms"));
                }
            }
            return new SearchBenchResult { Stored = stored, SeedSeconds = Math.Round(seedSeconds, 1), Searches = plan.Searches, Queries = results };
        }
        finally
        {
            foreach (RequestConnection seeder in seeders)
            {
                seeder.Dispose();
            }
        }
    }

    private static string RoomName(int room) => "#search" + room.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sends <paramref name="count"/> lines to one room with up to <see cref="Window"/> unacknowledged.</summary>
    private static async Task SeedAsync(RequestConnection seeder, int room, int count)
    {
        var vocabulary = new Vocabulary(VocabularySize, lineSeed: room + 1);
        using var window = new SemaphoreSlim(Window);
        var inFlight = new List<Task>(Window);
        for (int i = 0; i < count; i++)
        {
            string line = vocabulary.NextLine();
            if (room != 0 && vocabulary.OneIn(100))
            {
                line += " " + ElsewhereWord;
            }
            await window.WaitAsync().ConfigureAwait(false);
            inFlight.Add(AckAsync(seeder, new MsgRequest { To = RoomName(room), Text = line }, window));
            if (inFlight.Count >= Window)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private static async Task AckAsync(RequestConnection seeder, MsgRequest line, SemaphoreSlim window)
    {
        try
        {
            await seeder.AskOkAsync(line).ConfigureAwait(false);
        }
        finally
        {
            window.Release();
        }
    }

    private async Task<SearchQueryResult> MeasureAsync(RequestConnection searcher, string who, string name, string query)
    {
        var latencies = new double[plan.Searches];
        int found = 0;
        for (int i = 0; i < plan.Searches; i++)
        {
            long start = Stopwatch.GetTimestamp();
            byte[] reply = await searcher.AskOkAsync(new SearchRequest { Q = query }).ConfigureAwait(false);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            found = MessageCodec.Decode<SearchOk>(reply).Results.Count;
        }
        Array.Sort(latencies);
        return new SearchQueryResult
        {
            Searcher = who,
            Query = name,
            Q = query,
            Results = found,
            P50Ms = Math.Round(latencies[latencies.Length / 2], 2),
            P99Ms = Math.Round(latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * 0.99))], 2),
            MaxMs = Math.Round(latencies[^1], 2),
        };
    }

    private void Report(string line) => progress?.WriteLine(line);
}

/// <summary>What <see cref="SearchRun"/> needs: the server, how many lines to store, how often to ask each query.</summary>
internal sealed record SearchPlan(IPEndPoint Server, int Stored, int Searches, string UserPrefix);
