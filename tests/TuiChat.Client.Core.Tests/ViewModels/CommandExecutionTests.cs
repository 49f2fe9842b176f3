using NSubstitute;
using NSubstitute.ExceptionExtensions;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

/// <summary>Every input-line command reaches the connection with the right arguments, and failures become notices.</summary>
public sealed class CommandExecutionTests : IDisposable
{
    private readonly ChatFixture _f = new();
    private readonly IChatRequests _c;

    public CommandExecutionTests()
    {
        _c = _f.Server;
        _c.SendMessageAsync(default!, default!, default).ReturnsForAnyArgs(Task.FromResult(new MsgOk { Re = "1", MsgId = 1, Ts = ChatFixture.Ts }));
        _c.JoinAsync(default!, default).ReturnsForAnyArgs(ci =>
            Task.FromResult(new RoomOk { Re = "1", Room = ci.Arg<string>(), Topic = "t", Members = ["alice", "bob"] }));
        _c.CreateGroupAsync(default!, default!, default).ReturnsForAnyArgs(ci =>
            Task.FromResult(new RoomOk { Re = "1", Room = ci.Arg<string>(), Private = true, Members = ["alice"] }));
    }

    public void Dispose() => _f.Dispose();

    private Task Run(string line) => _f.Chat.ExecuteAsync(line);

    private string LastNotice => _f.Added.Last().Line.Text;

