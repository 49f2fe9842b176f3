using NSubstitute;
using Terminal.Gui.Input;
using TuiChat.Client.Core.Connection;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Tests.Tui;

/// <summary>Wiring of the full-screen window to the view-model, checked on the virtual driver.</summary>
[Collection(TerminalGuiSerial.Name)]
public sealed class ChatWindowTests
{
    private static ChatMessage Message(long id, string from, string to, string text) => new()
    {
        MsgId = id, Ts = "2026-01-01T10:02:00.000Z", From = from, To = to, Text = text,
    };

    private static void JoinGeneral(HeadlessChat chat)
    {
        chat.Receive(new JoinedEvent { Room = "#general", User = "alice" });
        chat.Receive(new JoinedEvent { Room = "#general", User = "bob" });
    }

    [Fact]
    public void TypingAndEnter_SendsTheLineToTheSelectedConversation()
    {
        using var chat = new HeadlessChat();
        JoinGeneral(chat);

        chat.Type("hello there");
        chat.Press(Key.Enter);

        chat.Connection.Received(1).SendMessageAsync("#general", "hello there", Arg.Any<CancellationToken>());
        Assert.Equal("", chat.Chat.Input.Text);
    }

    [Fact]
    public void IncomingMessage_AppearsInTheLogWithItsSender()
    {
        using var chat = new HeadlessChat();
        JoinGeneral(chat);

        chat.Receive(Message(7, "bob", "#general", "hi alice, lunch?"));

        Assert.Contains("bob: hi alice, lunch?", chat.Screen());
        Assert.Contains("#general", chat.Screen());
    }

    [Fact]
    public void RoomsPane_ShowsUnreadCountOfConversationsNotSelected()
    {
        using var chat = new HeadlessChat();
        JoinGeneral(chat);
        chat.Receive(new JoinedEvent { Room = "#games", User = "alice" });

        chat.Receive(Message(1, "bob", "#games", "gg"));
        chat.Receive(Message(2, "bob", "#games", "rematch?"));
        chat.Receive(Message(3, "bob", "#games", "now"));

        string gamesRow = chat.Screen().Split('\n').Single(line => line.Contains("#games", StringComparison.Ordinal));
        Assert.Contains("(3)", gamesRow);
    }

    [Fact]
    public void UsersPane_MarksPresenceAndTheUsersOwnName()
    {
        using var chat = new HeadlessChat();
        chat.Connection.ListUsersAsync("#general").ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<UserInfo>>(
        [
            new UserInfo { User = "alice", Role = "user", Online = true },
            new UserInfo { User = "bob", Role = "admin", Online = true },
        ]));
        JoinGeneral(chat);

