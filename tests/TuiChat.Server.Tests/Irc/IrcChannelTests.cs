using System.Text.Json;
using TuiChat.Server.Irc;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Irc;

/// <summary>JOIN/PART/QUIT, NAMES, TOPIC, WHO, KICK, INVITE, MODE and LIST, modelled on irctest's channel cases; native clients share the rooms.</summary>
public sealed class IrcChannelTests
{
    [Fact]
    public async Task Join_EchoesJoin_ThenNames_AndNativeMembersSeeIt()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient irc = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await irc.SendAsync("JOIN #general");

        IrcMessage join = await irc.ExpectAsync(m => m.Command == "JOIN");
        Assert.Equal("#general", join.Param(0));
        IrcMessage names = await irc.ExpectAsync(m => m.Command == "353");
        Assert.Equal("#general", names.Param(2));
        Assert.Equal(["alice", "bob"], names.Params[^1].Split(' ').Order());
        await irc.ExpectAsync(m => m.Command == "366");
        await alice.WaitForAsync(f => Type(f) == "joined" && Str(f, "user") == "bob");
    }

    [Fact]
    public async Task PartAndQuit_ReachNativeAndIrcMembers()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");
        await bob.JoinAsync("#general,#side,#third");
        await carol.SendAsync("JOIN #general,#side,#third");
        await bob.ExpectAsync(m => m.Command == "JOIN" && m.Param(0) == "#third" && bob.LastRaw.StartsWith(":carol!", StringComparison.Ordinal));

        await carol.SendAsync("PART #third :later");
        await bob.ExpectAsync(m => m.Command == "PART" && m.Param(0) == "#third");
        await carol.SendAsync("QUIT :bye \u0002for now\u0002");

        // The reason said reaches both kinds of client, its formatting stripped; bob shares two
        // channels with carol and gets one QUIT, as from any IRC server.
        await bob.ExpectAsync(m => m.Command == "QUIT" && m.Params[^1] == "bye for now");
        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "carol" && Str(f, "reason") == "quit" && Str(f, "text") == "bye for now");
        Assert.DoesNotContain(await bob.SyncAsync(), m => m.Command == "QUIT");
    }

    [Fact]
    public async Task Topic_QueryAndSet_AreSharedWithNativeClients()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient irc = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        // bob creates #lunch from IRC, so he is its operator (the one who may set its topic).
        await irc.SendAsync("JOIN #lunch");
        await irc.SendAsync("TOPIC #lunch");
        await irc.ExpectAsync(m => m.Command == "331");
        await alice.ExpectOkAsync("join", new { room = "#lunch" });

        await irc.SendAsync("TOPIC #lunch :lunch at noon");
        IrcMessage topic = await irc.ExpectAsync(m => m.Command == "TOPIC");
        Assert.Equal("lunch at noon", topic.Param(1));
        await alice.WaitForAsync(f => Type(f) == "topic" && Str(f, "topic") == "lunch at noon");

        await alice.ExpectErrorAsync("not_allowed", "topic", new { room = "#lunch", topic = "dinner" });
        await irc.SendAsync("TOPIC #lunch");
        IrcMessage query = await irc.ExpectAsync(m => m.Command == "332");
        Assert.Equal("lunch at noon", query.Params[^1]);
    }

    [Fact]
    public async Task TopicOfARoomWithoutOperatorRights_Gets482()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient irc = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await irc.SendAsync("JOIN #general");
        await irc.SendAsync("TOPIC #general :mine now");
        IrcMessage refused = await irc.ExpectAsync(m => m.Command == "482");
        Assert.Equal("#general", refused.Param(1));
    }

    [Fact]
    public async Task ModeQueries_AfterAJoin_AreAnswered_AndChangesAreRefused()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient irc = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await irc.SendAsync("JOIN #general");

        // What irssi and WeeChat ask after a join; each needs its end numeric or the client waits.
        await irc.SendAsync("MODE #general");
        Assert.Equal("+nt", (await irc.ExpectAsync(m => m.Command == "324")).Param(2));
        await irc.SendAsync("MODE #general b");
        await irc.ExpectAsync(m => m.Command == "368" && m.Param(1) == "#general");
        await irc.SendAsync("MODE #general e");
        await irc.ExpectAsync(m => m.Command == "349" && m.Param(1) == "#general");
        await irc.SendAsync("MODE #general I");
        await irc.ExpectAsync(m => m.Command == "347" && m.Param(1) == "#general");
        await irc.SendAsync("MODE #general +b someone");
        await irc.ExpectAsync(m => m.Command == "482");
    }

    [Fact]
    public async Task UserMode_IsAlwaysInvisible_PlusIIsAcceptedQuietly_AndEverythingElseIsRefused()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient irc = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await irc.SendAsync("MODE bob");
        Assert.Equal("+i", (await irc.ExpectAsync(m => m.Command == "221")).Param(1));
        // What irssi sends after every registration: already so, so nothing comes back.
        await irc.SendAsync("MODE bob +i");
        Assert.DoesNotContain(await irc.SyncAsync(), m => m.Command is "MODE" or "221" or "501");

        await irc.SendAsync("MODE bob -i");
        await irc.ExpectAsync(m => m.Command == "501");
        await irc.SendAsync("MODE bob +iw");
        await irc.ExpectAsync(m => m.Command == "501");
        await irc.SendAsync("MODE alice +i");
        await irc.ExpectAsync(m => m.Command == "502");
        await irc.SendAsync("MODE bob");
        Assert.Equal("+i", (await irc.ExpectAsync(m => m.Command == "221")).Param(1));
    }

    [Fact]
    public async Task TopicOfAChannelNotJoined_Gets442()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient irc = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await irc.SendAsync("TOPIC #general :mine");

        await irc.ExpectAsync(m => m.Command == "442");
    }

    [Fact]
    public async Task Who_ListsTheChannelsMembers()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient irc = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await irc.SendAsync("JOIN #general");

        await irc.SendAsync("WHO #general");

        var nicks = new List<string>();
        while (true)
        {
            IrcMessage m = await irc.ExpectAsync(x => x.Command is "352" or "315");
            if (m.Command == "315")
            {
                break;
            }
            nicks.Add(m.Param(5));
        }
        Assert.Equal(["alice", "bob"], nicks.Order());
    }

    [Fact]
    public async Task Group_IsAnAmpersandChannel_InviteOnly_AndOnlyItsOwnerKicksAndInvites()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await alice.ExpectOkAsync("create", new { room = "+team", @private = true });
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");

        await bob.SendAsync("JOIN &team");
        await bob.ExpectAsync(m => m.Command == "473");
        await alice.ExpectOkAsync("invite", new { room = "+team", user = "bob" });
        IrcMessage invite = await bob.ExpectAsync(m => m.Command == "INVITE");
        Assert.Equal("&team", invite.Param(1));
        await bob.ExpectAsync(m => m.Command == "JOIN" && m.Param(0) == "&team");
        await bob.SendAsync("MODE &team");
        IrcMessage mode = await bob.ExpectAsync(m => m.Command == "324");
        // Invite only, and no t: the modes say what bob may do, and a member sets a group's topic.
        Assert.Equal("+in", mode.Param(2));
        await bob.SendAsync("TOPIC &team :plano de sábado");
        IrcMessage topic = await bob.ExpectAsync(m => m.Command == "TOPIC");
        Assert.Equal(["&team", "plano de sábado"], topic.Params);

        await bob.SendAsync("INVITE carol &team");
        await bob.ExpectAsync(m => m.Command == "482");
        await bob.SendAsync("KICK &team alice");
        await bob.ExpectAsync(m => m.Command == "482");
        await bob.SendAsync("NAMES &team");
        IrcMessage names = await bob.ExpectAsync(m => m.Command == "353");
        Assert.Contains("@alice", names.Params[^1].Split(' '));

        await alice.ExpectOkAsync("kick", new { room = "+team", user = "bob" });
        IrcMessage kick = await bob.ExpectAsync(m => m.Command == "KICK");
        // From the kicker; a native kick without a reason has the kicker's nick as its comment.
        Assert.StartsWith(":alice!", bob.LastRaw, StringComparison.Ordinal);
        Assert.Equal(["&team", "bob", "alice"], kick.Params);
    }

    [Fact]
    public async Task IrcOwner_InvitesWith341_AndKicks()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await using TestClient alice = await server.LoginAsync("alice");
        await bob.JoinAsync("#general");
        await alice.ExpectOkAsync("create", new { room = "+crew", @private = true, members = new[] { "bob" } });
        await bob.ExpectAsync(m => m.Command == "JOIN" && m.Param(0) == "&crew");
        await alice.ExpectOkAsync("leave", new { room = "+crew" });
        await bob.ExpectAsync(m => m.Command == "PART" && m.Param(0) == "&crew");

        await bob.SendAsync("INVITE alice &crew");
        await bob.ExpectAsync(m => m.Command == "341");
        await alice.WaitForAsync(f => Type(f) == "invited" && Str(f, "room") == "+crew");
        await bob.SendAsync("KICK &crew alice :bye");
        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "+crew" && Str(f, "reason") == "kick");
    }

    /// <summary>
    /// The operator's log reads the same whichever door a moderator used: an IRC INVITE and KICK
    /// are logged as the native ones are; who joins or leaves a room is logged from neither.
    /// </summary>
    [Fact]
    public async Task IrcInviteAndKick_AreLogged_AsNativeOnes_AndJoinsFromNeitherDoor()
    {
        var sink = new CollectingSink();
        Serilog.ILogger log = new Serilog.LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        await using TestServer server = TestServer.Start(log: log);
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await using TestClient alice = await server.LoginAsync("alice");
        await bob.JoinAsync("#general");
        await alice.ExpectOkAsync("join", new { room = "#lobby" });
        await alice.ExpectOkAsync("create", new { room = "+crew", @private = true, members = new[] { "bob" } });
        await bob.ExpectAsync(m => m.Command == "JOIN" && m.Param(0) == "&crew");
        await alice.ExpectOkAsync("leave", new { room = "+crew" });
        await bob.ExpectAsync(m => m.Command == "PART" && m.Param(0) == "&crew");

        await bob.SendAsync("INVITE alice &crew");
        await bob.ExpectAsync(m => m.Command == "341");
        await bob.SendAsync("KICK &crew alice :bye");
        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "room") == "+crew" && Str(f, "reason") == "kick");

        string[] lines = [.. sink.Events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Contains("\"alice\" created \"+crew\" (private: True)", lines);
        Assert.Contains("\"bob\" invited \"alice\" to \"+crew\"", lines);
        Assert.Contains("\"bob\" kicked \"alice\" from \"+crew\"", lines);
        Assert.DoesNotContain(lines, line => line.Contains("joined", StringComparison.Ordinal) || line.Contains(" left ", StringComparison.Ordinal));
    }

    /// <summary>irssi and WeeChat say "carol is already on channel &amp;crew" for 443, and "Inviting carol" for 341.</summary>
    [Fact]
    public async Task Invite_OfAMemberAlready_Gets443_NotAnotherInvitation()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");
        await using TestClient alice = await server.LoginAsync("alice", "alice-password", register: true);
        await alice.ExpectOkAsync("create", new { room = "+crew", @private = true, members = new[] { "carol" } });
        await carol.ExpectAsync(m => m.Command == "366" && m.Param(1) == "&crew");
        await using IrcTestClient aliceIrc = await IrcTestClient.RegisterWithSaslAsync(server.IrcPort, "alice", "alice-password");
        await aliceIrc.ExpectAsync(m => m.Command == "366" && m.Param(1) == "&crew");

        await aliceIrc.SendAsync("INVITE carol &crew");

        IrcMessage answer = await aliceIrc.ExpectAsync(m => m.Command is "341" or "443");
        Assert.Equal("443", answer.Command);
        Assert.Equal(["alice", "carol", "&crew"], answer.Params.Take(3));
        Assert.DoesNotContain(await carol.SyncAsync(), m => m.Command == "INVITE");
    }

    [Fact]
    public async Task List_ShowsPublicRooms_WithTheirTopics()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await alice.ExpectOkAsync("join", new { room = "#books" });
        await alice.ExpectOkAsync("topic", new { room = "#books", topic = "reading" });
        await using IrcTestClient irc = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await irc.SendAsync("LIST");

        IrcMessage books = await irc.ExpectAsync(m => m.Command == "322" && m.Param(1) == "#books");
        Assert.Equal("reading", books.Params[^1]);
        await irc.ExpectAsync(m => m.Command == "323");
    }

    [Fact]
    public async Task NativeQuitReason_ReachesIrcMembers_AndAQuitWithoutOneSaysQuit()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#general");
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient carol = await server.LoginAsync("carol");
        await bob.ExpectAsync(m => m.Command == "JOIN" && bob.LastRaw.StartsWith(":carol!", StringComparison.Ordinal));

        await alice.ExpectOkAsync("quit", new { reason = "off to lunch" });
        await bob.ExpectAsync(m => m.Command == "QUIT" && bob.LastRaw.StartsWith(":alice!", StringComparison.Ordinal) && m.Params[^1] == "off to lunch");
        await carol.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "alice" && Str(f, "text") == "off to lunch");

        await using IrcTestClient dave = await IrcTestClient.RegisterAsync(server.IrcPort, "dave");
        await dave.JoinAsync("#general");
        await dave.SendAsync("QUIT");
        await bob.ExpectAsync(m => m.Command == "QUIT" && bob.LastRaw.StartsWith(":dave!", StringComparison.Ordinal) && m.Params[^1] == "quit");
        JsonElement left = await carol.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "dave");
        Assert.False(left.TryGetProperty("text", out _));
    }

    [Fact]
    public async Task PartWithAReason_ReachesIrcMembersAndItsSender_AndNativeMembersAsLeftText()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");
        foreach (IrcTestClient member in new[] { bob, carol })
        {
            await member.JoinAsync("#general");
        }

        await carol.SendAsync("PART #general :bye \u0002everyone\u0002");

        IrcMessage own = await carol.ExpectAsync(m => m.Command == "PART");
        Assert.Equal(["#general", "bye everyone"], own.Params);
        IrcMessage seen = await bob.ExpectAsync(m => m.Command == "PART");
        Assert.Equal(["#general", "bye everyone"], seen.Params);
        await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "carol" && Str(f, "reason") == "leave" && Str(f, "text") == "bye everyone");

        // Without a reason, PART has the channel only and the native event no text.
        await bob.SendAsync("PART #general");
        IrcMessage plain = await bob.ExpectAsync(m => m.Command == "PART");
        Assert.Equal(["#general"], plain.Params);
        JsonElement left = await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "bob");
        Assert.False(left.TryGetProperty("text", out _));
    }

    [Fact]
    public async Task NamesOfSeveralChannels_AnswersEach_AndAnUnknownOneWithItsEnd()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#chan1,#chan2");

        await bob.SendAsync("NAMES #chan1,#chan2,#nonexisting");

        Assert.Equal("@bob", (await bob.ExpectAsync(m => m.Command == "353")).Params[^1]);
        Assert.Equal("#chan1", (await bob.ExpectAsync(m => m.Command == "366")).Param(1));
        Assert.Equal("#chan2", (await bob.ExpectAsync(m => m.Command == "353")).Param(2));
        Assert.Equal("#chan2", (await bob.ExpectAsync(m => m.Command == "366")).Param(1));
        Assert.Equal("#nonexisting", (await bob.ExpectAsync(m => m.Command is "353" or "366")).Param(1));
    }

    [Fact]
    public async Task ListWithChannelsOrMasks_ShowsOnlyWhatMatches()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#chan1,#chan2");

        Assert.Equal(["#chan1"], await ListAsync(bob, "LIST #chan1"));
        Assert.Equal(["#chan2"], await ListAsync(bob, "LIST *AN2"));
        Assert.Equal(["#chan1", "#chan2"], await ListAsync(bob, "LIST #ch*,#nonexistent"));
        Assert.Equal(["#chan2", "#general"], await ListAsync(bob, "LIST !*an1"));
        Assert.Empty(await ListAsync(bob, "LIST #nonexistent"));
    }

    [Fact]
    public async Task ListWithAPathologicalMask_AnswersAtOnce_AndKeepsTheConnection()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        string longRoom = "#" + new string('a', 48);
        await alice.ExpectOkAsync("join", new { room = longRoom });
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        // A backtracking matcher tries every way of spreading 48 a's over 20 stars before it fails on the b.
        string mask = "#" + string.Concat(Enumerable.Repeat("*a", 20)) + "*b";

        Assert.Empty(await ListAsync(bob, "LIST " + mask));
        Assert.Equal([longRoom], await ListAsync(bob, "LIST #*a*a*?*A"));
        await bob.SyncAsync();
    }

    [Fact]
    public async Task TopicSetEmpty_ClearsIt_ForEveryMember()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");
        await bob.JoinAsync("#test");
        await carol.JoinAsync("#test");
        await bob.SendAsync("TOPIC #test :new topic");
        await carol.ExpectAsync(m => m.Command == "TOPIC" && m.Param(1) == "new topic");

        await bob.SendAsync("TOPIC #test :");

        Assert.Equal(["#test", ""], (await bob.ExpectAsync(m => m.Command == "TOPIC" && m.Param(1) != "new topic")).Params);
        Assert.Equal(["#test", ""], (await carol.ExpectAsync(m => m.Command == "TOPIC")).Params);
        await carol.SendAsync("TOPIC #test");
        await carol.ExpectAsync(m => m.Command == "331");
    }

    [Fact]
    public async Task Whowas_Gets406AndItsEnd_AsNoPastNickIsKept()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await bob.SendAsync("WHOWAS gone");

        Assert.Equal(["bob", "gone", "There was no such nickname"], (await bob.ExpectAsync(m => m.Command is "406" or "421")).Params);
        await bob.ExpectAsync(m => m.Command == "369" && m.Param(1) == "gone");
    }

    /// <summary>
    /// irssi's <c>/whois alice,carol</c> sends the comma list as it is: it is answered for its first
    /// nick, as solanum and ergo answer a user (005 says <c>WHOIS:1</c>), not with a 401 for a nick
    /// called "alice,carol".
    /// </summary>
    [Fact]
    public async Task Whois_OfACommaList_IsAnsweredForItsFirstNick()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.ConnectAsync(server.IrcPort);
        await bob.SendAsync("NICK bob");
        await bob.SendAsync("USER bob 0 * :bob");
        Assert.Contains("WHOIS:1", (await bob.ExpectAsync(m => m.Command == "005")).Params.Single(p => p.StartsWith("TARGMAX=", StringComparison.Ordinal))[8..].Split(','));
        await bob.ExpectAsync(m => m.Command == "MODE");

        await bob.SendAsync("WHOIS alice,carol");

        IReadOnlyList<IrcMessage> whois = await bob.LinesUntilAsync(m => m.Command == "318");
        Assert.Equal(["311", "312", "318"], whois.Select(m => m.Command).Where(c => c is "311" or "312" or "318" or "401"));
        Assert.All(whois, m => Assert.Equal("alice", m.Param(1)));
    }

    [Fact]
    public async Task IsonAndUserhost_AnswerForTheOnlineNicksOnly_UserhostMarkingTheAway()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await alice.ExpectOkAsync("away", new { text = "lunch" });

        await bob.SendAsync("ISON alice nobody :bob");
        Assert.Equal(["bob", "alice bob"], (await bob.ExpectAsync(m => m.Command is "303" or "421")).Params);
        await bob.SendAsync("USERHOST alice nobody bob");
        Assert.Equal(["bob", "alice=-alice@tuichat bob=+bob@tuichat"], (await bob.ExpectAsync(m => m.Command is "302" or "421")).Params);
    }

    [Fact]
    public async Task PublicRoomCreator_IsItsOperator_WithTheAtPrefixInNamesAndWho()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");
        await bob.JoinAsync("#chan");

        await carol.SendAsync("JOIN #chan");

        Assert.Equal(["@bob", "carol"], (await carol.ExpectAsync(m => m.Command == "353")).Params[^1].Split(' ').Order());
        await carol.SendAsync("WHO #chan");
        Assert.Equal("H@", (await carol.ExpectAsync(m => m.Command == "352" && m.Param(5) == "bob")).Param(6));
        Assert.Equal("H", (await carol.ExpectAsync(m => m.Command == "352" && m.Param(5) == "carol")).Param(6));
        // #general is everyone's: nobody is its operator.
        await carol.SendAsync("JOIN #general");
        Assert.DoesNotContain('@', (await carol.ExpectAsync(m => m.Command == "353" && m.Param(2) == "#general")).Params[^1]);
    }

    [Fact]
    public async Task AnAdmin_IsAnOperatorInWhoisAndWho()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient admin = await server.LoginAsync("admin", TestServer.AdminPassword);
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await bob.SendAsync("WHOIS admin");
        Assert.Equal(["bob", "admin", "is a TuiChat admin"], (await bob.ExpectAsync(m => m.Command is "313" or "318")).Params);
        await bob.SendAsync("WHOIS alice");
        Assert.Equal("318", (await bob.ExpectAsync(m => m.Command is "313" or "318")).Command);
        await bob.SendAsync("WHO #general");
        Assert.Equal("H*", (await bob.ExpectAsync(m => m.Command == "352" && m.Param(5) == "admin")).Param(6));
        await bob.SendAsync("WHO alice");
        Assert.Equal("H", (await bob.ExpectAsync(m => m.Command == "352")).Param(6));
    }

    [Fact]
    public async Task AGroupAnotherUserInvitesOrCreatesWithYou_IsFollowedByItsTopicAndNames()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient carol = await server.LoginAsync("carol");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await alice.ExpectOkAsync("create", new { room = "+equipe", @private = true, members = new[] { "carol" } });
        await alice.ExpectOkAsync("topic", new { room = "+equipe", topic = "sprint" });

        await alice.ExpectOkAsync("invite", new { room = "+equipe", user = "bob" });

        (string? topic, List<string> names) = await JoinBurstAsync(bob, "&equipe");
        Assert.Equal("sprint", topic);
        Assert.Equal(["@alice", "bob", "carol"], names.Order());

        await alice.ExpectOkAsync("create", new { room = "+crew", @private = true, members = new[] { "bob" } });

        (topic, names) = await JoinBurstAsync(bob, "&crew");
        Assert.Null(topic);
        Assert.Equal(["@alice", "bob"], names.Order());
    }

    [Fact]
    public async Task SaslLogin_OfAnAccountInRooms_GetsEachChannelsNamesAfterItsJoin()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        // dave is a member of +equipe while offline; carol is online natively in #books and +equipe.
        await (await server.LoginAsync("dave", "dave-password", register: true)).DisposeAsync();
        await using TestClient carol = await server.LoginAsync("carol", "carol-password", register: true);
        await carol.ExpectOkAsync("join", new { room = "#books" });
        await alice.ExpectOkAsync("create", new { room = "+equipe", @private = true, members = new[] { "carol", "dave" } });
        await carol.WaitForAsync(f => Type(f) == "joined" && Str(f, "room") == "+equipe" && Str(f, "user") == "carol");

        // Already online: the IRC session is joined to the rooms the account is in.
        await using IrcTestClient carolIrc = await IrcTestClient.RegisterWithSaslAsync(server.IrcPort, "carol", "carol-password");

        Assert.Equal(["alice", "carol"], (await JoinBurstAsync(carolIrc, "#general")).Names.Order());
        // She began #books, so she is its operator.
        Assert.Equal(["@carol"], (await JoinBurstAsync(carolIrc, "#books")).Names);
        Assert.Equal(["@alice", "carol", "dave"], (await JoinBurstAsync(carolIrc, "&equipe")).Names.Order());

        // Offline: its first session enters the groups it belongs to.
        await Eventually.Until(() => server.Server.State.Sessions.FindOnline("dave") is null, "dave is offline");
        await using IrcTestClient dave = await IrcTestClient.RegisterWithSaslAsync(server.IrcPort, "dave", "dave-password");

        Assert.Equal(["@alice", "carol", "dave"], (await JoinBurstAsync(dave, "&equipe")).Names.Order());
    }

    /// <summary>
    /// Waits for the client's own JOIN of <paramref name="channel"/> and reads what must come right
    /// after it: the topic (332) when there is one, the names (353...) and their end (366).
    /// </summary>
    private static async Task<(string? Topic, List<string> Names)> JoinBurstAsync(IrcTestClient client, string channel)
    {
        await client.ExpectAsync(m => m.Command == "JOIN" && m.Param(0) == channel);
        IrcMessage next = await client.NextAsync();
        string? topic = null;
        if (next.Command == "332")
        {
            Assert.Equal(channel, next.Param(1));
            topic = next.Params[^1];
            next = await client.NextAsync();
        }
        var names = new List<string>();
        while (next.Command == "353")
        {
            Assert.Equal(channel, next.Param(2));
            names.AddRange(next.Params[^1].Split(' '));
            next = await client.NextAsync();
        }
        Assert.True(next.Command == "366" && next.Param(1) == channel, $"after the JOIN of {channel}: {client.LastRaw}");
        Assert.NotEmpty(names);
        return (topic, names);
    }

    /// <summary>The channels a LIST answers with, in order, up to its 323.</summary>
    private static async Task<List<string>> ListAsync(IrcTestClient client, string command)
    {
        await client.SendAsync(command);
        var channels = new List<string>();
        while ((await client.ExpectAsync(m => m.Command is "322" or "323")) is { Command: "322" } entry)
        {
            channels.Add(entry.Param(1));
        }
        return channels;
    }

    [Fact]
    public async Task KickWithAReason_ComesFromTheKicker_ToEveryMember_AndSeveralNicksAreKickedInTurn()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");
        await using IrcTestClient dave = await IrcTestClient.RegisterAsync(server.IrcPort, "dave");
        await using TestClient alice = await server.LoginAsync("alice");
        // bob creates #chan, so he is its operator.
        await bob.JoinAsync("#chan");
        foreach (IrcTestClient member in new[] { carol, dave })
        {
            await member.JoinAsync("#chan");
        }
        await alice.ExpectOkAsync("join", new { room = "#chan" });

        await bob.SendAsync("KICK #chan carol,dave :bye \u0002now\u0002");

        foreach (string nick in new[] { "carol", "dave" })
        {
            IrcMessage kick = await bob.ExpectAsync(m => m.Command == "KICK" && m.Param(1) == nick);
            Assert.StartsWith(":bob!", bob.LastRaw, StringComparison.Ordinal);
            Assert.Equal(["#chan", nick, "bye now"], kick.Params);
            await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == nick && Str(f, "reason") == "kick" && Str(f, "text") == "bye now"
                && Str(f, "by") == "bob");
        }
        IrcMessage own = await carol.ExpectAsync(m => m.Command == "KICK");
        Assert.Equal(["#chan", "carol", "bye now"], own.Params);

        // Without a comment, the kicker's nick is the comment (as ircds do).
        await carol.JoinAsync("#chan");
        await bob.SendAsync("KICK #chan carol");
        Assert.Equal(["#chan", "carol", "bob"], (await carol.ExpectAsync(m => m.Command == "KICK")).Params);
        await bob.SendAsync("KICK #chan nobody");
        Assert.Equal(["bob", "nobody", "#chan", "They aren't on that channel"], (await bob.ExpectAsync(m => m.Command == "441")).Params);
    }
}
