using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

public sealed class FlowTests
{
    [Fact]
    public async Task FiftyClients_ExchangeMessages_NothingLost_SameOrderForEveryMember()
    {
        const int clients = 50, perClient = 20;
        await using TestServer server = TestServer.Start();
        var all = new List<TestClient>();
        for (int i = 0; i < clients; i++)
        {
            all.Add(await server.LoginAsync("user" + i));
        }

        await Task.WhenAll(all.Select(async (c, i) =>
        {
            for (int n = 0; n < perClient; n++)
            {
                await c.SendAsync("msg", new { to = "#general", text = $"m {i} {n}" });
            }
            await c.ExpectOkAsync("msg", new { to = "#general", text = $"done {i}" });
        }));

        const int expected = clients * (perClient + 1);
        await Eventually.Until(() => all.All(c => Messages(c).Count == expected), "every client has every message", TimeSpan.FromSeconds(60));
        List<long> reference = Messages(all[0]).Select(m => m.GetProperty("msgId").GetInt64()).ToList();
        Assert.Equal(reference.Order(), reference);
        Assert.Equal(expected, reference.Distinct().Count());
        foreach (TestClient c in all)
        {
            Assert.Equal(reference, Messages(c).Select(m => m.GetProperty("msgId").GetInt64()));
        }
        // Each sender's own lines arrive in the order it sent them.
        List<string> texts = Messages(all[7]).Select(m => Str(m, "text")!).Where(t => t.StartsWith("m 3 ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, perClient).Select(n => $"m 3 {n}"), texts);

        foreach (TestClient c in all)
        {
            await c.DisposeAsync();
        }

        static List<JsonElement> Messages(TestClient c) => c.Frames().Where(f => Type(f) == "message").ToList();
    }

    [Fact]
    public async Task ClientThatStopsReading_IsDroppedWithSendq_WhileOthersKeepReceiving()
    {
        await using TestServer server = TestServer.Start(o => o with { OutboxBytes = 256 * 1024 });
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");
        await using TestClient slow = await server.LoginAsync("slow");
        slow.Pause();
        int sent = await Flooding.FloodUntilDroppedAsync(alice, "slow");

        JsonElement left = await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "slow");
        Assert.Equal("sendq", Str(left, "reason"));
        JsonElement last = await alice.ExpectOkAsync("msg", new { to = "#general", text = "after the drop" });
        await bob.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "after the drop");
        Assert.Equal(sent + 1, bob.Frames().Count(f => Type(f) == "message"));
        Assert.True(last.GetProperty("msgId").GetInt64() > 0);
    }
}
