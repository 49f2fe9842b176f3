using System.Text;
using System.Text.Json;
using TuiChat.Server.Irc;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Irc;

/// <summary>PRIVMSG/NOTICE, echo-message, message-tags, server-time, labeled-response, chathistory and the limits (rate, sendq), modelled on irctest's cases.</summary>
public sealed class IrcMessageTests
{
    [Fact]
    public async Task ChannelMessages_FlowBothWays_BetweenIrcAndNative()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#general");

        await bob.SendAsync("PRIVMSG #general :hello \u0002bold\u0002 and \u000304,01red\u0003 text");
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "from") == "bob" && Str(f, "text") == "hello bold and red text");

        await alice.ExpectOkAsync("msg", new { to = "#general", text = "line one\nline two" });
        IrcMessage first = await bob.ExpectAsync(m => m.Command == "PRIVMSG");
        IrcMessage second = await bob.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal(["#general", "line one"], first.Params);
        Assert.Equal(["#general", "line two"], second.Params);
    }

    [Fact]
    public async Task ANativeLineTooLongForOneIrcLine_IsCutAtSpaces_IntoLinesOf512Bytes()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#general");
        string text = string.Join(' ', Enumerable.Repeat("Lorem ipsum dolor sit amet, excepteur sint occaecat cupidatat non proident.", 12));

        await alice.ExpectOkAsync("msg", new { to = "#general", text });

        var pieces = new List<string>();
        while (string.Join(' ', pieces).Length < text.Length)
        {
            IrcMessage piece = await bob.ExpectAsync(m => m.Command == "PRIVMSG");
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(bob.LastRaw) + 2, 1, IrcEncoder.MaxLineBytes);
            pieces.Add(piece.Param(1));
        }
        Assert.True(pieces.Count > 1);
        Assert.Equal(text, string.Join(' ', pieces));
    }

    [Fact]
    public async Task CtcpAction_IsTheNativeMe_BothWays()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#general");

        await bob.SendAsync("PRIVMSG #general :\u0001ACTION waves\u0001");
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "/me waves");
        await alice.ExpectOkAsync("msg", new { to = "#general", text = "/me smiles" });

        IrcMessage action = await bob.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal("\u0001ACTION smiles\u0001", action.Param(1));
    }

    [Fact]
    public async Task CtcpBetweenIrcClients_IsPassedOnBothWays_AndNeverStored()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "batch", "message-tags", "draft/chathistory");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");

        await bob.SendAsync("PRIVMSG carol :\u0001VERSION\u0001");
        IrcMessage query = await carol.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal(["carol", "\u0001VERSION\u0001"], query.Params);
        Assert.StartsWith(":bob!bob@tuichat ", carol.LastRaw, StringComparison.Ordinal);

        // carol's client answers by itself, in a NOTICE; the first NOTICE bob gets is that answer,
        // not the server's "was not sent".
        await carol.SendAsync("NOTICE bob :\u0001VERSION irssi 1.4.3\u0001");
        IrcMessage answer = await bob.ExpectAsync(m => m.Command == "NOTICE");
        Assert.Equal(["bob", "\u0001VERSION irssi 1.4.3\u0001"], answer.Params);
        Assert.StartsWith(":carol!carol@tuichat ", bob.LastRaw, StringComparison.Ordinal);

        // Neither is a line of their conversation.
        await bob.SendAsync("PRIVMSG carol :a real line");
        await carol.ExpectAsync(m => m.Command == "PRIVMSG" && m.Param(1) == "a real line");
        Assert.Equal(["a real line"], await bob.HistoryAsync("CHATHISTORY LATEST carol * 10"));
    }


    [Fact]
    public async Task CtcpThatWouldNotFitTheRecipientsLine_IsRefused_AndTheSenderTold()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol");
        // 400 bytes of CTCP, delimiters included, is the most that goes on (ç is two bytes).
        string fits = "\u0001PING x" + new string('ç', 196) + "\u0001";
        string tooLong = "\u0001PING xx" + new string('ç', 196) + "\u0001";
        Assert.Equal(400, Encoding.UTF8.GetByteCount(fits));

        await bob.SendAsync("PRIVMSG carol :" + fits);
        IrcMessage passed = await carol.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal(["carol", fits], passed.Params);

        await bob.SendAsync("PRIVMSG carol :" + tooLong);
        IrcMessage told = await bob.ExpectAsync(m => m.Command == "NOTICE");
        Assert.Equal(["bob", "CTCP PING to carol was not sent: it is too long"], told.Params);
        // carol got nothing of it: the next line she gets is the plain one after it.
        await bob.SendAsync("PRIVMSG carol :depois do ping");
        IrcMessage next = await carol.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal("depois do ping", next.Param(1));
    }
    [Fact]
    public async Task CtcpToAnAccountOnBothKinds_ReachesItsIrcSessionOnly()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient native = await server.LoginAsync("alice", "password-a", register: true);
        await using IrcTestClient alice = await IrcTestClient.RegisterWithSaslAsync(server.IrcPort, "alice", "password-a");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await bob.SendAsync("PRIVMSG alice :\u0001PING 1764620000\u0001");

        IrcMessage ping = await alice.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal(["alice", "\u0001PING 1764620000\u0001"], ping.Params);
        Assert.DoesNotContain(await bob.SyncAsync(), m => m.Command == "NOTICE");
        // The native session got nothing of it: the next line it gets is the plain one after it.
        await bob.SendAsync("PRIVMSG alice :depois do ping");
        JsonElement line = await native.WaitForAsync(f => Type(f) == "message");
        Assert.Equal("depois do ping", Str(line, "text"));
    }

    [Fact]
    public async Task CtcpToANativeUserOrAChannel_IsNotRelayed_ButItsTargetIsChecked_AndTheSenderTold()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#general");

        await bob.SendAsync("PRIVMSG nobody :\u0001VERSION\u0001");
        IrcMessage missing = await bob.ExpectAsync(m => m.Command is "401" or "NOTICE");
        Assert.Equal("401", missing.Command);
        Assert.Equal(["bob", "nobody"], missing.Params.Take(2));

        await bob.SendAsync("PRIVMSG alice :\u0001PING 1764620000\u0001");
        IrcMessage told = await bob.ExpectAsync(m => m.Command is "NOTICE" or "401");
        Assert.Equal(["bob", "CTCP PING to alice was not sent: alice is on no IRC client here to answer it"], told.Params);
        await bob.SendAsync("PRIVMSG #general :\u0001VERSION\u0001");
        told = await bob.ExpectAsync(m => m.Command is "NOTICE" or "404");
        Assert.Equal(["bob", "CTCP VERSION to #general was not sent: a channel gets only CTCP ACTION (/me)"], told.Params);

        // A NOTICE is never answered, not even for a missing target (RFC 1459).
        await bob.SendAsync("NOTICE nobody :\u0001VERSION irssi\u0001");
        Assert.DoesNotContain(await bob.SyncAsync(), m => m.Command is "401" or "NOTICE");

        // Nothing of the CTCP reached alice: the next line she gets is the plain one after it.
        await bob.SendAsync("PRIVMSG alice :depois do ping");
        JsonElement line = await alice.WaitForAsync(f => Type(f) == "message");
        Assert.Equal("depois do ping", Str(line, "text"));
    }

    [Fact]
    public async Task ANativeActionTooLongForOneIrcLine_ReachesIrc_AsActionsOnly()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#general");
        string action = string.Join(' ', Enumerable.Repeat("acena da varanda e pede um café com pão de queijo,", 14));

        await alice.ExpectOkAsync("msg", new { to = "#general", text = "/me " + action });

        var pieces = new List<string>();
        while (string.Join(' ', pieces).Length < action.Length)
        {
            string body = (await bob.ExpectAsync(m => m.Command == "PRIVMSG")).Param(1);
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(bob.LastRaw) + 2, 1, IrcEncoder.MaxLineBytes);
            // Every piece is an action: a plain piece would show in irssi as alice saying it.
            Assert.Matches("^\u0001ACTION [^\u0001]+\u0001$", body);
            pieces.Add(body["\u0001ACTION ".Length..^1]);
        }
        Assert.True(pieces.Count > 1);
        Assert.Equal(action, string.Join(' ', pieces));
    }

    [Fact]
    public async Task DirectMessages_ReachNativeUsers_AndUnknownNicksGet401()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await bob.SendAsync("PRIVMSG alice :psst");
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "to") == "alice" && Str(f, "text") == "psst");
        await alice.ExpectOkAsync("msg", new { to = "bob", text = "yes?" });
        IrcMessage reply = await bob.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal(["bob", "yes?"], reply.Params);
        Assert.StartsWith(":alice!", bob.LastRaw, StringComparison.Ordinal);

        await bob.SendAsync("PRIVMSG nobody :hi");
        await bob.ExpectAsync(m => m.Command == "401");
    }

    [Fact]
    public async Task MissingRecipientOrText_Get411And412_ChannelNotJoined_Gets404_AndNoticeIsNeverAnswered()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await alice.ExpectOkAsync("join", new { room = "#quiet" });
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");

        await bob.SendAsync("PRIVMSG");
        await bob.ExpectAsync(m => m.Command == "411");
        await bob.SendAsync("PRIVMSG #quiet");
        await bob.ExpectAsync(m => m.Command == "412");
        await bob.SendAsync("PRIVMSG #quiet :hello?");
        await bob.ExpectAsync(m => m.Command == "404");
        await bob.SendAsync("NOTICE nobody :hi");
        await bob.SendAsync("NOTICE #quiet :hi");
        Assert.Empty(await bob.SyncAsync());
    }

    [Fact]
    public async Task WithoutEchoMessage_OwnLinesDoNotComeBack_WithIt_TheyDoWithTheSameMsgid()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient plain = await IrcTestClient.RegisterAsync(server.IrcPort, "plain");
        await using IrcTestClient echo = await IrcTestClient.RegisterAsync(server.IrcPort, "echo", "echo-message", "message-tags");
        await plain.JoinAsync("#general");
        await echo.SendAsync("JOIN #general");
        await plain.ExpectAsync(m => m.Command == "JOIN" && plain.LastRaw.StartsWith(":echo!", StringComparison.Ordinal));

        await plain.SendAsync("PRIVMSG #general :from plain");
        await echo.ExpectAsync(m => m.Command == "PRIVMSG" && m.Param(1) == "from plain");
        Assert.DoesNotContain(await plain.SyncAsync(), m => m.Command == "PRIVMSG");

        await echo.SendAsync("PRIVMSG #general :from echo");
        IrcMessage echoed = await echo.ExpectAsync(m => m.Command == "PRIVMSG" && m.Param(1) == "from echo");
        Assert.True(long.Parse(echoed.Tags["msgid"], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task ServerTime_AndMsgid_AreTaggedOnlyForClientsThatAskedForThem()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient tagged = await IrcTestClient.RegisterAsync(server.IrcPort, "tagged", "server-time", "message-tags");
        await using IrcTestClient plain = await IrcTestClient.RegisterAsync(server.IrcPort, "plain");
        await tagged.SendAsync("JOIN #general");
        await plain.JoinAsync("#general");
        await tagged.ExpectAsync(m => m.Command == "366");

        System.Text.Json.JsonElement ok = await alice.ExpectOkAsync("msg", new { to = "#general", text = "tick" });

        IrcMessage withTags = await tagged.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Equal(ok.GetProperty("msgId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), withTags.Tags["msgid"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", withTags.Tags["time"]);
        IrcMessage without = await plain.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.Empty(without.Tags);
    }

    /// <summary>
    /// A msgid names one IRC message (message-tags: it is unique): a native line sent as several
    /// PRIVMSGs carries it on the first only, so a client that de-duplicates by msgid (merging
    /// history with live lines) keeps the lines after it. Each keeps its time.
    /// </summary>
    [Fact]
    public async Task NativeLineSentAsSeveralPrivmsgs_HasItsMsgidOnTheFirstOnly()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "server-time", "message-tags", "batch", "draft/chathistory");
        await bob.JoinAsync("#general");

        System.Text.Json.JsonElement ok = await alice.ExpectOkAsync("msg", new { to = "#general", text = "one\ntwo\nthree" });
        string msgId = ok.GetProperty("msgId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        List<IrcMessage> live = [];
        while (live.Count < 3)
        {
            live.Add(await bob.ExpectAsync(m => m.Command == "PRIVMSG"));
        }
        await bob.SendAsync("CHATHISTORY LATEST #general * 10");
        List<IrcMessage> history = [.. (await bob.LinesUntilAsync(m => m.Command == "BATCH" && m.Param(0).StartsWith('-'))).Where(m => m.Command == "PRIVMSG")];

        foreach (List<IrcMessage> lines in new[] { live, history })
        {
            Assert.Equal(["one", "two", "three"], lines.Select(m => m.Param(1)));
            Assert.Equal(new string?[] { msgId, null, null }, lines.Select(m => m.Tags.GetValueOrDefault("msgid")));
            Assert.All(lines, m => Assert.True(m.Tags.ContainsKey("time")));
        }
    }

    [Fact]
    public async Task LabeledResponse_TagsTheReply_OrBatchesSeveral_OrAcks()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "labeled-response", "batch", "message-tags");

        await client.SendAsync("@label=one PING x");
        IrcMessage pong = await client.ExpectAsync(m => m.Command == "PONG");
        Assert.Equal("one", pong.Tags["label"]);
        await client.SendAsync("@label=two JOIN #general");
        IrcMessage batch = await client.ExpectAsync(m => m.Command == "BATCH");
        Assert.Equal("two", batch.Tags["label"]);
        Assert.Equal("labeled-response", batch.Param(1));
        await client.SendAsync("@label=three PONG x");
        IrcMessage ack = await client.ExpectAsync(m => m.Command == "ACK");
        Assert.Equal("three", ack.Tags["label"]);
    }

    [Fact]
    public async Task LabeledResponse_WithoutBatch_IsNotUsed_SoNoBatchReachesAClientThatDidNotAskForOne()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "labeled-response", "message-tags");

        // A JOIN's replies are several lines: with labels they would be a batch, which this client
        // did not enable; it gets them as any client does, unlabelled (as InspIRCd answers it).
        await client.SendAsync("@label=two JOIN #general");
        IReadOnlyList<IrcMessage> join = await client.LinesUntilAsync(m => m.Command == "366");
        Assert.DoesNotContain(join, m => m.Command == "BATCH" || m.Label is not null);
        await client.SendAsync("@label=one PING x");
        IrcMessage pong = await client.ExpectAsync(m => m.Command == "PONG");
        Assert.Null(pong.Label);
    }

    [Fact]
    public async Task ChatHistory_Latest_ReturnsTheStoredLines_NativeOnesIncluded_InABatch()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        var ids = new List<long>();
        for (int i = 1; i <= 5; i++)
        {
            ids.Add((await alice.ExpectOkAsync("msg", new { to = "#general", text = $"line {i}" })).GetProperty("msgId").GetInt64());
        }
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "batch", "server-time", "message-tags", "draft/chathistory");
        await bob.JoinAsync("#general");

        await bob.SendAsync("CHATHISTORY LATEST #general * 3");

        IrcMessage start = await bob.ExpectAsync(m => m.Command == "BATCH");
        Assert.Equal("chathistory", start.Param(1));
        var texts = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            IrcMessage line = await bob.ExpectAsync(m => m.Command == "PRIVMSG");
            Assert.Equal(start.Param(0)[1..], line.Tags["batch"]);
            texts.Add(line.Param(1));
        }
        Assert.Equal(["line 3", "line 4", "line 5"], texts);
        await bob.ExpectAsync(m => m.Command == "BATCH" && m.Param(0).StartsWith('-'));

        // LATEST after a msgid (what a client that saw line 2 asks on reconnecting): the latest lines after it.
        Assert.Equal(["line 4", "line 5"], await bob.HistoryAsync($"CHATHISTORY LATEST #general msgid={ids[1]} 2"));
        Assert.Equal(["line 3", "line 4", "line 5"], await bob.HistoryAsync($"CHATHISTORY LATEST #general msgid={ids[1]} 10"));
        Assert.Equal(["line 3", "line 4"], await bob.HistoryAsync($"CHATHISTORY AFTER #general msgid={ids[1]} 2"));
        Assert.Equal(["line 2", "line 3", "line 4"], await bob.HistoryAsync($"CHATHISTORY AROUND #general msgid={ids[2]} 3"));
        Assert.Equal(["line 2", "line 3", "line 4"], await bob.HistoryAsync($"CHATHISTORY BETWEEN #general msgid={ids[0]} msgid={ids[4]} 10"));
        Assert.Equal(["line 3", "line 4"], await bob.HistoryAsync($"CHATHISTORY BETWEEN #general msgid={ids[4]} msgid={ids[0]} 2"));
        await bob.SendAsync("CHATHISTORY AFTER #general id=2 2");
        await bob.ExpectAsync(m => m.Command == "FAIL" && m.Param(1) == "INVALID_MSGREFTYPE");

        await bob.SendAsync("CHATHISTORY LATEST #nowhere * 3");
        await bob.ExpectAsync(m => m.Command == "FAIL" && m.Param(1) == "INVALID_TARGET");
    }

    /// <summary>The texts of the chathistory batch answering <paramref name="command"/>, in order.</summary>
    [Fact]
    public async Task Notice_StaysANotice_ForIrcLiveEchoedAndInHistory_AndIsMarkedNatively()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bot = await IrcTestClient.RegisterAsync(server.IrcPort, "feedbot", "echo-message");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol", "batch", "message-tags", "draft/chathistory");
        await bot.JoinAsync("#general");
        await carol.JoinAsync("#general");

        // A bot's NOTICE: nothing that reads it may answer it automatically, so it must stay one.
        await bot.SendAsync("NOTICE #general :novo artigo: Ação e reação");
        IrcMessage live = await carol.ExpectAsync(m => m.Command is "NOTICE" or "PRIVMSG");
        Assert.Equal(("NOTICE", "#general", "novo artigo: Ação e reação"), (live.Command, live.Param(0), live.Param(1)));
        IrcMessage echo = await bot.ExpectAsync(m => m.Command is "NOTICE" or "PRIVMSG");
        Assert.Equal("NOTICE", echo.Command);
        JsonElement native = await alice.WaitForAsync(f => Type(f) == "message");
        Assert.Equal("novo artigo: Ação e reação", Str(native, "text"));
        Assert.True(native.GetProperty("notice").GetBoolean());

        // An ordinary line is not marked.
        await bot.SendAsync("PRIVMSG #general :uma linha");
        JsonElement plain = await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "uma linha");
        Assert.False(plain.TryGetProperty("notice", out _));
        await carol.ExpectAsync(m => m.Command == "PRIVMSG" && m.Param(1) == "uma linha");

        await carol.SendAsync("CHATHISTORY LATEST #general * 10");
        var history = new List<(string, string)>();
        await carol.ExpectAsync(m =>
        {
            if (m.Command is "NOTICE" or "PRIVMSG")
            {
                history.Add((m.Command, m.Param(1)));
            }
            return m.Command == "BATCH" && m.Param(0).StartsWith('-');
        });
        Assert.Equal([("NOTICE", "novo artigo: Ação e reação"), ("PRIVMSG", "uma linha")], history);
    }

    [Fact]
    public async Task NativeFile_ReachesIrcAsANoticeWithNameSizeAndHint()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#general");

        await FileTransfers.UploadAsync(alice, "#general", "notes.txt", "hello file"u8.ToArray());

        IrcMessage notice = await bob.ExpectAsync(m => m.Command == "NOTICE");
        Assert.Equal("#general", notice.Param(0));
        Assert.Contains("notes.txt", notice.Param(1), StringComparison.Ordinal);
        Assert.Contains("10 bytes", notice.Param(1), StringComparison.Ordinal);
        Assert.Contains("/save", notice.Param(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabeledPrivmsg_WithEchoMessage_TheEchoCarriesTheLabel_WithoutIt_AnAck()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient echo = await IrcTestClient.RegisterAsync(server.IrcPort, "echo", "labeled-response", "batch", "message-tags", "echo-message");
        await using IrcTestClient quiet = await IrcTestClient.RegisterAsync(server.IrcPort, "quiet", "labeled-response", "batch", "message-tags");
        await echo.JoinAsync("#general");
        await quiet.JoinAsync("#general");

        await echo.SendAsync("@label=m1 PRIVMSG #general :hello");
        IrcMessage echoed = await echo.ExpectAsync(m => m.Command == "PRIVMSG" || m.Command == "ACK");
        Assert.Equal("PRIVMSG", echoed.Command);
        Assert.Equal("m1", echoed.Tags["label"]);
        Assert.Equal("hello", echoed.Param(1));
        Assert.True(echoed.Tags.ContainsKey("msgid"));
        IrcMessage delivered = await quiet.ExpectAsync(m => m.Command == "PRIVMSG");
        Assert.False(delivered.Tags.ContainsKey("label"));

        await quiet.SendAsync("@label=m2 PRIVMSG #general :hi back");
        IrcMessage ack = await quiet.ExpectAsync(m => m.Command == "ACK");
        Assert.Equal("m2", ack.Tags["label"]);
    }

    [Fact]
    public async Task LabeledJoin_PutsTheJoinEchoAndNamesOfEveryChannelInOneLabeledBatch()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient client = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "labeled-response", "batch", "message-tags");

        await client.SendAsync("@label=j1 JOIN #general,#side");

        IrcMessage start = await client.ExpectAsync(m => m.Command == "BATCH");
        Assert.Equal("j1", start.Tags["label"]);
        string id = start.Param(0)[1..];
        var inBatch = new List<string>();
        while (true)
        {
            IrcMessage line = await client.ExpectAsync(_ => true);
            if (line.Command == "BATCH")
            {
                Assert.Equal("-" + id, line.Param(0));
                break;
            }
            Assert.Equal(id, line.Tags["batch"]);
            inBatch.Add(line.Command + " " + line.Param(line.Command == "JOIN" ? 0 : line.Command == "353" ? 2 : 1));
        }
        Assert.Equal(["JOIN #general", "353 #general", "366 #general", "JOIN #side", "353 #side", "366 #side"], inBatch);
    }

    [Fact]
    public async Task Tagmsg_IsAcceptedWithoutA421_AndNotRelayed()
    {
        await using TestServer server = TestServer.Start();
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob", "message-tags", "batch", "labeled-response");
        await using IrcTestClient carol = await IrcTestClient.RegisterAsync(server.IrcPort, "carol", "message-tags");
        foreach (IrcTestClient member in new[] { bob, carol })
        {
            await member.JoinAsync("#general");
        }

        await bob.SendAsync("@label=t1;+typing=active TAGMSG #general");

        IrcMessage ack = await bob.ExpectAsync(m => m.Command is "ACK" or "421" or "FAIL");
        Assert.Equal(("ACK", "t1"), (ack.Command, ack.Label));
        Assert.DoesNotContain(await carol.SyncAsync(), m => m.Command == "TAGMSG");
    }

    [Fact]
    public async Task IrcClientThatStopsReading_IsDroppedWithSendQ_AndOthersSeeItQuit()
    {
        await using TestServer server = TestServer.Start(o => o with { OutboxBytes = 256 * 1024 });
        await using TestClient alice = await server.LoginAsync("alice");
        // The test client reads only when asked: from here on, slow reads nothing.
        await using IrcTestClient slow = await IrcTestClient.RegisterAsync(server.IrcPort, "slow");
        await slow.JoinAsync("#general");

        await Flooding.FloodUntilDroppedAsync(alice, "slow");

        JsonElement left = await alice.WaitForAsync(f => Type(f) == "left" && Str(f, "user") == "slow");
        Assert.Equal("sendq", Str(left, "reason"));
        IrcMessage error = await slow.ExpectAsync(m => m.Command == "ERROR");
        Assert.Contains("SendQ exceeded", error.Param(0), StringComparison.Ordinal);
        await slow.WaitClosedAsync();
    }

    [Fact]
    public async Task OverTheRate_IrcCommandsWaitForTheirTurn_NoneIsDropped()
    {
        // 1 command a second after a burst of 6: NICK, USER and JOIN take 3, the first 3 lines the rest.
        await using TestServer server = TestServer.Start(o => o with { RatePerSecond = 1, RateBurst = 6 });
        await using TestClient alice = await server.LoginAsync("alice");
        await using IrcTestClient bob = await IrcTestClient.RegisterAsync(server.IrcPort, "bob");
        await bob.JoinAsync("#general");

        for (int i = 1; i <= 6; i++)
        {
            await bob.SendAsync($"PRIVMSG #general :line {i}");
        }
        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "line 3");
        // The server's clock stands still: line 4 waits for a token, so alice's line comes first.
        await alice.ExpectOkAsync("msg", new { to = "#general", text = "meanwhile" });
        server.Time.Advance(TimeSpan.FromSeconds(5));

        await alice.WaitForAsync(f => Type(f) == "message" && Str(f, "text") == "line 6");
        string[] order = [.. alice.Frames().Where(f => Type(f) == "message").Select(f => Str(f, "text")!)];
        Assert.Equal(["line 1", "line 2", "line 3", "meanwhile", "line 4", "line 5", "line 6"], order);
    }
}
