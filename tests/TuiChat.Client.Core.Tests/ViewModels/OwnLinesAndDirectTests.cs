using System.Net.Sockets;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

/// <summary>The sender sees its own line at once and once; direct conversations; /close; /reconnect; bounded logs.</summary>
public sealed class OwnLinesAndDirectTests : IDisposable
{
    private readonly ChatFixture _f = new();
    private IChatRequests C => _f.Server;

    public void Dispose() => _f.Dispose();

    private TaskCompletionSource<MsgOk> HoldSend()
    {
        var reply = new TaskCompletionSource<MsgOk>();
        C.SendMessageAsync(default!, default!, default).ReturnsForAnyArgs(reply.Task);
        return reply;
    }

    private static MsgOk Ok(long msgId) => new() { Re = "1", MsgId = msgId, Ts = ChatFixture.Ts };

    [Fact]
    public async Task OwnLine_ShowsAtOncePending_ThenTheOkConfirmsIt_AndTheEchoAddsNothing()
    {
        ConversationViewModel general = _f.Joined("#general");
        TaskCompletionSource<MsgOk> reply = HoldSend();

        Task sending = _f.Chat.ExecuteAsync("hello all");
        LogLine pending = Assert.Single(general.Lines, l => l.Kind == LineKind.Own);
        Assert.True(pending.Pending);
        Assert.Equal("alice: hello all", pending.Body);

        reply.SetResult(Ok(55));
        await Eventually.Within(sending);
        _f.Message(55, "alice", "#general", "hello all");

        LogLine shown = Assert.Single(general.Lines, l => l.Kind == LineKind.Own);
        Assert.False(shown.Pending);
        Assert.Equal(55, shown.MsgId);
        Assert.Single(_f.Added, e => e.Line.Kind == LineKind.Own);
    }

    [Fact]
    public void EchoBeforeTheOk_ConfirmsThePendingLine_AndTheOkAddsNothing()
    {
        ConversationViewModel general = _f.Joined("#general");
        TaskCompletionSource<MsgOk> reply = HoldSend();

        _ = _f.Chat.ExecuteAsync("quick one");
        _f.Message(70, "alice", "#general", "quick one");
        LogLine confirmed = Assert.Single(general.Lines, l => l.Kind == LineKind.Own);
        Assert.Equal((70L, false), (confirmed.MsgId, confirmed.Pending));

        reply.SetResult(Ok(70));
        Assert.Same(confirmed, Assert.Single(general.Lines, l => l.Kind == LineKind.Own));
    }

    [Fact]
    public async Task OwnLine_IsAnnouncedAsConfirmedOnce_WhetherTheOkOrTheEchoComesFirst()
    {
        ConversationViewModel general = _f.Joined("#general");
        var confirmed = new List<LineAddedEventArgs>();
        _f.Chat.LineConfirmed += (_, e) => confirmed.Add(e);
        TaskCompletionSource<MsgOk> reply = HoldSend();

        Task sending = _f.Chat.SendAsync("#general", "ok first");
        Assert.Empty(confirmed);
        reply.SetResult(Ok(80));
        await Eventually.Within(sending);
        _f.Message(80, "alice", "#general", "ok first");

        reply = HoldSend();
        sending = _f.Chat.SendAsync("#general", "echo first");
        _f.Message(81, "alice", "#general", "echo first");
        reply.SetResult(Ok(81));
        await Eventually.Within(sending);

        Assert.Equal([(general, 80L, "ok first"), (general, 81L, "echo first")],
            confirmed.Select(e => (e.Conversation, e.Line.MsgId ?? 0, e.Line.Text)));
    }

