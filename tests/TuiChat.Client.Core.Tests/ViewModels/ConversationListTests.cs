using NSubstitute;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

public sealed class ConversationListTests : IDisposable
{
    private readonly ChatFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void FirstJoin_CreatesAndSelectsTheRoom()
    {
        ConversationViewModel general = _f.Joined("#general");

        Assert.Same(general, _f.Chat.Selected);
        Assert.True(general.IsJoined);
        Assert.Equal(ConversationKind.Room, general.Kind);
    }

    [Fact]
    public void Conversations_AreListedRoomsThenGroupsThenDirect()
    {
        _f.Joined("#general");
        _f.Joined("+team");
        _f.Message(1, "zoe", "alice", "hi");
        _f.Joined("#games");

        Assert.Equal(["#games", "#general", "+team", "@zoe"], _f.Chat.Conversations.Select(c => c.Name));
        Assert.Equal(ConversationKind.Group, _f.Conversation("+team").Kind);
        Assert.Equal(ConversationKind.Direct, _f.Conversation("@zoe").Kind);
    }

    [Fact]
    public void MessageInAnotherConversation_CountsUnread_AndSelectingClearsIt()
    {
        _f.Joined("#general");
        ConversationViewModel games = _f.Joined("#games");
        _f.Message(1, "bob", "#games", "one");
        _f.Message(2, "bob", "#games", "two");

        Assert.Equal(2, games.Unread);
        Assert.Equal("#games (2)", games.Display);

        _f.Chat.Select(games);

        Assert.Equal(0, games.Unread);
        Assert.Equal("#games", games.Display);
    }

    [Fact]
    public void MessagesInTheSelectedConversation_AndOwnMessages_AreNotUnread()
    {
        ConversationViewModel general = _f.Joined("#general");
        ConversationViewModel games = _f.Joined("#games");
        _f.Message(1, "bob", "#general", "seen");
        _f.Message(2, "alice", "#games", "mine");

        Assert.Equal(0, general.Unread);
        Assert.Equal(0, games.Unread);
        Assert.Equal(LineKind.Own, games.Lines.Last().Kind);
    }

    [Fact]
    public void MessageNamingTheUser_IsAMention_AndMarksTheConversation()
    {
        _f.Joined("#general");
        ConversationViewModel games = _f.Joined("#games");
        _f.Message(1, "bob", "#games", "ALICE: lunch?");

        Assert.Equal(LineKind.Mention, games.Lines.Last().Kind);
        Assert.True(games.HasMention);
        Assert.Equal("#games (1)!", games.Display);

        _f.Message(2, "bob", "#games", "malice is not a name");
        Assert.Equal(LineKind.Chat, games.Lines.Last().Kind);
    }

    [Fact]
    public void DirectMessages_GoToTheConversationWithTheOtherUser_BothWays()
    {
        _f.Joined("#general");
        _f.Message(1, "bob", "alice", "psst");
        _f.Message(2, "alice", "bob", "yes?");

        ConversationViewModel bob = _f.Conversation("@bob");
        Assert.Equal(["psst", "yes?"], ChatFixture.Texts(bob));
        Assert.Equal("bob", bob.Target);
        Assert.Equal(1, bob.Unread);
    }

    [Fact]
    public void OfflineMessage_IsShownMarked()
    {
        _f.Joined("#general");
        _f.Message(1, "bob", "alice", "while you were out", offline: true);

        LogLine line = _f.Conversation("@bob").Lines.Single();
        Assert.True(line.Offline);
        Assert.Equal("09:30 [offline] bob: while you were out", line.Display);
    }

    [Fact]
    public void JoinAndLeaveOfOthers_UpdateMembersAndLogJoinLeaveLines()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Raise(new JoinedEvent { Room = "#general", User = "carol" });

        Assert.Contains(general.Members, m => m.Name == "carol" && m.Online);
        Assert.Equal("10:00 * carol joined #general", general.Lines.Last().Display);
        Assert.Equal(LineKind.JoinLeave, general.Lines.Last().Kind);

        _f.Raise(new LeftEvent { Room = "#general", User = "carol", Reason = LeftReasons.Leave });

