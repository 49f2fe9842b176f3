using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary>The reader does not wait for the store: several lines are in flight, each acknowledged after its own commit, in order.</summary>
public sealed class MsgAckTests
{
    [Fact]
    public async Task Msgs_InFlight_AreAcknowledgedInOrder_EachAfterItsCommit()
    {
        var store = new HandCommittedStore();
        await using TestServer server = TestServer.Start(store: store);
        await using TestClient alice = await server.LoginAsync("alice");
        for (int i = 1; i <= 3; i++)
        {
            await alice.SendAsync("msg", new { to = "#general", text = "line" + i }, id: "m" + i);
        }
        await Eventually.Until(() => store.Appends == 3, "all three lines handed to the store without waiting for a commit");

        await store.CommitAsync("line3");
        await store.CommitAsync("line1");
        await alice.WaitForAsync(f => Str(f, "re") == "m1");
        await alice.ExpectOkAsync("ping");
        Assert.False(alice.Saw(f => Str(f, "re") is "m2" or "m3"), "line3 is durable but line2 is not: neither may be acknowledged yet");

        await store.CommitAsync("line2");
        await alice.WaitForAsync(f => Str(f, "re") == "m3");

        List<JsonElement> oks = alice.Frames().Where(f => Str(f, "re") is "m1" or "m2" or "m3").ToList();
        Assert.Equal(["m1", "m2", "m3"], oks.Select(f => Str(f, "re")));
        Assert.All(oks, f => Assert.True(IsOk(f)));
        Assert.Equal(3, (await alice.ExpectOkAsync("history", new { to = "#general" })).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Msg_WhoseCommitFails_GetsUnavailable_InItsPlace()
    {
        var store = new HandCommittedStore();
        await using TestServer server = TestServer.Start(store: store);
        await using TestClient alice = await server.LoginAsync("alice");
        await alice.SendAsync("msg", new { to = "#general", text = "a" }, id: "m1");
        await alice.SendAsync("msg", new { to = "#general", text = "b" }, id: "m2");
        await Eventually.Until(() => store.Appends == 2, "both lines handed to the store");

        await store.CommitAsync("b");
        store.Fail("a");

        await alice.WaitForAsync(f => Str(f, "re") == "m2");
        Assert.Equal(["error", "ok"], alice.Frames().Where(f => Str(f, "re") is "m1" or "m2").Select(Type));
        Assert.True(alice.Saw(f => IsError(f, "unavailable") && Str(f, "re") == "m1"));
    }

    [Fact]
    public async Task Reader_WaitsWhenTheLimitOfUncommittedLinesIsReached()
    {
        var store = new HandCommittedStore();
        await using TestServer server = TestServer.Start(o => o with { MaxMessagesInFlight = 2 }, store: store);
        await using TestClient alice = await server.LoginAsync("alice");
        for (int i = 1; i <= 3; i++)
        {
            await alice.SendAsync("msg", new { to = "#general", text = "line" + i }, id: "m" + i);
        }
        await alice.WaitForAsync(f => Str(f, "text") == "line2");
        Assert.False(store.IsPending("line3"), "the third line must wait until one of the first two is durable");

        await store.CommitAsync("line1");

        await alice.WaitForAsync(f => Str(f, "text") == "line3");
        await Eventually.Until(() => store.IsPending("line3"), "the third line reaches the store once there is room");
        await store.CommitAsync("line2");
        await store.CommitAsync("line3");
        await alice.WaitForAsync(f => Str(f, "re") == "m3");
    }
}
