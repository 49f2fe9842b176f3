using Terminal.Gui.Input;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Tests.Tui;

/// <summary>Where the user reads in the log: "N new ↓" while scrolled up, End / Ctrl+End back to the newest line.</summary>
[Collection(TerminalGuiSerial.Name)]
public sealed class ReadingPositionTests
{
    private static void Say(HeadlessChat chat, long id, string text) =>
        chat.Receive(new ChatMessage { MsgId = id, Ts = "2026-01-01T10:00:00.000Z", From = "bob", To = "#general", Text = text });

    private static HeadlessChat ScrolledUp()
    {
        var chat = new HeadlessChat(width: 80, height: 24);
        chat.Receive(new JoinedEvent { Room = "#general", User = "alice" });
        for (long id = 1; id <= 60; id++)
        {
            Say(chat, id, "line " + id);
        }
        chat.Press(Key.PageUp);
        return chat;
    }

    [Fact]
    public void LinesArrivingWhileScrolledUp_AreCountedOnTheBottomBorder_AndEndJumpsToThem()
    {
        using HeadlessChat chat = ScrolledUp();
        Assert.Equal("", chat.Window.Log.NewBelowText);

        Say(chat, 61, "first new");
        Say(chat, 62, "second new");
        chat.Draw();

        Assert.DoesNotContain("second new", chat.Screen());
        string bottomBorder = chat.Screen().Split('\n').Last(line => line.Contains("new ↓", StringComparison.Ordinal));
        Assert.Contains("╰", bottomBorder);
        Assert.Contains("─ 2 new ↓ ─╯", bottomBorder); // on the border, its corner kept

        chat.Press(Key.End);
        chat.Draw();

        Assert.Contains("second new", chat.Screen());
        Assert.DoesNotContain("new ↓", chat.Screen());
        Assert.Equal("", chat.Chat.Input.Text); // End moved the log, it typed nothing
    }

    [Fact]
    public void CtrlEnd_JumpsToTheBottom_AndARebindingInKeysMovesIt()
    {
        using HeadlessChat chat = ScrolledUp();
        chat.Press(Key.End.WithCtrl);
        chat.Draw();
        Assert.Contains("line 60", chat.Screen());

        _ = chat.Chat.ExecuteAsync("/set keys.bottom F9");
        chat.Press(Key.PageUp);
        chat.Press(Key.End.WithCtrl);
        chat.Draw();
        Assert.DoesNotContain("line 60", chat.Screen());
        chat.Press(Key.F9);
        chat.Draw();
        Assert.Contains("line 60", chat.Screen());
    }

    [Fact]
    public void End_AtTheBottom_IsStillTheInputLinesEndOfLine()
    {
        using var chat = new HeadlessChat(width: 80, height: 24);
        chat.Receive(new JoinedEvent { Room = "#general", User = "alice" });
        chat.Type("hello");
        chat.Press(Key.Home);
        chat.Press(Key.End);
        chat.Type("!");

        Assert.Equal("hello!", chat.Chat.Input.Text);
    }
}
