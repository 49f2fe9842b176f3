using NSubstitute;
using Terminal.Gui.Input;
using TuiChat.Client.Core.Input;

namespace TuiChat.Client.Tests.Tui;

/// <summary>The input line on the virtual driver: paste, line breaks, growth, focus.</summary>
[Collection(TerminalGuiSerial.Name)]
public sealed class InputLineTests
{
    private static HeadlessChat InGeneral()
    {
        var chat = new HeadlessChat();
        chat.Receive(new TuiChat.Protocol.Messages.JoinedEvent { Room = "#general", User = "alice" });
        return chat;
    }

    [Fact]
    public void ABracketedPaste_GoesIntoTheInputAsItIs_AndNothingIsSentBeforeEnter()
    {
        using HeadlessChat chat = InGeneral();
        chat.Window.Rooms.SetFocus();

        chat.App.RaisePasteEvent("first\r\n\r\n  indented\rthird");
        chat.Draw();

        Assert.Equal("first\n\n  indented\nthird", chat.Chat.Input.Text);
        Assert.True(chat.Window.Input.Field.HasFocus);
        chat.Connection.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default!);

        chat.Press(Key.Enter);
        chat.Connection.Received(1).SendMessageAsync("#general", "first\n\n  indented\nthird", Arg.Any<CancellationToken>());
    }

    [Fact]
    public void LinesQueuedBehindEachOther_AreSentOneByOne_WhereTheTerminalBracketsPastes()
    {
        using HeadlessChat chat = InGeneral();
        chat.Window.Input.Field.Enter = new EnterRule(terminalBracketsPastes: true);
        // A busy UI thread: lines typed 50 ms apart are all in the queue when it gets to them.
        chat.Window.Input.Field.MoreInputWaiting = () => true;

        chat.Type("fast 1 ação");
        chat.Press(Key.Enter);
        chat.Type("fast 2 ação");
        chat.Press(Key.Enter);

        chat.Connection.Received(1).SendMessageAsync("#general", "fast 1 ação", Arg.Any<CancellationToken>());
        chat.Connection.Received(1).SendMessageAsync("#general", "fast 2 ação", Arg.Any<CancellationToken>());
        Assert.Equal("", chat.Chat.Input.Text);
    }

    [Fact]
    public void AnUnbracketedPaste_WaitsInTheInput_UntilTheEnterWithNothingBehindIt()
    {
        using HeadlessChat chat = InGeneral();
        bool waiting = true; // the pasted block is in the queue behind each of its line ends
        chat.Window.Input.Field.MoreInputWaiting = () => waiting;

        chat.Type("one");
        chat.Press(Key.Enter);
        chat.Type("two");
        Assert.Equal("one\ntwo", chat.Chat.Input.Text);
        chat.Connection.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default!);

        waiting = false;
        chat.Press(Key.Enter);
        chat.Connection.Received(1).SendMessageAsync("#general", "one\ntwo", Arg.Any<CancellationToken>());
    }

    [Fact]
    public void OnceABracketedPasteCame_EveryEnterKeySends_EvenWithInputQueuedBehindIt()
    {
        using HeadlessChat chat = InGeneral();
        chat.Window.Input.Field.MoreInputWaiting = () => true;

        chat.App.RaisePasteEvent("pasted");
        chat.Press(Key.Enter);
        chat.Type("typed");
        chat.Press(Key.Enter);

        chat.Connection.Received(1).SendMessageAsync("#general", "pasted", Arg.Any<CancellationToken>());
        chat.Connection.Received(1).SendMessageAsync("#general", "typed", Arg.Any<CancellationToken>());
    }

    [Fact]
    public void TheInputGrowsToFiveRows_ThenScrolls_AndThePanesMakeRoom()
    {
        using HeadlessChat chat = InGeneral();
        for (int i = 1; i <= 7; i++)
        {
            chat.Type("line" + i);
            chat.Press(Key.Enter.WithAlt);
        }
        chat.Type("end");

        Assert.Equal(5, chat.Window.Input.Frame.Height);
        Assert.Equal(40 - 1 - 5, chat.Window.Log.Frame.Height);
        string screen = chat.Screen();
        Assert.Contains("end", screen);
        Assert.DoesNotContain("line3", screen); // scrolled out with the cursor at the bottom
        Assert.Contains("line4", screen);
    }

    [Fact]
    public void UpAndDown_InAMultiLineInput_MoveBetweenRows_AndNeverRecallOrLeaveTheInput()
    {
        using HeadlessChat chat = InGeneral();
        chat.Type("sent before");
        chat.Press(Key.Enter);
        chat.Type("top");
        chat.Press(Key.Enter.WithAlt);
        chat.Type("bottom");

        chat.Press(Key.CursorUp);
        chat.Type("X");
        chat.Press(Key.CursorUp); // already on the first row: nothing
        chat.Press(Key.CursorDown); // to the same column of the row below
        chat.Press(Key.CursorDown); // already on the last row: nothing
        chat.Type("Y");

        Assert.Equal("topX\nbottYom", chat.Chat.Input.Text);
        Assert.True(chat.Window.Input.Field.HasFocus);
    }

    [Fact]
    public void ALetterTypedInASidePane_GoesToTheInput_WithoutSelectingTheDraft()
    {
        using HeadlessChat chat = InGeneral();
        chat.Type("draft ");
        chat.Window.Users.SetFocus();

        chat.Type("more");

        Assert.Equal("draft more", chat.Chat.Input.Text);
        Assert.True(chat.Window.Input.Field.HasFocus);
    }

    [Fact]
    public void ReadlineKeys_EditTheLine()
    {
        using HeadlessChat chat = InGeneral();
        chat.Type("hello brave world");

        chat.Press(Key.W.WithCtrl);
        chat.Press(Key.A.WithCtrl);
        chat.Type(">");
        chat.Press(Key.F.WithAlt);
        chat.Press(Key.K.WithCtrl);
        chat.Press(Key.E.WithCtrl);
        chat.Type("!");

        Assert.Equal(">hello!", chat.Chat.Input.Text);
    }
}