    [Fact]
    public async Task PlainText_SendsToTheSelectedConversation()
    {
        _f.Joined("#general");
        await Run("hello world");
        await _c.Received().SendMessageAsync("#general", "hello world", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PlainText_InADirectConversation_SendsToTheUser()
    {
        _f.Joined("#general");
        _f.Chat.OpenDirect("bob");
        await Run("hi bob");
        await _c.Received().SendMessageAsync("bob", "hi bob", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PlainText_WithNothingSelected_ExplainsInsteadOfSending()
    {
        await Run("hello");
        await _c.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default!, default);
        Assert.Contains("/join", LastNotice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DoubleSlash_SendsTheTextWithOneSlash()
    {
        _f.Joined("#general");
        await Run("//shrug");
        await _c.Received().SendMessageAsync("#general", "/shrug", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Join_AddsThePrefix_SelectsTheRoomAndFillsMembers()
    {
        _f.Joined("#general");
        await Run("/join games");
        await _c.Received().JoinAsync("#games", Arg.Any<CancellationToken>());
        Assert.Equal("#games", _f.Chat.Selected!.Name);
        Assert.Equal("t", _f.Chat.Selected.Topic);
        Assert.Equal(["alice", "bob"], _f.Chat.Selected.Members.Select(m => m.Name));

        // The server's own "joined" event for alice follows the reply: still one notice.
        _f.Raise(new JoinedEvent { Room = "#games", User = "alice" });
        Assert.Single(_f.Chat.Selected.Lines, l => l.Text == "you joined #games");
    }

    [Fact]
    public async Task Leave_LeavesTheSelectedRoom_OrTheNamedOne()
    {
        _f.Joined("#general");
        _f.Joined("#games");
        await Run("/leave");
        await _c.Received().LeaveAsync("#general", Arg.Any<CancellationToken>());
        await Run("/leave #games");
        await _c.Received().LeaveAsync("#games", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Leave_InADirectConversation_ClosesIt()
    {
        _f.Joined("#general");
        _f.Chat.OpenDirect("bob");
        await Run("/leave");
        Assert.DoesNotContain(_f.Chat.Conversations, c => c.Name == "@bob");
        Assert.Equal("#general", _f.Chat.Selected!.Name);
        await _c.DidNotReceiveWithAnyArgs().LeaveAsync(default!, default);
    }

    [Fact]
    public async Task Msg_SendsADirectMessage_SelectsTheConversation_AndShowsTheLineThere()
    {
        _f.Joined("#general");
        await Run("/msg @bob see you at 5");
        await _c.Received().SendMessageAsync("bob", "see you at 5", Arg.Any<CancellationToken>());
        ConversationViewModel bob = _f.Chat.Selected!;
        Assert.Equal("@bob", bob.Name);
        LogLine own = Assert.Single(bob.Lines, l => l.Kind == LineKind.Own);
        Assert.Equal("alice: see you at 5", own.Body);
        Assert.False(own.Pending);
        Assert.NotNull(own.MsgId);
    }

    [Fact]
    public async Task Msg_ToANameThatIsNobodys_LeavesNoConversationBehind_AndSaysSoWhereTheUserWas()
    {
        ConversationViewModel general = _f.Joined("#general");
        _c.SendMessageAsync("bbo", Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ChatRequestException(ErrorCodes.NoSuchUser, "no user named bbo"));

        await Run("/msg bbo see you at 5");

        Assert.DoesNotContain(_f.Chat.Conversations, c => c.Name == "@bbo");
        Assert.Same(general, _f.Chat.Selected);
        Assert.Contains("see you at 5", LastNotice, StringComparison.Ordinal);

        // A conversation that was there before stays, with what it held.
        _f.Message(7, "bob", "alice", "oi");
        ConversationViewModel bob = _f.Conversation("@bob");
        _c.SendMessageAsync("bob", Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ChatRequestException(ErrorCodes.NoSuchUser, "bob has left"));
        await Run("/msg bob still there?");
        Assert.Contains(bob, _f.Chat.Conversations);
    }

    [Fact]
    public async Task Create_MakesAPrivateGroupWithTheMembers()
    {
        await Run("/create team bob carol");
        await _c.Received().CreateGroupAsync("+team",
            Arg.Is<IReadOnlyList<string>>(m => string.Join(",", m) == "bob,carol"), Arg.Any<CancellationToken>());
        Assert.Equal("+team", _f.Chat.Selected!.Name);
        Assert.Equal(ConversationKind.Group, _f.Chat.Selected.Kind);
    }

    [Fact]
    public async Task InviteKickAndTopic_ApplyToTheSelectedGroup()
    {
        _f.Joined("+team");
        await Run("/invite dave");
        await Run("/kick @erin");
        await Run("/kick frank chega de spam, ação!");
        await Run("/topic ship it friday");
        await _c.Received().InviteAsync("+team", "dave", Arg.Any<CancellationToken>());
        await _c.Received().KickAsync("+team", "erin", null, Arg.Any<CancellationToken>());
        await _c.Received().KickAsync("+team", "frank", "chega de spam, ação!", Arg.Any<CancellationToken>());
        await _c.Received().SetTopicAsync("+team", "ship it friday", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Topic_NamesItsRoomFirstOrAppliesToTheSelectedOne_AndWithoutTextShowsIt()
    {
        _f.Joined("+team");
        ConversationViewModel games = _f.Joined("#games");
        _f.Chat.Select(games);

        await Run("/topic new topic here");
        await Run("/topic +team ship it friday");
        await Run("/topic   #games   #1 priority: café ☕");
        await _c.Received().SetTopicAsync("#games", "new topic here", Arg.Any<CancellationToken>());
        await _c.Received().SetTopicAsync("+team", "ship it friday", Arg.Any<CancellationToken>());
        await _c.Received().SetTopicAsync("#games", "#1 priority: café ☕", Arg.Any<CancellationToken>());

        games.Topic = "board games";
        await Run("/topic");
        Assert.Equal("topic of #games: board games", _f.Added[^1].Line.Text);
        await Run("/topic +team");
        Assert.Equal("+team has no topic", _f.Added[^1].Line.Text);
        await Run("/topic #nowhere");
        Assert.Equal("error: #nowhere is not open here: /join #nowhere first", _f.Added[^1].Line.Text);
        await _c.ReceivedWithAnyArgs(3).SetTopicAsync(default!, default!, default);
    }

    [Fact]
    public async Task Invite_InADirectConversation_IsRefusedWithANotice()
    {
        _f.Joined("#general");
        _f.Chat.OpenDirect("bob");
        await Run("/invite carol");
        await _c.DidNotReceiveWithAnyArgs().InviteAsync(default!, default!, default);
        Assert.Contains("select a room or group", LastNotice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_UploadsThePathToTheSelectedConversation()
    {
        _f.Joined("#general");
        string path = Path.Combine(Path.GetTempPath(), $"send-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, "data");
        _c.UploadFileAsync(default!, default!, default, default).ReturnsForAnyArgs(Task.FromResult(new FileEvent
        {
            FileId = "f1", From = "alice", To = "#general", Name = "x", Size = 4, Sha256 = new string('0', 64), Ts = ChatFixture.Ts,
        }));
        try
        {
            await Run("/file " + path);
            await _c.Received().UploadFileAsync("#general", path, Arg.Any<IProgress<TransferProgress>>(), Arg.Any<CancellationToken>());
            Assert.Empty(_f.Chat.Transfers);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task File_MissingPath_IsANoticeNotACrash()
    {
        _f.Joined("#general");
        await Run("/file /no/such/file.txt");
        Assert.Contains("no such file", LastNotice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_OfAFolder_SaysItIsAFolder()
    {
        _f.Joined("#general");
        string folder = Directory.CreateTempSubdirectory("tuichat-file-").FullName;
        try
        {
            await Run("/file " + folder);
            Assert.Equal($"error: {folder} is a folder: /file sends one file (pack a folder into an archive first)", LastNotice);
            await _c.DidNotReceiveWithAnyArgs().UploadFileAsync(default!, default!, default!, default);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public async Task Users_ListsWhoIsOnline()
    {
        _f.Joined("#general");
        _c.ListUsersAsync(null, default).ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<UserInfo>>(
        [
            new UserInfo { User = "bob", Role = Roles.Admin, Online = true },
            new UserInfo { User = "alice", Role = Roles.User, Online = true },
            new UserInfo { User = "guest1", Role = Roles.Guest, Online = true },
        ]));
        await Run("/users");
        Assert.Equal("online (3): alice, bob (admin), guest1 (guest)", LastNotice);
    }

    [Theory]
    [InlineData("/rooms")]
    [InlineData("/list")]
    public async Task Rooms_ListsRoomsAndGroups(string command)
    {
        _f.Joined("#general");
        _c.ListRoomsAsync(default).Returns(Task.FromResult<IReadOnlyList<RoomInfo>>(
        [
            new RoomInfo { Room = "+team", Members = 2, Private = true },
            new RoomInfo { Room = "#general", Members = 3, Topic = "hello" },
        ]));
        await Run(command);
        string[] lines = _f.Added.TakeLast(3).Select(a => a.Line.Text).ToArray();
        Assert.Equal(["rooms and groups (2):", "#general — room, 3 members — hello", "+team — group, 2 members"], lines);
    }

    [Fact]
    public void ANotice_IsShownAsOne_WithItsSenderWhereANameIs()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Message(5, "feedbot", "#general", "novo artigo: ação", notice: true);
        _f.Message(6, "feedbot", "#general", "uma linha");

        LogLine notice = general.Lines[^2];
        Assert.Equal("-feedbot- novo artigo: ação", notice.Body);
        Assert.Equal("feedbot", notice.Display.Substring(notice.SenderAt!.Value, "feedbot".Length));
        Assert.Equal("feedbot: uma linha", general.Lines[^1].Body);
    }

    [Fact]
    public async Task Me_SendsAnActionShownAsAnAction()
    {
        ConversationViewModel general = _f.Joined("#general");
        await Run("/me waves");
        await _c.Received().SendMessageAsync("#general", "/me waves", Arg.Any<CancellationToken>());

        _f.Message(5, "alice", "#general", "/me waves");
        Assert.Equal("* alice waves", general.Lines.Last().Body);
    }

    [Fact]
    public async Task Shutdown_AsksTheServerToShutDown()
    {
        _f.Joined("#general");
        await Run("/shutdown maintenance window");
        await _c.Received().ShutdownServerAsync("maintenance window", Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("/quit")]
    [InlineData("/sair")]
    [InlineData("/exit")]
    public async Task Quit_ClosesTheSessionAndRaisesQuitRequested(string command)
    {
        bool quit = false;
        _f.Chat.QuitRequested += (_, _) => quit = true;
        await Run(command);
        await _c.Received().QuitAsync(null, Arg.Any<CancellationToken>());
        Assert.True(quit);
    }

    [Fact]
    public async Task Quit_WhenTheServerIsGone_StillQuits()
    {
        _c.QuitAsync(default, default).ThrowsAsyncForAnyArgs(new IOException("broken pipe"));
        bool quit = false;
        _f.Chat.QuitRequested += (_, _) => quit = true;
        await Run("/quit");
        Assert.True(quit);
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        _f.Joined("#general");
        await Run("/help");
        string help = string.Join("\n", _f.Chat.Selected!.Lines.Select(l => l.Text));
        foreach (string usage in "/join /leave /msg /create /invite /kick /topic /file /save /users /rooms /me /shutdown /quit /help".Split(' '))
        {
            Assert.Contains(usage, help, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/frobnicate now", "unknown command /frobnicate")]
    [InlineData("/join", "usage: /join #room")]
    [InlineData("/msg bob", "usage: /msg user text")]
    [InlineData("/", "")]
    public async Task UnknownOrIncompleteCommands_GiveAHelpLineNeverACrash(string line, string expected)
    {
        _f.Joined("#general");
        int before = _f.Added.Count;
        await Run(line);
        if (expected.Length > 0)
        {
            Assert.StartsWith(expected, LastNotice, StringComparison.Ordinal);
        }
        await _c.DidNotReceiveWithAnyArgs().JoinAsync(default!, default);
        Assert.True(_f.Added.Count >= before);
    }

    [Fact]
    public async Task ServerRefusal_IsShownAsANoticeWithItsCode()
    {
        _f.Joined("#general");
        _c.JoinAsync("#secret", Arg.Any<CancellationToken>())
            .ThrowsAsync(new ChatRequestException(ErrorCodes.NotAllowed, "private room"));
        await Run("/join #secret");
        Assert.Equal("error: private room (not_allowed)", LastNotice);
    }
}
