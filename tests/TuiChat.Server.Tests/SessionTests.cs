using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

public sealed class SessionTests
{
    [Fact]
    public async Task Hello_AsGuest_RepliesOkAndJoinsGeneral()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();

        JsonElement ok = await client.ExpectOkAsync("hello", new { protocol = 1, user = "alice" });

        Assert.Equal("alice", Str(ok, "user"));
        Assert.Equal("guest", Str(ok, "role"));
        Assert.False(string.IsNullOrEmpty(Str(ok, "server")));
        await client.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "#general" && Str(f, "user") == "alice");
    }

    [Fact]
    public async Task Requests_BeforeHello_AreRefusedWithNotLoggedIn_ButPingIsAnswered()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();

        await client.ExpectErrorAsync("not_logged_in", "join", new { room = "#x" });
        await client.ExpectErrorAsync("not_logged_in", "msg", new { to = "#general", text = "hi" });
        await client.ExpectOkAsync("ping");
        await client.WaitForAsync(f => Type(f) == "pong");
    }

    [Fact]
    public async Task Hello_WithWrongProtocol_IsRefused()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();

        await client.ExpectErrorAsync("protocol_unsupported", "hello", new { protocol = 2, user = "alice" });
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("al ice")]
    [InlineData("bob\u001b[31m")]
    [InlineData("carol\u0007")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefg")]
    public async Task Hello_WithInvalidName_IsRefused(string name)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();

        await client.ExpectErrorAsync("name_invalid", "hello", new { protocol = 1, user = name });
    }

    [Fact]
    public async Task Hello_WithNameOnlineInOtherCase_IsNameTaken()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("Alice");
        await using TestClient other = await server.ConnectAsync();

        await other.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = "aLICE" });
    }

    [Fact]
    public async Task Hello_Twice_IsAlreadyLoggedIn()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("already_logged_in", "hello", new { protocol = 1, user = "alice2" });
    }

    [Fact]
    public async Task FiveFailedHellos_CloseTheConnection()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();

        for (int i = 0; i < 5; i++)
        {
            await client.ExpectErrorAsync("name_invalid", "hello", new { protocol = 1, user = "9bad" });
        }

        await client.WaitClosedAsync();
    }

    [Fact]
    public async Task Quit_EndsSession_AndOthersSeeLeft()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");

        await bob.ExpectOkAsync("quit", new { reason = "bye" });

        await bob.WaitClosedAsync();
        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "bob" && Str(f, "room") == "#general" && Str(f, "reason") == "quit");
    }

    [Fact]
    public async Task Presence_GoesToDirectPeers_NotToEverybody()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient carol = await server.LoginAsync("carol");
        await using TestClient bob = await server.LoginAsync("bob");
        await alice.ExpectOkAsync("msg", new { to = "bob", text = "hi" });

        await bob.ExpectOkAsync("quit");

        await alice.WaitForAsync(f => IsPresence(f, "bob", online: false));
        await carol.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "bob");
        await carol.ExpectOkAsync("ping");
        Assert.DoesNotContain(carol.Frames(), f => Type(f) == "presence");

        await using TestClient bobAgain = await server.LoginAsync("bob");
        await alice.WaitForAsync(f => IsPresence(f, "bob", online: true));
    }

    [Fact]
    public async Task Presence_EndsWithTheWatchersSession()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient bob = await server.LoginAsync("bob");
        await using (TestClient alice = await server.LoginAsync("alice"))
        {
            await alice.ExpectOkAsync("msg", new { to = "bob", text = "olá" });
            await alice.ExpectOkAsync("quit");
            await alice.WaitClosedAsync();
        }
        await using TestClient aliceAgain = await server.LoginAsync("alice");
        await using TestClient carol = await server.LoginAsync("carol");
        await carol.ExpectOkAsync("msg", new { to = "bob", text = "hi" });

        await bob.ExpectOkAsync("quit");

        // carol talked with bob in this session; alice did in a session that is over.
        await carol.WaitForAsync(f => IsPresence(f, "bob", online: false));
        await aliceAgain.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "bob");
        await aliceAgain.ExpectOkAsync("ping");
        Assert.DoesNotContain(aliceAgain.Frames(), f => Type(f) == "presence");
    }

    [Fact]
    public async Task RoomEvents_CarryTheRoomsConsecutiveSequenceNumbers()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await alice.ExpectOkAsync("join", new { room = "#seq" });
        await using TestClient bob = await server.LoginAsync("bob");
        await bob.ExpectOkAsync("join", new { room = "#seq" });
        await bob.ExpectOkAsync("msg", new { to = "#seq", text = "one" });
        await alice.ExpectOkAsync("topic", new { room = "#seq", topic = "t" });
        await bob.ExpectOkAsync("leave", new { room = "#seq" });

        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "#seq");
        long[] seqs = [.. alice.Frames().Where(f => Str(f, "room") == "#seq" || Str(f, "to") == "#seq").Where(f => Type(f) != "ok").Select(f => f.GetProperty("seq").GetInt64())];
        Assert.Equal([1L, 2, 3, 4, 5], seqs);
    }

    [Fact]
    public async Task Login_IsNotAnnounced_ToUsersWhoShareNoRoom()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await alice.ExpectOkAsync("leave", new { room = "#general" });

        await using TestClient bob = await server.LoginAsync("bob");
        await bob.ExpectOkAsync("msg", new { to = "#general", text = "anyone?" });

        await alice.ExpectOkAsync("ping");
        Assert.DoesNotContain(alice.Frames(), f => Str(f, "user") == "bob" || Str(f, "from") == "bob");
    }

    [Fact]
    public async Task AbruptDisconnect_NotifiesOthers()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        TestClient bob = await server.LoginAsync("bob");

        bob.Abort();

        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "bob" && Str(f, "reason") == "disconnect");
        await bob.DisposeAsync();
    }

    [Fact]
    public async Task Login_IsAnnouncedToRoomMates_WithJoined()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");

        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "bob" && Str(f, "room") == "#general");
    }

    [Fact]
    public async Task HelloDeadline_ClosesASilentConnection()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();
        await Eventually.Until(() => server.Server.ConnectionCount == 1, "the server sees the connection");

        server.Time.Advance(TimeSpan.FromSeconds(11));

        await client.WaitClosedAsync();
    }

    [Fact]
    public async Task HelloDeadline_DoesNotCloseBeforeTenSeconds()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();
        server.Time.Advance(TimeSpan.FromSeconds(9));

        // A round trip after several housekeeping ticks proves the connection is still open.
        await client.ExpectOkAsync("ping");
        await client.ExpectOkAsync("hello", new { protocol = 1, user = "late" });
    }

    [Fact]
    public async Task Idle_GetsPingAfterSixtySeconds_AndTimeoutAfterSixtyMore()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient bob = await server.LoginAsync("bob");

        server.Time.Advance(TimeSpan.FromSeconds(61));
        await bob.WaitForAsync(f => Type(f) == "ping");
        await alice.WaitForAsync(f => Type(f) == "ping");
        await alice.SendAsync("pong");
        await alice.ExpectOkAsync("rooms");

        server.Time.Advance(TimeSpan.FromSeconds(60));

        await bob.WaitClosedAsync();
        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "bob" && Str(f, "reason") == "timeout");
        Assert.False(alice.Closed);
    }

    [Fact]
    public async Task RateLimit_DropsRequestsOverTheBurst_AndRefillsWithTime()
    {
        await using TestServer server = TestServer.Start(o => o with { RatePerSecond = 10, RateBurst = 20 });
        await using TestClient alice = await server.ConnectAsync();
        await alice.ExpectOkAsync("hello", new { protocol = 1, user = "alice" });

        for (int i = 0; i < 19; i++)
        {
            await alice.ExpectOkAsync("ping");
        }
        await alice.ExpectErrorAsync("rate_limited", "ping");
        await alice.ExpectErrorAsync("rate_limited", "rooms");

        server.Time.Advance(TimeSpan.FromSeconds(1));

        for (int i = 0; i < 10; i++)
        {
            await alice.ExpectOkAsync("ping");
        }
        await alice.ExpectErrorAsync("rate_limited", "ping");
    }
}