        Assert.DoesNotContain(general.Members, m => m.Name == "carol");
        Assert.Equal("* carol left #general", general.Lines.Last().Body);
    }

    [Fact]
    public void QuitOrLeaveWithAReason_ShowsWhatTheUserSaid_AndAQuitWithoutOne_ItsReasonCode()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Raise(new JoinedEvent { Room = "#general", User = "bob" });
        _f.Raise(new JoinedEvent { Room = "#general", User = "carol" });

        _f.Raise(new LeftEvent { Room = "#general", User = "bob", Reason = LeftReasons.Quit, Text = "see you amanhã 👋" });
        Assert.Equal("* bob quit (see you amanhã 👋)", general.Lines.Last().Body);
        Assert.Equal(LineKind.JoinLeave, general.Lines.Last().Kind);

        _f.Raise(new LeftEvent { Room = "#general", User = "carol", Reason = LeftReasons.Quit });
        Assert.Equal("* carol quit (quit)", general.Lines.Last().Body);

        _f.Raise(new JoinedEvent { Room = "#general", User = "dave" });
        _f.Raise(new LeftEvent { Room = "#general", User = "dave", Reason = LeftReasons.Leave, Text = "lunch" });
        Assert.Equal("* dave left #general (lunch)", general.Lines.Last().Body);

        _f.Raise(new JoinedEvent { Room = "#general", User = "erin" });
        _f.Raise(new LeftEvent { Room = "#general", User = "erin", Reason = LeftReasons.Kick, Text = "spam" });
        Assert.Equal("* erin was removed from #general (spam)", general.Lines.Last().Body);
        Assert.DoesNotContain(general.Members, m => m.Name is "bob" or "carol" or "dave" or "erin");
    }

    [Fact]
    public void Members_ShowPresenceRoleAndOwnName()
    {
        _f.Server.ListUsersAsync("+team", default).Returns(Task.FromResult<IReadOnlyList<UserInfo>>(
        [
            new UserInfo { User = "bob", Role = Roles.Admin, Online = true },
            new UserInfo { User = "alice", Role = Roles.User, Online = true },
            new UserInfo { User = "dave", Role = Roles.User, Online = false },
        ]));
        ConversationViewModel team = _f.Joined("+team");

        Assert.Equal(["● alice (you)", "● bob (admin)", "○ dave"], team.Members.Select(m => m.Display));

        _f.Raise(new PresenceEvent { User = "dave", Online = true });
        Assert.Equal("● dave", team.Members.Single(m => m.Name == "dave").Display);
    }

    [Fact]
    public void Topic_UpdatesTheRoomAndLogsALine()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Raise(new TopicEvent { Room = "#general", Topic = "release day", By = "bob" });

        Assert.Equal("release day", general.Topic);
        Assert.Equal("* bob set the topic: release day", general.Lines.Last().Body);
    }

    [Fact]
    public void OwnJoined_BringsTheRoomsTopic_AndOneFromAnOlderServerKeepsTheTopicKnown()
    {
        ConversationViewModel cozinha = _f.Joined("#cozinha");
        _f.Raise(new JoinedEvent { Room = "#cozinha", User = "alice", Topic = "receitas e café\u0007" });
        Assert.Equal("receitas e café\uFFFD", cozinha.Topic);

        // An older server says nothing of the topic: the one known stays.
        _f.Raise(new LeftEvent { Room = "#cozinha", User = "alice", Reason = LeftReasons.Leave });
        _f.Raise(new JoinedEvent { Room = "#cozinha", User = "alice" });
        Assert.Equal("receitas e café\uFFFD", cozinha.Topic);

        // A room without a topic now: the server says so with an empty one.
        _f.Raise(new JoinedEvent { Room = "#cozinha", User = "alice", Topic = "" });
        Assert.Equal("", cozinha.Topic);
        // Someone else's join is no news about the topic.
        _f.Raise(new JoinedEvent { Room = "#cozinha", User = "bob", Topic = "not this" });
        Assert.Equal("", cozinha.Topic);
    }

    [Fact]
    public void KickedFromAGroup_MarksItNotJoined()
    {
        ConversationViewModel team = _f.Joined("+team");
        _f.Raise(new LeftEvent { Room = "+team", User = "alice", Reason = LeftReasons.Kick });

        Assert.False(team.IsJoined);
        Assert.Equal("* you were removed from +team", team.Lines.Last().Body);
    }

    [Fact]
    public void Kick_SaysWhoKickedAndWhy_ToTheKickedUserAndTheRoom()
    {
        ConversationViewModel room = _f.Joined("#bobroom");
        _f.Raise(new JoinedEvent { Room = "#bobroom", User = "erin" });

        _f.Raise(new LeftEvent { Room = "#bobroom", User = "erin", Reason = LeftReasons.Kick, Text = "spam", By = "bob" });
        Assert.Equal("* erin was removed from #bobroom by bob (spam)", room.Lines.Last().Body);

        _f.Raise(new LeftEvent { Room = "#bobroom", User = "alice", Reason = LeftReasons.Kick, Text = "fora, ação!", By = "bob" });
        Assert.Equal("* you were removed from #bobroom by bob (fora, ação!)", room.Lines.Last().Body);
        Assert.False(room.IsJoined);

        // Without a kicker (an older server): the reason alone.
        _f.Joined("#bobroom");
        _f.Raise(new LeftEvent { Room = "#bobroom", User = "alice", Reason = LeftReasons.Kick, Text = "again" });
        Assert.Equal("* you were removed from #bobroom (again)", room.Lines.Last().Body);
    }

    [Fact]
    public void SelectNextAndPrevious_WrapAround()
    {
        _f.Joined("#a");
        _f.Joined("#b");
        _f.Joined("#c");

        _f.Chat.SelectPrevious();
        Assert.Equal("#c", _f.Chat.Selected!.Name);
        _f.Chat.SelectNext();
        Assert.Equal("#a", _f.Chat.Selected!.Name);
    }

    [Fact]
    public void FileOffer_IsShownWithNameSizeSenderAndId()
    {
        _f.Joined("#general");
        _f.Raise(new FileEvent
        {
            FileId = "f42", From = "bob", To = "#general", Name = "report.pdf", Size = 2_200_000,
            Sha256 = new string('a', 64), Ts = ChatFixture.Ts,
        });

        LogLine line = _f.Conversation("#general").Lines.Last();
        Assert.Equal(LineKind.FileOffer, line.Kind);
        Assert.Equal("bob sent report.pdf (2.1 MB) · /save f42", line.Body);
        Assert.Equal("f42", _f.Chat.FindFileOffer("f42")!.FileId);
    }

    [Fact]
    public void OwnFileOffer_FromAnotherClientOfTheAccount_IsNeitherUnreadNorAHighlight()
    {
        _f.Joined("#general");

        // alice offers a file to bob from her laptop; this client of hers hears of it.
        _f.Raise(new FileEvent
        {
            FileId = "f1", From = "alice", To = "bob", Name = "fotos-férias.zip", Size = 1_000, Sha256 = new string('a', 64), Ts = ChatFixture.Ts,
        });
        ConversationViewModel bob = _f.Conversation("@bob");
        Assert.Equal(LineKind.FileOffer, bob.Lines.Last().Kind);
        Assert.Equal((0, 0), (bob.Unread, bob.Highlights));

        // bob's own offer back is both.
        _f.Raise(new FileEvent
        {
            FileId = "f2", From = "bob", To = "alice", Name = "resposta.txt", Size = 10, Sha256 = new string('b', 64), Ts = ChatFixture.Ts,
        });
        Assert.Equal((1, 1), (bob.Unread, bob.Highlights));
    }

    [Fact]
    public void ControlCharactersFromOthers_NeverReachTheLog()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Message(1, "bob", "#general", "hi\u001b[2J\u001b]0;pwned\u0007 there");

        string shown = general.Lines.Last().Display;
        Assert.DoesNotContain('\u001b', shown);
        Assert.DoesNotContain('\u0007', shown);

        // Names are checked by the server, but the client does not rely on it.
        _f.Message(2, "ev\u001b[1mil", "#general", "hi");
        _f.Raise(new JoinedEvent { Room = "#general", User = "x\u009b2J" });
        Assert.DoesNotContain('\u001b', general.Lines[^2].Display);
        Assert.All(general.Members, m => Assert.DoesNotContain('\u009b', m.Display));
        Assert.All(_f.Chat.Conversations, c => Assert.DoesNotContain('\u001b', c.Display));
    }

    [Fact]
    public void TimeStamps_AreHoursAndMinutesInTheLocalZone()
    {
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");
        using var chat = new ChatViewModel(_f.Server, _f.Session, new InlineUiDispatcher(),
            new ChatSettings { Time = new FixedTimeProvider(DateTimeOffset.UnixEpoch, plusTwo) });
        _f.Joined("#general");
        _f.Message(1, "bob", "#general", "hi");

        Assert.Equal("11:30", chat.Conversations.Single(c => c.Name == "#general").Lines.Last().TimeText);
    }

    [Fact]
    public void Notice_BeforeAnyConversation_IsKeptForTheFirstOne()
    {
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(1), "connection lost (reset)"));
        Assert.Null(Assert.Single(_f.Added).Conversation);

        ConversationViewModel general = _f.Joined("#general");

        Assert.Contains(general.Lines, l => l.Text.Contains("connection lost", StringComparison.Ordinal));
    }
}
