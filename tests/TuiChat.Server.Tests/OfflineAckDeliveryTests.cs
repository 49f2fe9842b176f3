using System.Text.Json;
using Xunit.Abstractions;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary>
/// Offline messages are delivered in batches as the send queue drains and leave the store only
/// when the client confirms them: thousands of them reach a slow reader, and a dropped connection
/// or a crashed server loses none (issue 9).
/// </summary>
public sealed class OfflineAckDeliveryTests(ITestOutputHelper output)
{
    private const int Waiting = 4000;
    private const string BobPassword = "password-b";

    /// <summary>About 16 MB in all: twice the 8 MiB send queue.</summary>
    private static readonly string Padding = new('x', 3_900);

    /// <summary>Messages alice sends before waiting for their acks (about 400 KB in flight).</summary>
    private const int SendWindow = 100;

    /// <summary>Slower than the server can send: a 16 MB queue takes several seconds.</summary>
    private const int SlowLink = 4_000_000;

    /// <param name="acknowledge">The TuiChat client (true) or an older client that never confirms (false).</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ThousandsWaiting_ReachASlowReader_Once(bool acknowledge)
    {
        await using TestServer server = TestServer.Start();
        await FillOfflineQueueAsync(server.Port);

        await using (TestClient bob = await LoginBobAsync(server.Port, acknowledge, SlowLink))
        {
            await WaitForAllAsync(bob, []);
            Assert.False(bob.Saw(f => IsError(f, "sendq") || Type(f) == "left"));
            Assert.Equal(acknowledge, bob.Saw(f => Type(f) == "offline.batch"));
            await bob.ExpectOkAsync("quit");
        }

        await using TestClient again = await LoginBobAsync(server.Port, acknowledge, 0);
        await again.ExpectOkAsync("ping");
        Assert.False(again.Saw(f => Type(f) == "message"));
    }

    [Fact]
    public async Task ConnectionDroppedDuringDelivery_TheRestArrivesAtTheNextLogin()
    {
        await using TestServer server = TestServer.Start();
        await FillOfflineQueueAsync(server.Port);
        var received = new HashSet<long>();

        TestClient first = await LoginBobAsync(server.Port, acknowledge: true, SlowLink);
        await Eventually.Until(() => OfflineIds(first.Frames()).Count() >= Waiting / 4, "a quarter delivered", TimeSpan.FromSeconds(60));
        first.Abort();
        await first.DisposeAsync();
        received.UnionWith(OfflineIds(first.Frames()));
        Assert.True(received.Count < Waiting, "the drop came too late to test anything");

        await using TestClient second = await LoginBobAsync(server.Port, acknowledge: true, 0);
        await WaitForAllAsync(second, received);
        output.WriteLine($"first login {received.Count}, second login {OfflineIds(second.Frames()).Count()} (repeats are allowed, losses not)");
    }

    [Fact]
    public async Task ServerKilledDuringDelivery_TheRestArrivesAfterTheRestart()
    {
        using var data = new TempDataFolder();
        var received = new HashSet<long>();
        await using (ServerProcess server = await ServerProcess.StartAsync(data.Path))
        {
            await FillOfflineQueueAsync(server.Port);
            await using TestClient first = await LoginBobAsync(server.Port, acknowledge: true, SlowLink);
            await Eventually.Until(() => OfflineIds(first.Frames()).Count() >= Waiting / 4, "a quarter delivered", TimeSpan.FromSeconds(60));
            server.Kill();
            await first.WaitClosedAsync(TimeSpan.FromSeconds(30));
            received.UnionWith(OfflineIds(first.Frames()));
        }
        Assert.True(received.Count < Waiting, "the kill came too late to test anything");

        await using ServerProcess restarted = await ServerProcess.StartAsync(data.Path);
        await using TestClient second = await LoginBobAsync(restarted.Port, acknowledge: true, 0);
        await WaitForAllAsync(second, received);
        output.WriteLine($"before the kill {received.Count}, after the restart {OfflineIds(second.Frames()).Count()}");
    }

    /// <summary>Registers bob, takes him offline, and has alice send him <see cref="Waiting"/> direct messages (all acked).</summary>
    private static async Task FillOfflineQueueAsync(int port)
    {
        await using (TestClient bob = await TestClient.LoginAsync(port, "bob", BobPassword, register: true))
        {
            await bob.ExpectOkAsync("quit");
        }
        await using TestClient alice = await TestClient.LoginAsync(port, "alice");
        for (int i = 0; i < Waiting; i++)
        {
            if (i > 0 && i % SendWindow == 0)
            {
                // A sender that never waits outruns its own reader on a busy machine, and the
                // server rightly drops it for sendq: keep at most a window of messages unanswered.
                string previous = "m" + (i - 1);
                await alice.WaitForAsync(f => Str(f, "re") == previous, TimeSpan.FromSeconds(60));
            }
            await alice.SendAsync("msg", new { to = "bob", text = $"{i} {Padding}" }, id: "m" + i);
        }
        await alice.WaitForAsync(f => Str(f, "re") == "m" + (Waiting - 1), TimeSpan.FromSeconds(120));
        Assert.Equal(Waiting, alice.Frames().Count(f => IsOk(f) && (Str(f, "re") ?? "").StartsWith('m')));
        // Gone before bob logs in: a disconnect the server learned of only after his login would
        // tell him "left alice", which the tests read as bob's own drop.
        await alice.ExpectOkAsync("quit");
    }

    private static async Task<TestClient> LoginBobAsync(int port, bool acknowledge, int readBytesPerSecond)
    {
        TestClient bob = await TestClient.ConnectAsync(port);
        bob.AcknowledgeOffline = acknowledge;
        bob.ReadBytesPerSecond = readBytesPerSecond;
        JsonElement ok = await bob.RequestAsync("hello", new { protocol = 1, user = "bob", password = BobPassword, offlineAck = acknowledge });
        Assert.True(IsOk(ok), ok.ToString());
        return bob;
    }

    /// <summary>Waits until this login and the earlier ones together have every waiting message.</summary>
    private static async Task WaitForAllAsync(TestClient bob, HashSet<long> earlier)
    {
        await Eventually.Until(() => earlier.Union(OfflineIds(bob.Frames())).Count() == Waiting,
            $"all {Waiting} offline messages", TimeSpan.FromSeconds(120));
        Assert.Equal(Waiting, earlier.Union(OfflineIds(bob.Frames())).Count());
    }

    private static IEnumerable<long> OfflineIds(IEnumerable<JsonElement> frames) =>
        frames.Where(f => Type(f) == "message" && f.TryGetProperty("offline", out JsonElement o) && o.GetBoolean())
            .Select(f => f.GetProperty("msgId").GetInt64()).Distinct();
}
