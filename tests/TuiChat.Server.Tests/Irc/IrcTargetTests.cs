using TuiChat.Server.Irc;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Irc;

/// <summary>
/// Comma lists of targets (PRIVMSG, NOTICE, JOIN, NAMES): each target once, at most TARGMAX of
/// them, and each one paid for with a rate token, so one line cannot fan out a hundred times.
/// </summary>
public sealed class IrcTargetTests
{
    [Fact]
    public async Task Isupport_AdvertisesTargmax()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.ConnectAsync(server.IrcPort);
        await bob.SendAsync("NICK bob");
        await bob.SendAsync("USER bob 0 * :bob");

        IrcMessage isupport = await bob.ExpectAsync(m => m.Command == "005" && m.Params.Any(p => p.StartsWith("TARGMAX=", StringComparison.Ordinal)));

        Assert.Contains("TARGMAX=PRIVMSG:4,NOTICE:4,JOIN:20,NAMES:4,WHOIS:1", isupport.Params);
        Assert.True(bob.LastRaw.Length + 2 <= 512, "005 fits in an IRC line");
    }

    [Fact]
    public async Task Privmsg_ToARepeatedChannel_IsPostedOnce_AndTargetsPastFourGet407()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "echo-message");
        await bob.JoinAsync("#a,#b,#c,#d,#e");

        await bob.SendAsync("PRIVMSG #a,#a,#A,#b,#a,#c,#d,#e,#a :hi");

        List<IrcMessage> replies = await RepliesAsync(bob);
        Assert.Equal(["#a", "#b", "#c", "#d"], replies.Where(m => m.Command == "PRIVMSG").Select(m => m.Param(0)));
        Assert.Equal(["#e"], replies.Where(m => m.Command == "407").Select(m => m.Param(1)));
    }

    [Fact]
    public async Task Notice_PastFourTargets_IsNotAnswered()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#a,#b,#c,#d,#e");

        await bob.SendAsync("NOTICE #a,#b,#c,#d,#e :hi");

        Assert.DoesNotContain(await RepliesAsync(bob), m => m.Command == "407");
    }

    [Fact]
    public async Task Join_ARepeatedChannel_JoinsOnce_AndChannelsPastTwentyAreNotCreated()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        string[] channels = [.. Enumerable.Range(0, 21).Select(i => "#r" + i)];

        await bob.SendAsync("JOIN #r0,#r0,#R0," + string.Join(',', channels));

        List<IrcMessage> replies = await RepliesAsync(bob);
        Assert.Equal(channels[..20], replies.Where(m => m.Command == "JOIN").Select(m => m.Param(0)));
        Assert.Equal(["#r20"], replies.Where(m => m.Command == "407").Select(m => m.Param(1)));
        Assert.Null(server.Server.State.Rooms.View(server.Server.State.Sessions.FindOnline("bob")!, "#r20"));
    }

    [Fact]
    public async Task Names_OfARepeatedChannel_AnswersOnce_AndChannelsPastFourGet407()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#n");

        await bob.SendAsync("NAMES #n,#n,#N,#n,#n,#n,#n,#n");
        await bob.SendAsync("NAMES #n,#x1,#x2,#x3,#x4");

        List<IrcMessage> replies = await RepliesAsync(bob);
        Assert.Equal(["#n", "#n", "#x1", "#x2", "#x3"], replies.Where(m => m.Command == "366").Select(m => m.Param(1)));
        Assert.Equal(["#x4"], replies.Where(m => m.Command == "407").Select(m => m.Param(1)));
    }

    [Fact]
    public async Task EachTarget_CostsARateToken()
    {
        // Registration takes two tokens (NICK, USER), the message to four users four more: the burst is spent.
        await using TestServer server = TestServer.Start(o => o with { RatePerSecond = 10, RateBurst = 6 });
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient carol = await server.LoginAsync("carol");
        await using TestClient dave = await server.LoginAsync("dave");
        await using TestClient erin = await server.LoginAsync("erin");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await bob.SendAsync("PRIVMSG alice,carol,dave,erin :hi");
        foreach (TestClient to in new[] { alice, carol, dave, erin })
        {
            await to.WaitForAsync(f => Type(f) == "message" && Str(f, "from") == "bob");
        }
        await bob.SendAsync("PING held");

        // The clock stands still: no token comes back, so the PING waits (fake lag) ...
        await Assert.ThrowsAsync<TimeoutException>(() => bob.ExpectAsync(m => m.Command == "PONG", TimeSpan.FromMilliseconds(500)));
        // ... until a tenth of a second (one token) has passed.
        server.Time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal("held", (await bob.ExpectAsync(m => m.Command == "PONG")).Params[^1]);
    }

    /// <summary>Every line the client receives up to the PONG of a PING sent now: the replies to what it sent before.</summary>
    private static async Task<List<IrcMessage>> RepliesAsync(IrcTestClient client)
    {
        var lines = new List<IrcMessage>();
        await client.SendAsync("PING replies-end");
        await client.ExpectAsync(m =>
        {
            lines.Add(m);
            return m.Command == "PONG" && m.Params[^1] == "replies-end";
        });
        return lines;
    }
}
