using System.Net.Sockets;
using System.Text.Json;
using Xunit.Abstractions;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Storage;

/// <summary>
/// PROTOCOL.md section 8: a message that got <c>ok</c> survives kill -9 of the server and is in
/// <c>history</c> after a restart, exactly once. Runs the real server binary as a child process.
/// </summary>
public sealed class CrashDurabilityTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 3;
    private const int AcksBeforeKill = 150;
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    /// <remarks>Both durability levels keep acked messages through a crash of the server (NORMAL only gives up a crash of the machine, docs/STORAGE.md).</remarks>
    [Theory]
    [InlineData("full")]
    [InlineData("normal")]
    public async Task AckedMessages_SurviveKill9MidStream_AndAreInHistoryExactlyOnce(string synchronous)
    {
        Dictionary<long, string> acked = await StreamUntilKilledAsync(["--sqlite-synchronous", synchronous]);

        await using ServerProcess restarted = await ServerProcess.StartAsync(_data.Path, ["--sqlite-synchronous", synchronous]);
        await using TestClient reader = await TestClient.LoginAsync(restarted.Port, "checker");
        List<(long Id, string Text)> history = await ReadWholeHistoryAsync(reader, "#general");

        output.WriteLine($"{acked.Count} messages acked before the kill; {history.Count} in history after the restart");
        Assert.True(acked.Count >= AcksBeforeKill, $"only {acked.Count} acks before the kill");
        Assert.Equal(history.Count, history.Select(m => m.Id).Distinct().Count());
        ILookup<long, string> stored = history.ToLookup(m => m.Id, m => m.Text);
        foreach ((long id, string text) in acked)
        {
            Assert.Equal([text], stored[id]);
        }

        // Ids keep increasing after the restart: nothing new can collide with what survived.
        JsonElement ok = await reader.ExpectOkAsync("msg", new { to = "#general", text = "after restart" });
        Assert.True(ok.GetProperty("msgId").GetInt64() > history.Max(m => m.Id));
    }

    /// <summary>Several clients post as fast as the server takes it; the server is killed mid-stream. Returns msgId → text of every acked message.</summary>
    private async Task<Dictionary<long, string>> StreamUntilKilledAsync(string[] arguments)
    {
        var clients = new List<TestClient>();
        await using ServerProcess server = await ServerProcess.StartAsync(_data.Path, arguments);
        try
        {
            for (int i = 0; i < Writers; i++)
            {
                clients.Add(await TestClient.LoginAsync(server.Port, $"writer{i}"));
            }

            using var stop = new CancellationTokenSource();
            Task[] streams = clients.Select(client => Task.Run(() => PostUntilStoppedAsync(client, stop.Token))).ToArray();
            await Eventually.Until(() => clients.Sum(c => Acks(c).Count()) >= AcksBeforeKill,
                $"{AcksBeforeKill} acks\n{server.Output}", TimeSpan.FromSeconds(60));

            server.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(30));
            foreach (TestClient client in clients)
            {
                await client.WaitClosedAsync(TimeSpan.FromSeconds(30)); // every ack sent before the kill is read
            }

            return clients.SelectMany(Acks).ToDictionary(a => a.Id, a => a.Text);
        }
        finally
        {
            foreach (TestClient client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task PostUntilStoppedAsync(TestClient client, CancellationToken stop)
    {
        for (int n = 0; !stop.IsCancellationRequested; n++)
        {
            try
            {
                await client.SendAsync("msg", new { to = "#general", text = Text(client.User, n) }, id: $"{client.User}/{n}");
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                return; // the server is gone
            }
        }
    }

    private static string Text(string user, int n) => $"{user} line {n}";

    /// <summary>The msg acks this client received: the id of the request says which text it was.</summary>
    private static IEnumerable<(long Id, string Text)> Acks(TestClient client) =>
        client.Frames()
            .Where(f => IsOk(f) && Str(f, "re") is { } re && re.StartsWith(client.User + "/", StringComparison.Ordinal))
            .Select(f => (f.GetProperty("msgId").GetInt64(), Text(client.User, int.Parse(Str(f, "re")!.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture))));

    private static async Task<List<(long Id, string Text)>> ReadWholeHistoryAsync(TestClient client, string room)
    {
        var all = new List<(long Id, string Text)>();
        long? before = null;
        while (true)
        {
            JsonElement ok = await client.ExpectOkAsync("history", new { to = room, before, limit = 200 });
            JsonElement[] page = [.. ok.GetProperty("messages").EnumerateArray()];
            if (page.Length == 0)
            {
                return all;
            }

            all.InsertRange(0, page.Select(m => (m.GetProperty("msgId").GetInt64(), m.GetProperty("text").GetString()!)));
            before = page[0].GetProperty("msgId").GetInt64();
        }
    }
}
