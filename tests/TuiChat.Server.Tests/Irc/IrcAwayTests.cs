using TuiChat.Server.Irc;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Irc;

/// <summary>AWAY shares the native away state: 305/306, RPL_AWAY (301) on PRIVMSG and WHOIS, WHO's G flag, away-notify; modelled on irctest's away cases.</summary>
public sealed class IrcAwayTests
{
    [Fact]
    public async Task IrcAway_IsTheNativeAwayState_SeenByNativeClients_AndAnsweredWith301()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");
        await bob.JoinAsync("#general");

        await bob.SendAsync("AWAY :gone \u0002fishing\u0002");
        await bob.ExpectAsync(m => m.Command == "306");
        await alice.WaitForAsync(f => Type(f) == "away" && Str(f, "user") == "bob" && Str(f, "text") == "gone fishing");
        System.Text.Json.JsonElement ok = await alice.ExpectOkAsync("msg", new { to = "bob", text = "hi" });
        Assert.Equal("gone fishing", Str(ok, "away"));

        await carol.SendAsync("PRIVMSG bob :hello");
        IrcMessage rplAway = await carol.ExpectAsync(m => m.Command == "301");
        Assert.Equal(["carol", "bob", "gone fishing"], rplAway.Params);
        await carol.SendAsync("WHOIS bob");
        await carol.ExpectAsync(m => m.Command == "301" && m.Params[^1] == "gone fishing");
        await carol.ExpectAsync(m => m.Command == "318");
        await carol.SendAsync("WHO #general");
        IrcMessage who = await carol.ExpectAsync(m => m.Command == "352" && m.Param(5) == "bob");
        Assert.StartsWith("G", who.Param(6), StringComparison.Ordinal);

        await bob.SendAsync("AWAY");
        await bob.ExpectAsync(m => m.Command == "305");
        await alice.WaitForAsync(f => Type(f) == "away" && Str(f, "user") == "bob" && Str(f, "text") is null);
        await carol.SendAsync("PRIVMSG bob :back?");
        Assert.DoesNotContain(await carol.SyncAsync(), m => m.Command == "301");
    }

    [Fact]
    public async Task NativeAway_ReachesIrc_As301_AndAsAwayNotifyForClientsThatAskedForIt()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient notified = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "away-notify");
        await using IrcTestClient plain = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");
        await notified.JoinAsync("#general");
        await plain.JoinAsync("#general");
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectOkAsync("away", new { text = "in a meeting" });

        IrcMessage away = await notified.ExpectAsync(m => m.Command == "AWAY");
        Assert.StartsWith(":alice!", notified.LastRaw, StringComparison.Ordinal);
        Assert.Equal("in a meeting", away.Param(0));
        // Without away-notify no AWAY comes (queued before alice's reply, so before the PONG);
        // the away text comes as 301 when one writes to her.
        Assert.DoesNotContain(await plain.SyncAsync(), m => m.Command == "AWAY");
        await plain.SendAsync("PRIVMSG alice :ping");
        await plain.ExpectAsync(m => m.Command == "301" && m.Params[^1] == "in a meeting");

        await alice.ExpectOkAsync("away", new { });
        IrcMessage back = await notified.ExpectAsync(m => m.Command == "AWAY");
        Assert.Empty(back.Params);

        // One's own change is answered with 305/306, never echoed as an AWAY.
        await notified.SendAsync("AWAY :brb");
        IReadOnlyList<IrcMessage> answer = await notified.LinesUntilAsync(m => m.Command == "306");
        Assert.DoesNotContain(answer.Concat(await notified.SyncAsync()), m => m.Command == "AWAY");
    }

    [Fact]
    public async Task AwayNotify_FollowsTheJoinOfAUserWhoIsAlreadyAway_WithItsAwayLine()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "away-notify");
        await using IrcTestClient dave = await IrcTestClient.RegisterAsync(server.IrcPort, "dave");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol", "away-notify");
        await using IrcTestClient erin = await IrcTestClient.RegisterAsync(server.IrcPort, "erin");
        foreach (IrcTestClient member in new[] { bob, dave })
        {
            await member.JoinAsync("#general");
        }

        await carol.SendAsync("AWAY :out for lunch");
        await carol.ExpectAsync(m => m.Command == "306");
        await carol.SendAsync("JOIN #general");
        IReadOnlyList<IrcMessage> carolJoining = await carol.LinesUntilAsync(m => m.Command == "366");
        await erin.JoinAsync("#general");

        await ExpectJoinOfAsync(bob, "carol");
        IrcMessage next = await bob.ExpectAsync(_ => true);
        Assert.Equal("AWAY", next.Command);
        Assert.StartsWith(":carol!", bob.LastRaw, StringComparison.Ordinal);
        Assert.Equal(["out for lunch"], next.Params);
        // Nobody follows a join of a user who is present, and a client without the capability gets no AWAY.
        await ExpectJoinOfAsync(bob, "erin");
        Assert.DoesNotContain(await bob.SyncAsync(), m => m.Command == "AWAY");
        await ExpectJoinOfAsync(dave, "carol");
        Assert.DoesNotContain(await dave.SyncAsync(), m => m.Command == "AWAY");
        // The joiner itself is not told of its own away state.
        Assert.DoesNotContain(carolJoining.Concat(await carol.SyncAsync()), m => m.Command == "AWAY");
    }

    private static async Task ExpectJoinOfAsync(IrcTestClient client, string nick)
    {
        do
        {
            await client.ExpectAsync(m => m.Command == "JOIN");
        }
        while (!client.LastRaw.StartsWith($":{nick}!", StringComparison.Ordinal));
    }
}
