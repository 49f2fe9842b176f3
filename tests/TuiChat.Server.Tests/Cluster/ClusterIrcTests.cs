using System.Text.Json;
using TuiChat.Server.Irc;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Cluster;

/// <summary>The IRC door of a cluster node: room lines in the cluster's order, and echo-message as on one server.</summary>
public sealed class ClusterIrcTests : ClusterTest
{
    [SkippableFact]
    public async Task AnIrcClientWithoutEchoMessage_GetsNoneOfItsOwnLinesBack_WithItGetsThem()
    {
        await StartClusterAsync(2, "--irc-port", "0");
        int ircPort = await Cluster.Nodes[0].IrcPortAsync();
        IrcTestClient plain = Cluster.Own(await IrcTestClient.RegisterAsync(ircPort, "plain"));
        IrcTestClient echo = Cluster.Own(await IrcTestClient.RegisterAsync(ircPort, "echo", "echo-message", "message-tags"));
        foreach (IrcTestClient irc in new[] { plain, echo })
        {
            await irc.SendAsync("JOIN #general");
            await irc.ExpectAsync(m => m.Command == "366");
        }
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[1], "alice");
        await plain.ExpectAsync(m => m.Command == "JOIN" && plain.LastRaw.StartsWith(":alice!", StringComparison.Ordinal), Deadline);

