using System.Text;
using TuiChat.Protocol;
using TuiChat.Server.Irc;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Irc;

/// <summary>Connection registration, modelled on irctest's RFC 1459/2812 and IRCv3 cap/sasl cases.</summary>
public sealed class IrcRegistrationTests
{
    [Fact]
    public async Task NickAndUser_GetTheWelcomeBurst_WithIsupportTokens()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.ConnectAsync(server.IrcPort);
        await client.SendAsync("NICK foo");
        await client.SendAsync("USER username * * :Realname");

        IrcMessage welcome = await client.ExpectAsync(m => m.Command == "001");
        Assert.Equal("foo", welcome.Param(0));
        await client.ExpectAsync(m => m.Command == "002");
        await client.ExpectAsync(m => m.Command == "003");
        await client.ExpectAsync(m => m.Command == "004");
        IrcMessage isupport = await client.ExpectAsync(m => m.Command == "005");
        foreach (string token in new[] { "CHANTYPES=#&", "PREFIX=(o)@", "CASEMAPPING=ascii", "NETWORK=TuiChat", "UTF8ONLY" })
        {
            Assert.Contains(token, isupport.Params);
        }
        Assert.Contains(isupport.Params, p => p.StartsWith("CHANMODES=", StringComparison.Ordinal));
        Assert.Contains(isupport.Params, p => p.StartsWith("NICKLEN=", StringComparison.Ordinal));
        // Every user is +i: counted as invisible, and told so after the MOTD.
        IrcMessage users = await client.ExpectAsync(m => m.Command == "251");
        Assert.Equal("There are 0 users and 1 invisible on 1 servers", users.Params[^1]);
        await client.ExpectAsync(m => m.Command == "422");
        IrcMessage mode = await client.NextAsync();
        Assert.Equal(("MODE", "foo", "+i"), (mode.Command, mode.Param(0), mode.Param(1)));
        Assert.StartsWith(":foo ", client.LastRaw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_Gets351AndTheIsupportTokens_AndTime_TheServersClock()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        // irssi's and WeeChat's /version; both were "421 Unknown command".
        await client.SendAsync("VERSION");
        IrcMessage version = await client.ExpectAsync(m => m.Command == "351");
        Assert.Equal(["bob", server.Options.ServerName, IrcEncoder.ServerName], version.Params.Take(3));
        IrcMessage isupport = await client.ExpectAsync(m => m.Command == "005");
        Assert.Contains("NETWORK=TuiChat", isupport.Params);

        await client.SendAsync("TIME");
        IrcMessage time = await client.ExpectAsync(m => m.Command == "391");
        Assert.Equal(IrcEncoder.ServerName, time.Param(1));
        Assert.Equal(server.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), time.Param(2));
        Assert.EndsWith("UTC", time.Params[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheCommands_ExplainsOne_AndAnswers524ToAnUnknownSubject()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        // irssi's /quote help, WeeChat's /quote help: both were "421 Unknown command".
        await client.SendAsync("HELP");
        IReadOnlyList<IrcMessage> index = await client.LinesUntilAsync(m => m.Command == "706");
        Assert.Equal(("704", "*"), (index[0].Command, index[0].Param(1)));
        Assert.All(index, line => Assert.Equal("*", line.Param(1)));
        string indexText = string.Join(' ', index.Where(m => m.Command == "705").Select(m => m.Params[^1]));
        Assert.Contains("JOIN PART PRIVMSG", indexText, StringComparison.Ordinal);
        Assert.Contains("HELP GROUPS", indexText, StringComparison.Ordinal);
        // Wrapped for a terminal: no line a client would have to cut.
        Assert.All(index, line => Assert.True(Encoding.UTF8.GetByteCount(line.Params[^1]) <= 76, line.Params[^1]));

        await client.SendAsync("HELPOP join");
        IReadOnlyList<IrcMessage> join = await client.LinesUntilAsync(m => m.Command == "706");
        Assert.Equal(("704", "JOIN"), (join[0].Command, join[0].Param(1)));
        Assert.Contains(join, m => m.Command == "705" && m.Params[^1].Contains("&group", StringComparison.Ordinal));

        await client.SendAsync("HELP groups");
        IReadOnlyList<IrcMessage> groups = await client.LinesUntilAsync(m => m.Command == "706");
        Assert.Contains(groups, m => m.Params[^1].Contains("/create +name", StringComparison.Ordinal));

        await client.SendAsync("HELP SUMMON");
        IrcMessage unknown = await client.NextAsync();
        Assert.Equal(("524", "SUMMON"), (unknown.Command, unknown.Param(1)));
        await client.SendAsync("HELP :two words");
        IrcMessage notOneWord = await client.NextAsync();
        Assert.Equal(("524", "*"), (notOneWord.Command, notOneWord.Param(1)));
    }

    [Fact]
    public async Task EveryCommandHelpLists_IsHandled()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        // Each bare, so that none changes anything (QUIT last: it ends the session).
        foreach (string command in IrcHelp.Commands.Where(c => c != "QUIT"))
        {
            await client.SendAsync(command);
            IReadOnlyList<IrcMessage> answer = await client.SyncAsync();
            Assert.DoesNotContain(answer, m => m.Command == "421");
        }
        await client.SendAsync("QUIT");
        await client.ExpectAsync(m => m.Command == "ERROR");
    }

