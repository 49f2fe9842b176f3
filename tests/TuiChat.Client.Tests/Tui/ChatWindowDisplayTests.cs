using NSubstitute;
using Terminal.Gui.Input;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Tests.Tui;

/// <summary>What the screen shows of the view-model's display text: highlights, direct conversations, pending lines.</summary>
[Collection(TerminalGuiSerial.Name)]
public sealed class ChatWindowDisplayTests
{
    private static void JoinGeneral(HeadlessChat chat) => chat.Receive(new JoinedEvent { Room = "#general", User = "alice" });

    private static string Row(HeadlessChat chat, string containing) =>
        chat.Screen().Split('\n').First(line => line.Contains(containing, StringComparison.Ordinal));

    [Fact]
    public void ADirectMessage_ShowsItsConversationAsAHighlight()
    {
        using var chat = new HeadlessChat();
        JoinGeneral(chat);

        chat.Receive(new ChatMessage { MsgId = 4, Ts = "2026-01-01T10:02:00.000Z", From = "bob", To = "alice", Text = "psst" });

        Assert.Contains("(1)!", Row(chat, "@bob"));
    }

    [Fact]
    public void Msg_ShowsTheLineInTheDirectConversation_AndTheOtherPersonInTheUsersPane()
    {
        using var chat = new HeadlessChat();
        chat.Connection.ListUsersAsync(null).ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<UserInfo>>(
            [new UserInfo { User = "bob", Role = "guest", Online = true }]));
        JoinGeneral(chat);

        chat.Type("/msg bob see you at 5");
        chat.Press(Key.Enter);

        string screen = chat.Screen();
        Assert.Contains("alice: see you at 5", screen);
        Assert.Contains("● bob (guest)", screen);
        Assert.Contains("@bob", Row(chat, "Users 1/1"));
    }

    [Fact]
    public void OwnLine_IsOnScreenBeforeTheServerConfirmsIt()
    {
        using var chat = new HeadlessChat();
        chat.Connection.SendMessageAsync(default!, default!).ReturnsForAnyArgs(new TaskCompletionSource<MsgOk>().Task);
        JoinGeneral(chat);

        chat.Type("still on its way");
        chat.Press(Key.Enter);

        Assert.Contains("alice: still on its way", chat.Screen());
    }

    [Fact]
    public void At80Columns_TheUsersPaneKeepsTheName_AndCutsItWithAnEllipsis()
    {
        using var chat = new HeadlessChat(width: 80, height: 24);
        chat.Connection.ListUsersAsync(null).ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<UserInfo>>(
            [new UserInfo { User = "bob", Role = "guest", Online = true },
             new UserInfo { User = "bernadete_longname", Role = "user", Online = true }]));
        JoinGeneral(chat);

        // Twelve columns: a tag that does not fit whole is left out (the colour still tells a guest).
        Assert.Equal("● bob", Row(chat, "● bob").Split('│')[^2].TrimEnd());
        Assert.Equal("● bernadete…", Row(chat, "● bern").Split('│')[^2].TrimEnd());
    }
}