        // Lines from both nodes at once, so that some of plain's reach node A through a gap fill.
        const int Lines = 30;
        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (int i = 0; i < Lines; i++)
                {
                    await plain.SendAsync($"PRIVMSG #general :plain {i}");
                }
            }),
            Task.Run(async () =>
            {
                for (int i = 0; i < Lines; i++)
                {
                    await alice.ExpectOkAsync("msg", new { to = "#general", text = $"alice {i}" });
                }
            }));
        await alice.WaitForAsync(f => Str(f, "text") == $"plain {Lines - 1}", Deadline);
        // echo is on plain's node: once it has both last lines, so has plain's queue (one delivery, in order).
        var last = new HashSet<string> { $"plain {Lines - 1}", $"alice {Lines - 1}" };
        await echo.ExpectAsync(m => m.Command == "PRIVMSG" && last.Remove(m.Param(1)) && last.Count == 0, Deadline);

        // Everything plain was sent up to a PING's answer: alice's lines, none of its own.
        var plainSaw = new List<string>();
        string token = "sync" + Guid.NewGuid().ToString("N")[..8];
        await plain.SendAsync($"PING {token}");
        await plain.ExpectAsync(m =>
        {
            if (m.Command == "PRIVMSG")
            {
                plainSaw.Add(m.Param(1));
            }
            return m.Command == "PONG" && m.Params[^1] == token;
        }, Deadline);
        Assert.Equal(Enumerable.Range(0, Lines).Select(i => $"alice {i}"), plainSaw);

        await echo.SendAsync("PRIVMSG #general :from echo");
        IrcMessage echoed = await echo.ExpectAsync(m => m.Command == "PRIVMSG" && m.Param(1) == "from echo", Deadline);
        Assert.True(long.Parse(echoed.Tags["msgid"], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [SkippableFact]
    public async Task WhoisIsonAndWho_SeeAUserOnlineOnAnotherNode_WithItsAwayText()
    {
        await StartClusterAsync(2, "--irc-port", "0");
        IrcTestClient irc = Cluster.Own(await IrcTestClient.RegisterAsync(await Cluster.Nodes[0].IrcPortAsync(), "ircbob"));
        await irc.SendAsync("JOIN #general");
        await irc.ExpectAsync(m => m.Command == "366");
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[1], "alice");
        await irc.ExpectAsync(m => m.Command == "JOIN" && irc.LastRaw.StartsWith(":alice!", StringComparison.Ordinal), Deadline);
        await alice.ExpectOkAsync("away", new { text = "almoço 🍝" });
        // Her away state reaches node A through the backplane: ask until it has.
        DateTime deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            await irc.SendAsync("WHOIS alice");
            var lines = new List<IrcMessage>();
            await irc.ExpectAsync(m => { lines.Add(m); return m.Command == "318"; }, Deadline);
            Assert.Contains(lines, m => m.Command == "311" && m.Param(1) == "alice");
            if (lines.Any(m => m.Command == "301" && m.Params[^1] == "almoço 🍝"))
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "WHOIS on node A never showed alice's away text");
        }

        await irc.SendAsync("ISON alice nobody");
        IrcMessage ison = await irc.ExpectAsync(m => m.Command == "303", Deadline);
        Assert.Equal("alice", ison.Params[^1]);
        await irc.SendAsync("WHO #general");
        var who = new List<IrcMessage>();
        await irc.ExpectAsync(m => { who.Add(m); return m.Command == "315"; }, Deadline);
        Assert.Contains(who, m => m.Command == "352" && m.Param(5) == "alice" && m.Param(6).StartsWith('G'));
    }

    [SkippableFact]
    public async Task PartAndKickReasons_TheKicker_AndAJoinersAwayState_ReachTheOtherNode()
    {
        await StartClusterAsync(2, "--irc-port", "0");
        int ircA = await Cluster.Nodes[0].IrcPortAsync();
        int ircB = await Cluster.Nodes[1].IrcPortAsync();
        IrcTestClient op = Cluster.Own(await IrcTestClient.RegisterAsync(ircA, "op"));
        await op.JoinAsync("#ops");
        IrcTestClient dave = Cluster.Own(await IrcTestClient.RegisterAsync(ircA, "dave"));
        await dave.JoinAsync("#ops");
        // On node B: an IRC client told of away states, and a TuiChat user.
        IrcTestClient watcher = Cluster.Own(await IrcTestClient.RegisterAsync(ircB, "watcher", "away-notify"));
        await watcher.JoinAsync("#ops");
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[1], "alice");
        await alice.ExpectOkAsync("join", new { room = "#ops" });
        await op.ExpectAsync(m => m.Command == "JOIN" && op.LastRaw.StartsWith(":alice!", StringComparison.Ordinal), Deadline);

        await dave.SendAsync("PART #ops :off to lunch");
        JsonElement left = await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "dave", Deadline);
        Assert.Equal(("leave", "off to lunch"), (Str(left, "reason"), Str(left, "text")));
        IrcMessage part = await watcher.ExpectAsync(m => m.Command == "PART" && watcher.LastRaw.StartsWith(":dave!", StringComparison.Ordinal), Deadline);
        Assert.Equal("off to lunch", part.Param(1));

        // eve, away on node A, joins: node B's away-notify client hears her AWAY right after her JOIN.
        TestClient eve = await Cluster.LoginAsync(Cluster.Nodes[0], "eve");
        await eve.ExpectOkAsync("away", new { text = "numa reunião" });
        await eve.ExpectOkAsync("join", new { room = "#ops" });
        await watcher.ExpectAsync(m => m.Command == "JOIN" && watcher.LastRaw.StartsWith(":eve!", StringComparison.Ordinal), Deadline);
        IrcMessage next = await watcher.ExpectAsync(_ => true, Deadline);
        Assert.Equal(("AWAY", "numa reunião"), (next.Command, next.Param(0)));
        Assert.StartsWith(":eve!", watcher.LastRaw, StringComparison.Ordinal);

        await op.SendAsync("KICK #ops eve :flooding");
        IrcMessage kick = await watcher.ExpectAsync(m => m.Command == "KICK" && m.Param(1) == "eve", Deadline);
        Assert.StartsWith(":op!", watcher.LastRaw, StringComparison.Ordinal);
        Assert.Equal("flooding", kick.Param(2));
        JsonElement kicked = await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "eve", Deadline);
        Assert.Equal(("kick", "flooding"), (Str(kicked, "reason"), Str(kicked, "text")));
    }

    [SkippableFact]
    public async Task AGroupCreatedOnAnotherNodeWithAnIrcUser_IsFollowedByItsNames()
    {
        await StartClusterAsync(2, "--irc-port", "0");
        IrcTestClient bob = Cluster.Own(await IrcTestClient.RegisterAsync(await Cluster.Nodes[0].IrcPortAsync(), "ircbob"));
        TestClient alice = await Cluster.LoginAsync(Cluster.Nodes[1], "alice");

        await alice.ExpectOkAsync("create", new { room = "+ponte", @private = true, members = new[] { "ircbob" } });

        await bob.ExpectAsync(m => m.Command == "JOIN" && m.Param(0) == "&ponte", Deadline);
        IrcMessage names = await bob.ExpectAsync(_ => true, Deadline);
        Assert.Equal(("353", "&ponte"), (names.Command, names.Param(2)));
        Assert.Equal(["@alice", "ircbob"], names.Params[^1].Split(' ').Order());
        IrcMessage end = await bob.ExpectAsync(_ => true, Deadline);
        Assert.Equal(("366", "&ponte"), (end.Command, end.Param(1)));
    }

    [SkippableFact]
    public async Task CtcpToAnIrcUserOnAnotherNode_IsPassedOnBothWays_AndNeverStored()
    {
        await StartClusterAsync(2, "--irc-port", "0");
        IrcTestClient bob = Cluster.Own(await IrcTestClient.RegisterAsync(await Cluster.Nodes[0].IrcPortAsync(), "bob", "batch", "message-tags", "draft/chathistory"));
        IrcTestClient carol = Cluster.Own(await IrcTestClient.RegisterAsync(await Cluster.Nodes[1].IrcPortAsync(), "carol"));
        await UntilOnlineAsync(bob, "carol");
        await UntilOnlineAsync(carol, "bob");

        await bob.SendAsync("PRIVMSG carol :\u0001VERSION\u0001");
        IrcMessage query = await carol.ExpectAsync(m => m.Command == "PRIVMSG", Deadline);
        Assert.Equal(["carol", "\u0001VERSION\u0001"], query.Params);
        Assert.StartsWith(":bob!", carol.LastRaw, StringComparison.Ordinal);
        // Not told it went nowhere: the query left for carol's server.
        Assert.DoesNotContain(await bob.SyncAsync(), m => m.Command == "NOTICE");

        await carol.SendAsync("NOTICE bob :\u0001VERSION WeeChat 4.6.3\u0001");
        IrcMessage answer = await bob.ExpectAsync(m => m.Command == "NOTICE", Deadline);
        Assert.Equal(["bob", "\u0001VERSION WeeChat 4.6.3\u0001"], answer.Params);
        Assert.StartsWith(":carol!", bob.LastRaw, StringComparison.Ordinal);

        // Neither is a line of their conversation.
        await bob.SendAsync("PRIVMSG carol :a real line");
        await carol.ExpectAsync(m => m.Command == "PRIVMSG" && m.Param(1) == "a real line", Deadline);
        await bob.SendAsync("CHATHISTORY LATEST carol * 10");
        var history = new List<string>();
        await bob.ExpectAsync(m =>
        {
            if (m.Command == "PRIVMSG")
            {
                history.Add(m.Param(1));
            }
            return m.Command == "BATCH" && m.Param(0).StartsWith('-');
        }, Deadline);
        Assert.Equal(["a real line"], history);
    }

    [SkippableFact]
    public async Task ANotice_ReachesTheOtherNodeAsANotice_InARoomAndDirect()
    {
        await StartClusterAsync(2, "--irc-port", "0");
        IrcTestClient bot = Cluster.Own(await IrcTestClient.RegisterAsync(await Cluster.Nodes[0].IrcPortAsync(), "feedbot"));
        IrcTestClient carol = Cluster.Own(await IrcTestClient.RegisterAsync(await Cluster.Nodes[1].IrcPortAsync(), "carol"));
        await bot.JoinAsync("#news");
        await carol.JoinAsync("#news");
        await UntilOnlineAsync(bot, "carol");

        await bot.SendAsync("NOTICE #news :novo artigo");
        IrcMessage room = await carol.ExpectAsync(m => m.Command is "NOTICE" or "PRIVMSG", Deadline);
        Assert.Equal(("NOTICE", "#news", "novo artigo"), (room.Command, room.Param(0), room.Param(1)));
        await bot.SendAsync("NOTICE carol :só para ti");
        IrcMessage direct = await carol.ExpectAsync(m => m.Command is "NOTICE" or "PRIVMSG", Deadline);
        Assert.Equal(("NOTICE", "carol", "só para ti"), (direct.Command, direct.Param(0), direct.Param(1)));
    }

    /// <summary>Asks ISON until <paramref name="irc"/>'s node knows <paramref name="nick"/> is online (it learns it through the backplane).</summary>
    private static async Task UntilOnlineAsync(IrcTestClient irc, string nick)
    {
        DateTime deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            await irc.SendAsync($"ISON {nick}");
            IrcMessage ison = await irc.ExpectAsync(m => m.Command == "303", Deadline);
            if (ison.Params[^1] == nick)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{nick} never showed online");
        }
    }
}