    [Fact]
    public async Task Info_SaysWhatTheServerIs_AndAdmin_Gets423()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await client.SendAsync("INFO");
        IReadOnlyList<IrcMessage> info = await client.LinesUntilAsync(m => m.Command == "374");
        Assert.StartsWith(server.Options.ServerName, info[0].Params[^1], StringComparison.Ordinal);
        Assert.All(info.SkipLast(1), m => Assert.Equal("371", m.Command));

        await client.SendAsync("ADMIN");
        IrcMessage admin = await client.NextAsync();
        Assert.Equal(("423", IrcEncoder.ServerName), (admin.Command, admin.Param(1)));
    }

    [Fact]
    public async Task CommandsBeforeRegistration_Get451()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.ConnectAsync(server.IrcPort);

        await client.SendAsync("JOIN #chan");

        await client.ExpectAsync(m => m.Command == "451");
    }

    [Fact]
    public async Task UserWithTooFewParameters_Gets461_AndReregistering_Gets462()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.ConnectAsync(server.IrcPort);
        await client.SendAsync("NICK foo");
        await client.SendAsync("USER username");
        await client.ExpectAsync(m => m.Command == "461" && m.Param(1) == "USER");
        await client.SendAsync("USER username * * :Realname");
        await client.ExpectAsync(m => m.Command == "001");

        await client.SendAsync("USER username * * :Realname");

        await client.ExpectAsync(m => m.Command == "462");
    }

    [Fact]
    public async Task NickInUse_Gets433_AndAnotherNickRegisters()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient first = await IrcTestClient.RegisterAsync(server.IrcPort, "foo");
        await using IrcTestClient second = await IrcTestClient.ConnectAsync(server.IrcPort);
        await second.SendAsync("NICK FOO");
        await second.SendAsync("USER u * * :r");

        await second.ExpectAsync(m => m.Command == "433");
        await second.SendAsync("NICK bar");
        IrcMessage welcome = await second.ExpectAsync(m => m.Command == "001");
        Assert.Equal("bar", welcome.Param(0));
    }

    /// <summary>
    /// Names ignore case, and a user keeps the form it logged in with: <c>/nick Bob</c> is told so
    /// (447) instead of getting nothing, which left irssi and WeeChat without a word. The nick it has
    /// already, as it is, changes nothing and gets nothing, as ircds do.
    /// </summary>
    [Fact]
    public async Task NickChange_OnlyInCase_Gets447_AndTheSameNickGetsNothing()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await bob.SendAsync("NICK bob");
        Assert.Empty(await bob.SyncAsync());
        await bob.SendAsync("NICK Bob");

        IrcMessage refused = Assert.Single(await bob.SyncAsync());
        Assert.Equal("447", refused.Command);
        Assert.Contains("Bob", refused.Params[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErroneousNick_Gets432_AndNoNick_Gets431()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.ConnectAsync(server.IrcPort);

        await client.SendAsync("NICK 9lives");
        await client.ExpectAsync(m => m.Command == "432");
        await client.SendAsync("NICK");
        await client.ExpectAsync(m => m.Command == "431");
    }

    [Fact]
    public async Task UnicodeName_HasAStableReversibleNick()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient jose = await server.LoginAsync("José");
        await using IrcTestClient irc = await IrcTestClient.RegisterAsync(server.IrcPort, "watcher");

        await irc.SendAsync("WHOIS xn--jos-dma");

        IrcMessage whois = await irc.ExpectAsync(m => m.Command == "311");
        Assert.Equal("xn--jos-dma", whois.Param(1));
        Assert.Equal("José", whois.Params[^1]);
        // Read back to the same identity (names are case-insensitive; IDNA keeps lower case).
        Assert.Equal(NameRules.Key("José"), NameRules.Key(IrcNames.FromNick(IrcNames.ToNick("José"))));
        Assert.Equal("ana.maria", IrcNames.FromNick(IrcNames.ToNick("ana.maria")));
    }

    [Fact]
    public async Task ANativeNameThatLooksLikeIdna_HasItsOwnNick_AndMessagesReachItsOwner()
    {
        await using TestServer server = TestServer.Start();
        // xn--jos-dma is how IRC writes José; here it is also the name of another user.
        await using TestClient lookalike = await server.LoginAsync("xn--jos-dma");
        await using TestClient jose = await server.LoginAsync("José");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.SendAsync("JOIN #general");
        string[] nicks = [.. (await bob.ExpectAsync(m => m.Command == "353")).Params[^1].Split(' ').Where(n => n.TrimStart('@') != "bob")];
        Assert.Equal(2, nicks.Distinct().Count());

        foreach (string nick in nicks)
        {
            await bob.SendAsync($"WHOIS {nick}");
            string user = (await bob.ExpectAsync(m => m.Command == "311")).Params[^1];
            await bob.SendAsync($"PRIVMSG {nick} :for {user}");
            TestClient owner = user == "José" ? jose : lookalike;
            await owner.WaitForAsync(f => Type(f) == "message" && Str(f, "from") == "bob" && Str(f, "text") == "for " + user);
        }
        Assert.Equal("xn--jos-dma", IrcNames.FromNick(IrcNames.ToNick("xn--jos-dma")));
        Assert.Equal("ana.xn--x", IrcNames.FromNick(IrcNames.ToNick("ana.xn--x")));
        Assert.Equal("josé.xn--jos-dma", IrcNames.FromNick(IrcNames.ToNick("José.xn--jos-dma")));
    }

    [Fact]
    public async Task RegisteredName_NeedsItsPassword_ButPassLogsIn()
    {
        await using TestServer server = TestServer.Start();
        await (await server.LoginAsync("carol", "carol-password", register: true)).DisposeAsync();
        await Eventually.Until(() => server.Server.State.Sessions.FindOnline("carol") is null, "carol is offline");

        await using IrcTestClient guest = await IrcTestClient.ConnectAsync(server.IrcPort);
        await guest.SendAsync("NICK carol");
        await guest.SendAsync("USER u * * :r");
        await guest.ExpectAsync(m => m.Command == "433");

        await using IrcTestClient wrong = await IrcTestClient.ConnectAsync(server.IrcPort);
        await wrong.SendAsync("PASS not-her-password");
        await wrong.SendAsync("NICK carol");
        await wrong.SendAsync("USER u * * :r");
        await wrong.ExpectAsync(m => m.Command == "464");

        await using IrcTestClient right = await IrcTestClient.ConnectAsync(server.IrcPort);
        await right.SendAsync("PASS carol-password");
        await right.SendAsync("NICK carol");
        await right.SendAsync("USER u * * :r");
        await right.ExpectAsync(m => m.Command == "001");
    }

    [Fact]
    public async Task DirectMessagesKeptWhileOffline_ReachTheAccountWhenItLogsInFromIrc()
    {
        await using TestServer server = TestServer.Start();
        await (await server.LoginAsync("carol", "carol-password", register: true)).DisposeAsync();
        await Eventually.Until(() => server.Server.State.Sessions.FindOnline("carol") is null, "carol is offline");
        await using TestClient alice = await server.LoginAsync("alice");
        await alice.ExpectOkAsync("msg", new { to = "carol", text = "olá carol, 1" });
        await alice.ExpectOkAsync("msg", new { to = "carol", text = "second line 🎉" });

        await using IrcTestClient carol = await IrcTestClient.ConnectAsync(server.IrcPort);
        await carol.SendAsync("PASS carol-password");
        await carol.SendAsync("NICK carol");
        await carol.SendAsync("USER u * * :r");

        IrcMessage first = await carol.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal(("carol", "olá carol, 1"), (first.Param(0), first.Param(1)));
        IrcMessage second = await carol.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal("second line 🎉", second.Param(1));
        Assert.StartsWith(":alice!", carol.LastRaw.Split(' ').First(p => p.StartsWith(':')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CapLs302_OffersSaslPlain_AndSaslPlainLogsInARegisteredAccount()
    {
        await using TestServer server = TestServer.Start();
        await (await server.LoginAsync("dave", "dave-password", register: true)).DisposeAsync();
        await Eventually.Until(() => server.Server.State.Sessions.FindOnline("dave") is null, "dave is offline");
        await using IrcTestClient client = await IrcTestClient.ConnectAsync(server.IrcPort);

        await client.SendAsync("CAP LS 302");
        IrcMessage ls = await client.ExpectAsync(m => m.Command == "CAP" && m.Param(1) == "LS");
        Assert.Contains("sasl=PLAIN", ls.Params[^1].Split(' '));
        await client.SendAsync("NICK whatever");
        await client.SendAsync("USER u * * :r");
        await client.SendAsync("CAP REQ :sasl");
        await client.ExpectAsync(m => m.Command == "CAP" && m.Param(1) == "ACK");
        await client.SendAsync("AUTHENTICATE PLAIN");
        await client.ExpectAsync(m => m.Command == "AUTHENTICATE" && m.Param(0) == "+");
        await client.SendAsync("AUTHENTICATE " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0dave\0dave-password")));
        await client.ExpectAsync(m => m.Command == "900");
        await client.ExpectAsync(m => m.Command == "903");
        await client.SendAsync("CAP END");

        IrcMessage welcome = await client.ExpectAsync(m => m.Command == "001");
        Assert.Equal("dave", welcome.Param(0));
        Assert.True(server.Server.State.Sessions.FindOnline("dave")!.Registered);
    }

    [Fact]
    public async Task SaslWithAWrongPassword_Gets904()
    {
        await using TestServer server = TestServer.Start();
        await (await server.LoginAsync("erin", "erin-password", register: true)).DisposeAsync();
        await using IrcTestClient client = await IrcTestClient.ConnectAsync(server.IrcPort);
        await client.SendAsync("CAP REQ :sasl");
        await client.SendAsync("AUTHENTICATE PLAIN");
        await client.ExpectAsync(m => m.Command == "AUTHENTICATE");

        await client.SendAsync("AUTHENTICATE " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0erin\0nope-nope")));

        await client.ExpectAsync(m => m.Command == "904");
    }

    /// <summary>
    /// A password may have 256 characters, so a PLAIN message may be longer than the 400 bytes of
    /// base64 one AUTHENTICATE carries: the client sends it in 400-byte pieces, and one of exactly
    /// 400 is followed by <c>AUTHENTICATE +</c> (IRCv3 sasl-3.1, as irssi and WeeChat do).
    /// </summary>
    [Theory]
    [InlineData(147)] // "\0fay\0" and 294 bytes of password: 400 bytes of base64, then "+"
    [InlineData(250)] // 500 bytes of password: a piece of 400 and one of 288
    public async Task SaslPlain_LongerThanOneLine_IsSentInPiecesOf400(int accents)
    {
        string password = new('é', accents);
        await using TestServer server = TestServer.Start();
        await (await server.LoginAsync("fay", password, register: true)).DisposeAsync();
        await Eventually.Until(() => server.Server.State.Sessions.FindOnline("fay") is null, "fay is offline");
        await using IrcTestClient client = await IrcTestClient.ConnectAsync(server.IrcPort);
        await client.SendAsync("CAP REQ :sasl");
        await client.SendAsync("NICK fay");
        await client.SendAsync("USER u * * :r");
        await client.SendAsync("AUTHENTICATE PLAIN");
        await client.ExpectAsync(m => m.Command == "AUTHENTICATE" && m.Param(0) == "+");

        string message = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0fay\0{password}"));
        List<string> pieces = [.. message.Chunk(400).Select(piece => new string(piece))];
        if (pieces[^1].Length == 400)
        {
            pieces.Add("+");
        }
        foreach (string piece in pieces[..^1])
        {
            await client.SendAsync("AUTHENTICATE " + piece);
            // A piece of 400 says more follows: nothing is answered yet.
            Assert.DoesNotContain(await client.SyncAsync(), m => m.Command.StartsWith("90", StringComparison.Ordinal));
        }
        await client.SendAsync("AUTHENTICATE " + pieces[^1]);

        IrcMessage answer = await client.ExpectAsync(m => m.Command is "900" or "904");
        Assert.Equal("900", answer.Command);
        await client.ExpectAsync(m => m.Command == "903");
    }

    [Fact]
    public async Task SaslPieceLongerThan400_Gets905_AndAbortsTheExchange()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.ConnectAsync(server.IrcPort);
        await client.SendAsync("CAP REQ :sasl");
        await client.SendAsync("AUTHENTICATE PLAIN");
        await client.ExpectAsync(m => m.Command == "AUTHENTICATE");

        await client.SendAsync("AUTHENTICATE " + new string('A', 401));
        IrcMessage refused = await client.ExpectAsync(m => m.Command is "904" or "905");
        Assert.Equal("905", refused.Command);

        // The exchange is over: a new one starts with a mechanism again.
        await client.SendAsync("AUTHENTICATE PLAIN");
        await client.ExpectAsync(m => m.Command == "AUTHENTICATE" && m.Param(0) == "+");
    }

    [Fact]
    public async Task Ping_IsAnsweredWithPong_BeforeAndAfterRegistration()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.ConnectAsync(server.IrcPort);
        await client.SendAsync("PING :abc def");
        IrcMessage pong = await client.ExpectAsync(m => m.Command == "PONG");
        Assert.Equal("abc def", pong.Params[^1]);
    }

    [Fact]
    public async Task OverlongLine_Gets417_AndBadUtf8_GetsFail_AndTheConnectionLives()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "foo");

        await client.SendAsync("PRIVMSG #general :" + new string('x', 10_000));
        await client.ExpectAsync(m => m.Command == "417");
        await client.SendRawAsync([.. "PRIVMSG #general :"u8, 0xff, 0xfe, (byte)'\r', (byte)'\n']);
        await client.ExpectAsync(m => m.Command == "FAIL" && m.Param(1) == "INVALID_UTF8");
        await client.SyncAsync();
    }

    [Fact]
    public async Task Quit_GetsError_AndClosesTheConnection()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "foo");

        await client.SendAsync("QUIT :bye");

        await client.ExpectAsync(m => m.Command == "ERROR");
        await client.WaitClosedAsync();
    }

    [Fact]
    public async Task PingWithoutAToken_Gets409_AndAnEmptyToken_IsEchoed()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "foo");

        await client.SendAsync("PING");
        IrcMessage noOrigin = await client.ExpectAsync(m => m.Command is "409" or "PONG");
        Assert.Equal("409", noOrigin.Command);
        Assert.Equal("foo", noOrigin.Param(0));
        await client.SendAsync("PING :");
        IrcMessage pong = await client.ExpectAsync(m => m.Command == "PONG");
        Assert.Equal(["tuichat", ""], pong.Params);
    }

    [Fact]
    public async Task MessagePartOver512Bytes_Gets417_AndIsNotDelivered_WhileLongTagsAreAllowed()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "foo");
        await client.JoinAsync("#general");

        // 512 bytes with CR LF is the most a message may have (RFC 1459), tags apart.
        string prefix = "PRIVMSG #general :";
        await client.SendAsync(prefix + new string('x', 511 - prefix.Length));
        await client.ExpectAsync(m => m.Command == "417");
        await client.SendAsync(prefix + new string('y', 510 - prefix.Length));
        await client.SendAsync($"@+example/tag={new string('t', 4094 - "+example/tag=".Length)} PRIVMSG #general :tagged");
        // One byte more of tag data than a client may send (message-tags: 4,094).
        await client.SendAsync($"@+example/tag={new string('u', 4095 - "+example/tag=".Length)} PRIVMSG #general :overtagged");
        await client.ExpectAsync(m => m.Command == "417");

        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == new string('y', 510 - prefix.Length));
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "tagged");
        await client.SendAsync("PRIVMSG #general :after");
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "after");
        Assert.DoesNotContain(alice.Frames(), f => Type(f) == "message" && (Str(f, "text") is "overtagged" || Str(f, "text")!.StartsWith('x')));
    }

    [Fact]
    public async Task BadUtf8_InALabelledLine_GetsFailWithTheLabel()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "foo", "batch", "labeled-response");

        await client.SendRawAsync([.. "@label=xyz PRIVMSG #general hi"u8, 0xaa, (byte)'\r', (byte)'\n']);

        IrcMessage fail = await client.ExpectAsync(m => m.Command == "FAIL");
        Assert.Equal("xyz", fail.Label);
        Assert.Equal(["PRIVMSG", "INVALID_UTF8"], fail.Params.Take(2));
    }
}
