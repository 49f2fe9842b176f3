using TuiChat.Server.Irc;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Irc;

/// <summary>CHATHISTORY by time and TARGETS, as senpai, gamja and other IRCv3 clients ask for history.</summary>
public sealed class IrcChatHistoryTests
{
    [Fact]
    public async Task ChatHistory_ByTimestamp_SplitsTheConversationAtThatMoment()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await alice.ExpectOkAsync("join", new { room = "#other" });
        var times = new List<string>();
        var ids = new List<long>();
        for (int i = 1; i <= 5; i++)
        {
            server.Time.Advance(TimeSpan.FromMinutes(1));
            times.Add(IrcFormat.Time(server.Time.GetUtcNow()));
            ids.Add((await alice.ExpectOkAsync("msg", new { to = "#general", text = $"line {i}" })).GetProperty("msgId").GetInt64());
            // Another room's lines between them: #general's place is found among ids that are not its own.
            server.Time.Advance(TimeSpan.FromSeconds(10));
            await alice.ExpectOkAsync("msg", new { to = "#other", text = $"elsewhere {i}" });
        }
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "batch", "server-time", "message-tags", "draft/chathistory");
        await bob.JoinAsync("#general");

        // Scrolling back from the oldest line shown, by its time; catching up after the last one seen.
        Assert.Equal(["line 1", "line 2"], await bob.HistoryAsync($"CHATHISTORY BEFORE #general timestamp={times[2]} 10"));
        Assert.Equal(["line 4", "line 5"], await bob.HistoryAsync($"CHATHISTORY AFTER #general timestamp={times[2]} 10"));
        Assert.Equal(["line 5"], await bob.HistoryAsync($"CHATHISTORY LATEST #general timestamp={times[2]} 1"));
        // AROUND the time of a line: that line and those before it, then those after it.
        Assert.Equal(["line 2", "line 3", "line 4", "line 5"], await bob.HistoryAsync($"CHATHISTORY AROUND #general timestamp={times[2]} 4"));
        Assert.Equal(["line 3"], await bob.HistoryAsync($"CHATHISTORY AROUND #general timestamp={times[2]} 1"));
        Assert.Equal(["line 2", "line 3", "line 4"], await bob.HistoryAsync($"CHATHISTORY BETWEEN #general timestamp={times[0]} timestamp={times[4]} 10"));
        Assert.Equal(["line 3", "line 4"], await bob.HistoryAsync($"CHATHISTORY BETWEEN #general timestamp={times[4]} timestamp={times[0]} 2"));
        Assert.Equal(["line 2", "line 3"], await bob.HistoryAsync($"CHATHISTORY BETWEEN #general msgid={ids[0]} timestamp={times[3]} 10"));

        // A moment between two lines, one before them all, one after them all, and whole seconds.
        Assert.Equal(["line 3", "line 4", "line 5"], await bob.HistoryAsync("CHATHISTORY AFTER #general timestamp=2026-11-22T12:02:30.000Z 10"));
        Assert.Equal(["line 1", "line 2"], await bob.HistoryAsync("CHATHISTORY BEFORE #general timestamp=2026-11-22T12:02:30Z 10"));
        Assert.Empty(await bob.HistoryAsync("CHATHISTORY BEFORE #general timestamp=2026-01-01T00:00:00.000Z 10"));
        Assert.Equal(["line 1", "line 2"], await bob.HistoryAsync("CHATHISTORY AFTER #general timestamp=2026-01-01T00:00:00.000Z 2"));
        Assert.Empty(await bob.HistoryAsync("CHATHISTORY AFTER #general timestamp=2027-01-01T00:00:00.000Z 10"));

        // A known kind of reference with a value that is not one; the last millisecond of the calendar, which has no later one.
        foreach (string bad in new[] { "timestamp=yesterday", "timestamp=9999-12-31T23:59:59.999Z", "msgid=-3" })
        {
            await bob.SendAsync($"CHATHISTORY AFTER #general {bad} 10");
            IrcMessage fail = await bob.ExpectAsync(m => m.Command == "FAIL");
            Assert.Equal(["CHATHISTORY", "INVALID_PARAMS", "AFTER", bad], fail.Params.Take(4));
        }
        Assert.Equal(["line 5"], await bob.HistoryAsync("CHATHISTORY LATEST #general * 1"));
    }

    [Fact]
    public async Task LinesOfOneMoment_HaveTimesOfTheirOwn_SoPagingByTimeLosesNone()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        // A pasted burst: the test's clock does not move between the lines.
        foreach (string text in new[] { "primeira", "segunda", "terceira" })
        {
            await alice.ExpectOkAsync("msg", new { to = "#general", text });
        }
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "batch", "server-time", "draft/chathistory");
        await bob.JoinAsync("#general");

        await bob.SendAsync("CHATHISTORY LATEST #general * 1");
        IrcMessage newest = await bob.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal("terceira", newest.Param(1));
        // The page before the newest line, by its time: both earlier lines of its millisecond.
        Assert.Equal(["primeira", "segunda"], await bob.HistoryAsync($"CHATHISTORY BEFORE #general timestamp={newest.Tags["time"]} 10"));
    }

    [Fact]
    public async Task ChatHistory_Targets_ListsTheUsersConversationsWithLinesInTheSpan_ByTheirLatestLine()
    {
        await using TestServer server = TestServer.Start();
        DateTimeOffset start = server.Time.GetUtcNow();
        await (await server.LoginAsync("bob", "password-b", register: true)).DisposeAsync();
        await using TestClient alice = await server.LoginAsync("alice", "password-a", register: true);
        await using TestClient carol = await server.LoginAsync("carol", "password-c", register: true);
        await using TestClient dave = await server.LoginAsync("dave", "password-d", register: true);
        await alice.ExpectOkAsync("join", new { room = "#secret" });
        var at = new List<string>();
        async Task Say(TestClient from, string to, string text)
        {
            // Seconds apart: a minute's silence on the test's clock is long enough to end an idle session.
            server.Time.Advance(TimeSpan.FromSeconds(10));
            at.Add(IrcFormat.Time(server.Time.GetUtcNow()));
            await from.ExpectOkAsync("msg", new { to, text });
        }
        await Say(alice, "#general", "bom dia");      // at[0]
        await Say(carol, "bob", "oi bob");            // at[1]
        await Say(alice, "bob", "você viu?");         // at[2]
        await Say(alice, "#general", "reunião às 3"); // at[3]
        // Not bob's: a room he is not in, and two others' direct conversation; then a group he was put in.
        await Say(alice, "#secret", "só nós");         // at[4]
        await Say(dave, "alice", "psst");             // at[5]
        await alice.ExpectOkAsync("create", new { room = "+team", @private = true, members = new[] { "bob" } });
        await Say(alice, "+team", "plano da semana"); // at[6]

        await using IrcTestClient bob = await IrcTestClient.RegisterWithSaslAsync(server.IrcPort, "bob", "password-b");
        await bob.SendAsync("CAP REQ :batch draft/chathistory");
        await bob.ExpectAsync(m => m.Command == "CAP" && m.Param(1) == "ACK");
        await bob.JoinAsync("#general");
        string from = IrcFormat.Time(start);
        string until = IrcFormat.Time(server.Time.GetUtcNow().AddSeconds(10));

        IReadOnlyList<IrcMessage> all = await TargetsAsync(bob, $"CHATHISTORY TARGETS timestamp={from} timestamp={until} 10");
        Assert.Equal([("carol", at[1]), ("alice", at[2]), ("#general", at[3]), ("&team", at[6])], all.Select(t => (t.Param(1), t.Param(2))));
        // The span ends before #general's second line: its first is its latest there.
        Assert.Equal([("#general", at[0]), ("carol", at[1])],
            (await TargetsAsync(bob, $"CHATHISTORY TARGETS timestamp={from} timestamp={at[2]} 10")).Select(t => (t.Param(1), t.Param(2))));
        // More than the limit: those nearest the first moment, whichever way the span runs.
        Assert.Equal(["carol"], (await TargetsAsync(bob, $"CHATHISTORY TARGETS timestamp={from} timestamp={until} 1")).Select(t => t.Param(1)));
        Assert.Equal(["&team"], (await TargetsAsync(bob, $"CHATHISTORY TARGETS timestamp={until} timestamp={from} 1")).Select(t => t.Param(1)));

        await bob.SendAsync($"CHATHISTORY TARGETS msgid=1 timestamp={until} 10");
        IrcMessage fail = await bob.ExpectAsync(m => m.Command == "FAIL");
        Assert.Equal(["CHATHISTORY", "INVALID_PARAMS", "TARGETS", "msgid=1"], fail.Params.Take(4));
    }

    [Fact]
    public async Task ChatHistory_Targets_WithoutBatch_AreBareLines()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        DateTimeOffset start = server.Time.GetUtcNow();
        server.Time.Advance(TimeSpan.FromMinutes(1));
        await alice.ExpectOkAsync("msg", new { to = "#general", text = "olá" });
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "draft/chathistory");
        await bob.JoinAsync("#general");

        await bob.SendAsync($"CHATHISTORY TARGETS timestamp={IrcFormat.Time(start)} timestamp={IrcFormat.Time(start.AddHours(1))} 10");

        IReadOnlyList<IrcMessage> lines = await bob.SyncAsync();
        Assert.DoesNotContain(lines, m => m.Command == "BATCH");
        IrcMessage target = Assert.Single(lines, m => m.Command == "CHATHISTORY");
        Assert.Equal(["TARGETS", "#general", IrcFormat.Time(start.AddMinutes(1))], target.Params);
    }

    [Fact]
    public async Task ChatHistory_Targets_CostsARateTokenPerConversationItMustSearch()
    {
        await using TestServer server = TestServer.Start(o => o with { RatePerSecond = 10, RateBurst = 6 });
        await using TestClient alice = await server.LoginAsync("alice");
        DateTimeOffset until = server.Time.GetUtcNow();
        foreach (string room in new[] { "#a", "#b", "#c" })
        {
            // alice is paced too: a second brings her burst back.
            server.Time.Advance(TimeSpan.FromSeconds(1));
            await alice.ExpectOkAsync("join", new { room });
            await alice.ExpectOkAsync("msg", new { to = room, text = "depois" });
        }
        // Registration takes two tokens (NICK, USER), the JOIN of three channels three, TARGETS one: the burst is spent.
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#a,#b,#c");

        // The span ends before each channel's newest line: three searches, three tokens, then the PING's.
        await bob.SendAsync($"CHATHISTORY TARGETS timestamp={IrcFormat.Time(until.AddHours(-1))} timestamp={IrcFormat.Time(until)} 10");
        await bob.SendAsync("PING held");

        server.Time.Advance(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAsync<TimeoutException>(() => bob.ExpectAsync(m => m.Command == "PONG", TimeSpan.FromMilliseconds(500)));
        server.Time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal("held", (await bob.ExpectAsync(m => m.Command == "PONG")).Params[^1]);
    }

    [Fact]
    public async Task ChatHistory_BetweenTwoTimes_CostsASecondRateToken()
    {
        await using TestServer server = TestServer.Start(o => o with { RatePerSecond = 10, RateBurst = 5 });
        // Registration takes two tokens (NICK, USER), the JOIN one, BETWEEN two: the burst is spent.
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#general");
        DateTimeOffset now = server.Time.GetUtcNow();

        await bob.SendAsync($"CHATHISTORY BETWEEN #general timestamp={IrcFormat.Time(now.AddHours(-1))} timestamp={IrcFormat.Time(now)} 10");
        await bob.SendAsync("PING held");

        await Assert.ThrowsAsync<TimeoutException>(() => bob.ExpectAsync(m => m.Command == "PONG", TimeSpan.FromMilliseconds(500)));
        server.Time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal("held", (await bob.ExpectAsync(m => m.Command == "PONG")).Params[^1]);
    }

    /// <summary>The CHATHISTORY TARGETS lines of the draft/chathistory-targets batch answering <paramref name="command"/>.</summary>
    private static async Task<IReadOnlyList<IrcMessage>> TargetsAsync(IrcTestClient client, string command)
    {
        await client.SendAsync(command);
        IrcMessage start = await client.ExpectAsync(m => m.Command == "BATCH" && m.Param(0).StartsWith('+'));
        Assert.Equal("draft/chathistory-targets", start.Param(1));
        IReadOnlyList<IrcMessage> lines = await client.LinesUntilAsync(m => m.Command == "BATCH" && m.Param(0) == "-" + start.Param(0)[1..]);
        Assert.All(lines.SkipLast(1), m => Assert.Equal(start.Param(0)[1..], m.Tags["batch"]));
        return [.. lines.SkipLast(1)];
    }
}
