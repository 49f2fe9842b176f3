using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary>However a session ends, a message is delivered or kept for later, and a dropped client learns why (issue 9).</summary>
public sealed class SessionEndTests
{
    [Fact]
    public async Task DirectMessage_RacingTheRecipientsQuit_IsReadBeforeTheQuitOk_OrKeptForTheNextLogin()
    {
        const int Rounds = 100;
        await using TestServer server = TestServer.Start();
        await using (TestClient first = await server.LoginAsync("bob", "password-b", register: true))
        {
            await first.ExpectOkAsync("quit");
        }
        await using TestClient alice = await server.LoginAsync("alice");
        var pending = new HashSet<long>();
        var receivedOffline = new HashSet<long>();

        for (int round = 0; round < Rounds; round++)
        {
            // Asks for acknowledged offline delivery and never confirms: what is queued stays queued.
            await using TestClient bob = await LoginKeepingOfflineAsync(server);
            string quit = "q" + round, msg = "m" + round;
            await Task.WhenAll(bob.SendAsync("quit", id: quit), alice.SendAsync("msg", new { to = "bob", text = $"race {round}" }, msg));
            JsonElement ok = await alice.WaitForAsync(f => Str(f, "re") == msg);
            Assert.True(IsOk(ok), ok.ToString());
            long id = ok.GetProperty("msgId").GetInt64();
            await bob.WaitClosedAsync();
            receivedOffline.UnionWith(OfflineIds(bob));

            // A line bob's client read before its quit ok was delivered; one that came after it was not read by anyone.
            List<JsonElement> frames = [.. bob.Frames()];
            int quitOk = frames.FindIndex(f => Str(f, "re") == quit);
            int live = frames.FindIndex(f => Type(f) == "message" && !OfflineIds([f]).Any() && f.GetProperty("msgId").GetInt64() == id);
            if (live < 0 || live > quitOk)
            {
                pending.Add(id);
            }
        }

        await using TestClient last = await LoginKeepingOfflineAsync(server);
        await last.ExpectOkAsync("ping");
        try
        {
            await Eventually.Until(() => pending.All(receivedOffline.Union(OfflineIds(last)).Contains), "every raced line delivered or kept", TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // Reported below with the ids that never came.
        }
        HashSet<long> kept = [.. receivedOffline, .. OfflineIds(last)];
        List<long> lost = pending.Where(id => !kept.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {Rounds} lines went to a closing connection and were never kept: {string.Join(", ", lost)}");
    }

    private static IEnumerable<long> OfflineIds(TestClient client) => OfflineIds(client.Frames());

    private static IEnumerable<long> OfflineIds(IEnumerable<JsonElement> frames) =>
        frames.Where(f => Type(f) == "message" && f.TryGetProperty("offline", out JsonElement o) && o.GetBoolean())
            .Select(f => f.GetProperty("msgId").GetInt64());

    private static async Task<TestClient> LoginKeepingOfflineAsync(TestServer server)
    {
        TestClient bob = await server.ConnectAsync();
        await bob.ExpectOkAsync("hello", new { protocol = 1, user = "bob", password = "password-b", offlineAck = true });
        await bob.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "bob");
        return bob;
    }

    [Fact]
    public async Task ClientDroppedForItsSendQueue_IsToldWhy_BeforeTheConnectionCloses()
    {
        await using TestServer server = TestServer.Start(o => o with { OutboxBytes = 256 * 1024 });
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient slow = await server.LoginAsync("slow");
        slow.Pause();
        await Flooding.FloodUntilDroppedAsync(alice, "slow");
        slow.Resume();

        await slow.WaitClosedAsync();
        JsonElement why = slow.Frames()[^1];
        Assert.True(IsError(why, "sendq"), $"the last frame before the close is {why}");
        Assert.False(why.TryGetProperty("re", out _));
    }
}