        string screen = chat.Screen();
        Assert.Contains("● alice (you)", screen);
        Assert.Contains("● bob (admin)", screen);
    }

    [Fact]
    public void ControlCharactersFromTheNetwork_NeverReachTheScreen()
    {
        using var chat = new HeadlessChat();
        JoinGeneral(chat);

        chat.Receive(Message(9, "bob", "#general", "evil\u001b]0;pwned\u0007text"));

        string screen = chat.Screen();
        Assert.DoesNotContain("\u001b", screen, StringComparison.Ordinal);
        Assert.Contains("evil\uFFFD]0;pwned\uFFFDtext", screen);
    }

    [Fact]
    public void F1_OpensHelpListingKeysAndCommands()
    {
        using var chat = new HeadlessChat();

        string? help = HelpScreen(chat);

        Assert.NotNull(help);
        Assert.Contains("TuiChat help", help);
        Assert.Contains("Ctrl+Q", help);
        Assert.Contains("/join #room", help);
    }

    [Fact]
    public void F1_At80Columns_WrapsTheHelpInsteadOfCuttingIt()
    {
        using var chat = new HeadlessChat(80, 24);

        string? help = HelpScreen(chat);

        // The end of the second key's description, cut at the dialog's edge before.
        Assert.NotNull(help);
        Assert.Contains("then scrolls)", help);
    }

    [Fact]
    public void F5_SavesTheNewestFileOfferedInTheSelectedConversation()
    {
        using var chat = new HeadlessChat();
        JoinGeneral(chat);
        chat.Receive(new FileEvent
        {
            FileId = "f7", From = "bob", To = "#general", Name = "report.pdf", Size = 3,
            Sha256 = new string('a', 64), Ts = "2026-01-01T10:02:00.000Z",
        });

        chat.Press(Key.F5);

        chat.Connection.Received(1).DownloadFileAsync("f7", Arg.Any<Stream>(), Arg.Any<IProgress<TransferProgress>?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void CtrlQ_StopsTheWindow()
    {
        using var chat = new HeadlessChat();

        chat.Press(Key.Q.WithCtrl);

        Assert.True(chat.Window.StopRequested);
    }

    [Fact]
    public void Esc_ClearsTheInputInsteadOfQuitting_AndUpBringsItBack()
    {
        using var chat = new HeadlessChat();
        chat.Type("oops");

        chat.Press(Key.Esc);

        Assert.Equal("", chat.Chat.Input.Text);
        Assert.False(chat.Window.StopRequested);
        chat.Press(Key.CursorUp);
        Assert.Equal("oops", chat.Chat.Input.Text);
    }

    [Fact]
    public void UpInEmptyInput_RecallsTheLastLine()
    {
        using var chat = new HeadlessChat();
        JoinGeneral(chat);
        chat.Type("first line");
        chat.Press(Key.Enter);

        chat.Press(Key.CursorUp);

        Assert.Equal("first line", chat.Chat.Input.Text);
    }

    [Fact]
    public void Tab_CompletesAPartialName_AndWithNothingToCompleteKeepsFocusAndText()
    {
        using var chat = new HeadlessChat();
        JoinGeneral(chat);
        chat.Type("hi bo");

        chat.Press(Key.Tab);
        Assert.Equal("hi bob ", chat.Chat.Input.Text);
        Assert.True(chat.Window.Input.Field.HasFocus);

        chat.Press(Key.Tab);
        chat.Type("x");
        Assert.True(chat.Window.Input.Field.HasFocus);
        Assert.Equal("hi bob x", chat.Chat.Input.Text);
    }

    [Fact]
    public void CtrlN_SwitchesToTheNextConversation()
    {
        using var chat = new HeadlessChat();
        JoinGeneral(chat);
        chat.Receive(new JoinedEvent { Room = "#games", User = "alice" });
        Assert.Equal("#general", chat.Chat.Selected?.Name);

        chat.Press(Key.N.WithCtrl);

        Assert.Equal("#games", chat.Chat.Selected?.Name);
        Assert.Contains("#games", chat.Window.Log.Title);
    }

    [Fact]
    public void LongLines_WrapInsideTheLogAt80Columns()
    {
        using var chat = new HeadlessChat(80, 24);
        JoinGeneral(chat);
        string words = string.Join(' ', Enumerable.Range(1, 40).Select(i => "word" + i));

        chat.Receive(Message(5, "bob", "#general", words));

        string screen = chat.Screen();
        Assert.Contains("word1 ", screen);
        Assert.Contains("word40", screen);
    }

    [Fact]
    public void ClickOnARoom_OpensItAndTypingGoesOnInTheInput()
    {
        using var chat = new HeadlessChat();
        JoinGeneral(chat);
        chat.Receive(new JoinedEvent { Room = "#games", User = "alice" });
        int gamesRow = RowOf(chat, "#games");

        chat.Click(3, gamesRow);
        chat.Type("gg");

        Assert.Equal("#games", chat.Chat.Selected?.Name);
        Assert.Equal("gg", chat.Chat.Input.Text);
    }

    [Fact]
    public void DoubleClickOnAUser_OpensADirectConversation()
    {
        using var chat = new HeadlessChat();
        chat.Connection.ListUsersAsync("#general").ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<UserInfo>>(
        [
            new UserInfo { User = "alice", Role = "user", Online = true },
            new UserInfo { User = "bob", Role = "user", Online = true },
        ]));
        JoinGeneral(chat);
        int bobRow = RowOf(chat, "● bob");

        chat.DoubleClick(130, bobRow);

        Assert.Equal("@bob", chat.Chat.Selected?.Name);
    }

    [Fact]
    public void JoiningARoom_ShowsItsRecentHistory()
    {
        using var chat = new HeadlessChat();
        JoinGeneral(chat);
        chat.Connection.JoinAsync("#long", Arg.Any<CancellationToken>()).Returns(_ =>
        {
            // The server sends "joined" before it answers the join.
            chat.Receive(new JoinedEvent { Room = "#long", User = "alice" });
            return Task.FromResult(new RoomOk { Re = "2", Room = "#long", Members = ["alice", "carol"] });
        });
        chat.Connection.GetHistoryAsync("#long", null, Arg.Any<int?>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromResult<IReadOnlyList<ChatMessage>>([Message(3, "carol", "#long", "earlier words")]));

        chat.Type("/join #long");
        chat.Press(Key.Enter);

        Assert.Equal("#long", chat.Chat.Selected?.Name);
        Assert.Contains("carol: earlier words", chat.Screen());
    }

    /// <summary>Presses F1 and returns the screen with the help dialog on it (null if it never opened).</summary>
    private static string? HelpScreen(HeadlessChat chat)
    {
        string? help = null;
        // The dialog runs modally inside the key press; look at the screen from its first iteration.
        chat.App.Iteration += (_, _) =>
        {
            if (chat.App.TopRunnableView is Client.Tui.HelpDialog && help is null)
            {
                chat.App.LayoutAndDraw(true);
                help = chat.Screen();
                chat.App.RequestStop();
            }
        };
        chat.Press(Key.F1);
        return help;
    }

    private static int RowOf(HeadlessChat chat, string text) =>
        Array.FindIndex(chat.Screen().Split('\n'), line => line.Contains(text, StringComparison.Ordinal));
}