    [Fact]
    public async Task Send_WhileDisconnected_ShowsNoLine_AndSaysItWasNotSent()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(3), "connection lost (reset)"));

        var refused = await Assert.ThrowsAsync<ChatRequestException>(() => _f.Chat.SendAsync("#general", "menu offline ação"));

        Assert.Equal("not sent, still disconnected: menu offline ação", refused.Describe());
        Assert.DoesNotContain(_f.Added, e => e.Line.Kind == LineKind.Own);
        Assert.DoesNotContain(general.Lines, l => l.Kind == LineKind.Own);
        await C.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default!, default);
    }

    [Fact]
    public async Task RefusedLine_LeavesTheLog_AndTheNoticeSaysWhatWasNotSent()
    {
        ConversationViewModel general = _f.Joined("#general");
        C.SendMessageAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new ChatRequestException(ErrorCodes.NotAMember, "not a member"));

        await _f.Chat.ExecuteAsync("into the void");

        Assert.DoesNotContain(general.Lines, l => l.Kind == LineKind.Own);
        Assert.Equal("error: not a member; not sent: into the void (not_a_member)", general.Lines.Last().Text);
    }

    [Fact]
    public async Task ALineWhoseConnectionDroppedBeforeItsAnswer_IsNotCalledUnsent()
    {
        ConversationViewModel general = _f.Joined("#general");
        C.SendMessageAsync(default!, default!, default).ThrowsAsyncForAnyArgs(
            new ChatRequestException(ChatRequestException.Disconnected, "the connection was lost: reset") { Unanswered = true });

        await _f.Chat.ExecuteAsync("chego às 9h 🚆");

        // The server may have stored and delivered it: "not sent" would have the user send it twice.
        Assert.DoesNotContain(general.Lines, l => l.Kind == LineKind.Own);
        Assert.Equal("the connection was lost: reset; perhaps not sent (the log shows it after the reconnect if the server got it): chego às 9h 🚆",
            general.Lines.Last().Text);
    }

    [Fact]
    public async Task ALineTheServerCouldNotStore_ComesBackIntoTheInput_SoNothingTypedIsLost()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Chat.Select(general);
        C.SendMessageAsync(default!, default!, default).ThrowsAsyncForAnyArgs(
            new ChatRequestException(ErrorCodes.Unavailable, "the server could not store your line; send it again later"));

        _f.Chat.Input.Text = "/msg bob olá, amanhã às 9h? 🙂";
        await _f.Chat.Input.SubmitAsync();

        Assert.Equal("/msg bob olá, amanhã às 9h? 🙂", _f.Chat.Input.Text);
        Assert.StartsWith("not stored", _f.Chat.Input.Notice, StringComparison.Ordinal);
        Assert.Contains(_f.Chat.Conversations.SelectMany(c => c.Lines), l => l.Text.EndsWith("not sent: olá, amanhã às 9h? 🙂 (unavailable)", StringComparison.Ordinal));

        // Another refusal (not a store failure) does not come back: sending it again would not help.
        C.SendMessageAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new ChatRequestException(ErrorCodes.NotAMember, "not a member"));
        _f.Chat.Input.Text = "into the void";
        await _f.Chat.Input.SubmitAsync();
        Assert.Equal("", _f.Chat.Input.Text);
    }

    [Fact]
    public async Task ALineTypedWhileReconnecting_StaysInTheInput_AndEnterSendsItOnceConnected()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Chat.Select(general);
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(3), "reset"));

        _f.Chat.Input.Text = "voltei, alguém aí? 👋🏽";
        await _f.Chat.Input.SubmitAsync();

        Assert.Equal("voltei, alguém aí? 👋🏽", _f.Chat.Input.Text);
        Assert.Equal("not sent: not connected", _f.Chat.Input.Notice);
        await C.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default!, default);

        // A command still runs while disconnected: /reconnect and /quit must.
        _f.Chat.Input.Text = "/help";
        await _f.Chat.Input.SubmitAsync();
        Assert.Equal("", _f.Chat.Input.Text);

        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Connected));
        _f.Chat.Input.Text = "voltei, alguém aí? 👋🏽";
        await _f.Chat.Input.SubmitAsync();
        Assert.Equal("", _f.Chat.Input.Text);
        await C.Received(1).SendMessageAsync("#general", "voltei, alguém aí? 👋🏽", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task APrivateMessageTypedWhileReconnecting_StaysInTheInput_AndEnterSendsItOnceConnected()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Chat.Select(general);
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(3), "reset"));

        _f.Chat.Input.Text = "/msg bob chego às 9h, combinado? 👍🏽";
        await _f.Chat.Input.SubmitAsync();

        // Like a plain line: kept with the reason, nothing opened, nothing asked of the server.
        Assert.Equal("/msg bob chego às 9h, combinado? 👍🏽", _f.Chat.Input.Text);
        Assert.Equal("not sent: not connected", _f.Chat.Input.Notice);
        Assert.Same(general, _f.Chat.Selected);
        Assert.DoesNotContain(_f.Chat.Conversations, c => c.Name == "@bob");
        await C.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default!, default);

        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Connected));
        Assert.Equal("", _f.Chat.Input.Notice);
        await _f.Chat.Input.SubmitAsync();
        Assert.Equal("", _f.Chat.Input.Text);
        await C.Received(1).SendMessageAsync("bob", "chego às 9h, combinado? 👍🏽", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AMsgToANameThatIsNobodys_ComesBackIntoTheInput_ToMendTheName()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Chat.Select(general);
        C.SendMessageAsync("bbo", Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ChatRequestException(ErrorCodes.NoSuchUser, "bbo is not online and has no account"));

        _f.Chat.Input.Text = "/msg bbo até às 5, combinado?";
        await _f.Chat.Input.SubmitAsync();

        Assert.Equal("/msg bbo até às 5, combinado?", _f.Chat.Input.Text);
        Assert.Equal("no such user: mend the name, Enter sends it", _f.Chat.Input.Notice);
    }

    [Fact]
    public async Task ALineWhoseConnectionDroppedBeforeItWentOut_ComesBackIntoTheInput()
    {
        // Enter while still connected; the session ended before the line was written: it surely
        // was not sent, so it is not lost either.
        ConversationViewModel general = _f.Joined("#general");
        _f.Chat.Select(general);
        C.SendMessageAsync(default!, default!, default).ThrowsAsyncForAnyArgs(
            new ChatRequestException(ChatRequestException.Disconnected, "not connected (reconnecting)"));

        _f.Chat.Input.Text = "/msg bob já saí, até amanhã 🌙";
        await _f.Chat.Input.SubmitAsync();

        Assert.Equal("/msg bob já saí, até amanhã 🌙", _f.Chat.Input.Text);
        Assert.Equal("connection lost: Enter sends it again", _f.Chat.Input.Notice);

        // One that went out and got no answer may be stored: sending it again could say it twice.
        C.SendMessageAsync(default!, default!, default).ThrowsAsyncForAnyArgs(
            new ChatRequestException(ChatRequestException.Disconnected, "the connection was lost: reset") { Unanswered = true });
        _f.Chat.Input.Text = "talvez enviada";
        await _f.Chat.Input.SubmitAsync();
        Assert.Equal("", _f.Chat.Input.Text);
    }

    [Fact]
    public async Task TheNotConnectedNotice_GoesWhenTheConnectionIsBack_AndTheLineStays()
    {
        _f.Chat.Select(_f.Joined("#general"));
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(3), "reset"));
        _f.Chat.Input.Text = "ainda aqui";
        await _f.Chat.Input.SubmitAsync();

        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(6), "refused"));
        Assert.Equal("not sent: not connected", _f.Chat.Input.Notice);

        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Connected));
        Assert.Equal("", _f.Chat.Input.Notice);
        Assert.Equal("ainda aqui", _f.Chat.Input.Text);
    }

    [Fact]
    public async Task TheNoRoomNotice_GoesWhenAConversationOpens()
    {
        _f.Chat.Input.Text = "bom dia!";
        await _f.Chat.Input.SubmitAsync();

        _f.Chat.Select(_f.Joined("#general"));

        Assert.Equal("", _f.Chat.Input.Notice);
        Assert.Equal("bom dia!", _f.Chat.Input.Text);
    }

    [Fact]
    public async Task ALineTypedBeforeAnyConversationOpened_StaysInTheInput_AndGoesOnceOneIs()
    {
        // Typed at once after starting the client: the login is done, #general not joined yet.
        _f.Chat.Input.Text = "bom dia!";
        await _f.Chat.Input.SubmitAsync();

        Assert.Equal("bom dia!", _f.Chat.Input.Text);
        Assert.Equal("not sent: no room open yet", _f.Chat.Input.Notice);

        _f.Chat.Select(_f.Joined("#general"));
        await _f.Chat.Input.SubmitAsync();
        Assert.Equal("", _f.Chat.Input.Text);
        await C.Received(1).SendMessageAsync("#general", "bom dia!", Arg.Any<CancellationToken>());
    }

    [Fact]
    public void IncomingDirectMessage_IsAHighlight()
    {
        _f.Joined("#general");
        _f.Message(3, "bob", "alice", "are you there?");

        ConversationViewModel bob = _f.Conversation("@bob");
        Assert.True(bob.HasMention);
        Assert.Equal("@bob (1)!", bob.Display);
    }

    [Fact]
    public void DirectConversation_ListsTheOtherPersonWithPresence()
    {
        C.ListUsersAsync(null, default).ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<UserInfo>>(
            [new UserInfo { User = "alice", Role = Roles.User, Online = true }, new UserInfo { User = "bob", Role = Roles.Guest, Online = true }]));
        _f.Joined("#general");

        _f.Chat.OpenDirect("bob");
        ConversationViewModel bob = _f.Conversation("@bob");
        Assert.Equal(["● bob (guest)"], bob.Members.Select(m => m.Display));

        _f.Raise(new PresenceEvent { User = "bob", Online = false });
        Assert.Equal(["○ bob (guest)"], bob.Members.Select(m => m.Display));
    }

    [Fact]
    public void DirectConversation_FollowsTheOtherPersonsLogoutAndLogin_ToldInARoomYouShare()
    {
        // No presence event comes: the server sends those only to who exchanged a direct message
        // with bob this session. A room you share still says when bob goes and comes.
        C.ListUsersAsync(null, default).ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<UserInfo>>(
            [new UserInfo { User = "alice", Role = Roles.User, Online = true }, new UserInfo { User = "bob", Role = Roles.User, Online = true, Away = "lunch" }]));
        _f.Joined("#general");
        _f.Chat.OpenDirect("bob");
        ConversationViewModel bob = _f.Conversation("@bob");

        _f.Raise(new LeftEvent { Room = "#general", User = "bob", Reason = LeftReasons.Quit, Text = "até amanhã" });
        Assert.Equal(["○ bob"], bob.Members.Select(m => m.Display));

        _f.Raise(new JoinedEvent { Room = "#general", User = "bob" });
        Assert.Equal(["● bob"], bob.Members.Select(m => m.Display));

        // Leaving one room, or being removed from it, is no logout.
        _f.Raise(new LeftEvent { Room = "#general", User = "bob", Reason = LeftReasons.Kick, By = "carol" });
        Assert.Equal(["● bob"], bob.Members.Select(m => m.Display));
    }

    [Fact]
    public void GroupMember_WhoLogsInAgain_IsShownOnlineAgain()
    {
        C.ListUsersAsync("+team", default).ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<UserInfo>>(
            [new UserInfo { User = "alice", Role = Roles.User, Online = true }, new UserInfo { User = "bob", Role = Roles.User, Online = true }]));
        ConversationViewModel team = _f.Joined("+team");

        _f.Raise(new LeftEvent { Room = "+team", User = "bob", Reason = LeftReasons.Timeout });
        Assert.Equal("○ bob", team.FindMember("bob")!.Display);

        _f.Raise(new JoinedEvent { Room = "+team", User = "bob" });
        Assert.Equal("● bob", team.FindMember("bob")!.Display);
    }

    [Fact]
    public async Task Close_AGroupThatIsGone_TakesItOffTheListWithoutAskingTheServer()
    {
        _f.Joined("#general");
        ConversationViewModel team = _f.Joined("+team");
        _f.Raise(new LeftEvent { Room = "+team", User = "alice", Reason = LeftReasons.Kick });
        _f.Chat.Select(team);

        await _f.Chat.ExecuteAsync("/close");

        Assert.DoesNotContain(_f.Chat.Conversations, c => c.Name == "+team");
        Assert.Equal("#general", _f.Chat.Selected!.Name);
        await C.DidNotReceiveWithAnyArgs().LeaveAsync(default!, default);
    }

    [Fact]
    public async Task ReconnectCommand_AsksTheConnectionToReconnect()
    {
        _f.Joined("#general");
        await _f.Chat.ExecuteAsync("/reconnect");
        await C.Received(1).ReconnectAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ReconnectCommand_WithTheServerUnreachable_SaysSo_AndTheRetriesGoOn()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(8), "connection lost (reset)"));
        var refused = new SocketException((int)SocketError.ConnectionRefused);
        C.ReconnectAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException<HelloOk>(refused));

        await _f.Chat.ExecuteAsync("/reconnect");

        Assert.Equal($"cannot connect to 127.0.0.1:5000: {refused.Message}; reconnecting…", general.Lines.Last().Text);
    }

    [Fact]
    public async Task ALongLog_KeepsTheNewestLines_AndPageUpFetchesWhatWasDropped()
    {
        using var f = new ChatFixture(maxLines: 5);
        ConversationViewModel general = f.Joined("#general");
        for (long id = 1; id <= 20; id++)
        {
            f.Message(id, "bob", "#general", "line " + id);
        }

        Assert.Equal(5, general.Lines.Count);
        Assert.Equal(16, general.OldestMsgId);
        Assert.Equal(20, general.NewestMsgId);
        Assert.True(general.HasOlderHistory);

        await f.Chat.LoadOlderAsync(general);
        await f.Server.Received().GetHistoryAsync("#general", 16, Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }
}
