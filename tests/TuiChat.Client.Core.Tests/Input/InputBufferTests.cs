using TuiChat.Client.Core.Input;

namespace TuiChat.Client.Core.Tests.Input;

public sealed class InputBufferTests
{
    private static InputBuffer With(string text, int? cursor = null)
    {
        var buffer = new InputBuffer();
        buffer.SetText(text);
        if (cursor is { } at)
        {
            buffer.MoveTo(at);
        }
        return buffer;
    }

    [Fact]
    public void PastedLines_StayLines_AndCarriageReturnsBecomeLineFeeds()
    {
        var buffer = new InputBuffer();

        buffer.Insert("one\r\ntwo\rthree\tend");

        Assert.Equal("one\ntwo\nthree\tend", buffer.ToString());
        Assert.Equal(buffer.Length, buffer.Cursor);
    }

    [Fact]
    public void EscapeSequencesInAStrandedPaste_AreDroppedWhole_NeverBecomeText()
    {
        var buffer = new InputBuffer();

        // F1 (SS3), Alt+Down (CSI), an SGR mouse report and an OSC title typed while a paste was open.
        buffer.Insert("hi\u001BOP\u001B[1;3B\u001B[<0;10;5M\u001B]0;x\u0007 there");

        Assert.Equal("hi there", buffer.ToString());
    }

    [Fact]
    public void ByteCount_FollowsEveryEdit()
    {
        var buffer = new InputBuffer();
        buffer.Insert("ação 👍🏽");
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount("ação 👍🏽"), buffer.ByteCount);

        buffer.DeleteBack();
        buffer.MoveLineStart();
        buffer.DeleteForward();

        Assert.Equal("ção ", buffer.ToString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount("ção "), buffer.ByteCount);
    }

    [Theory]
    [InlineData("👨‍👩‍👧")]
    [InlineData("🇧🇷")]
    [InlineData("👍🏽")]
    [InlineData("e\u0301")]
    [InlineData("❤️")]
    public void BackspaceAndArrows_TakeAWholeGraphemeCluster(string cluster)
    {
        InputBuffer buffer = With("a" + cluster + "b");

        buffer.MoveLeft();
        buffer.MoveLeft();
        Assert.Equal(1, buffer.Cursor);
        buffer.MoveRight();
        buffer.DeleteBack();

        Assert.Equal("ab", buffer.ToString());
    }

    [Fact]
    public void CtrlA_CtrlE_GoToTheStartAndEndOfTheCurrentLine()
    {
        InputBuffer buffer = With("first\nsecond line", cursor: 9);

        buffer.MoveLineStart();
        Assert.Equal(6, buffer.Cursor);
        buffer.MoveLineEnd();
        Assert.Equal(17, buffer.Cursor);
    }

    [Fact]
    public void CtrlU_CtrlK_KillToTheStartAndEndOfTheLine()
    {
        InputBuffer buffer = With("keep\nhello world", cursor: 10);

        buffer.KillToLineEnd();
        Assert.Equal("keep\nhello", buffer.ToString());
        buffer.KillToLineStart();
        Assert.Equal("keep\n", buffer.ToString());
    }

    [Fact]
    public void CtrlW_DeletesTheWordBefore_AltBAndAltF_MoveByWords()
    {
        InputBuffer buffer = With("say hello  there");

        buffer.KillWordBack();
        Assert.Equal("say hello  ", buffer.ToString());
        buffer.KillWordBack();
        Assert.Equal("say ", buffer.ToString());

        buffer.SetText("one two three");
        buffer.MoveWordBack();
        Assert.Equal(8, buffer.Cursor);
        buffer.MoveWordBack();
        Assert.Equal(4, buffer.Cursor);
        buffer.MoveWordForward();
        Assert.Equal(7, buffer.Cursor);
    }

    [Fact]
    public void Changed_ReportsWhereTheTextChanged_SoAViewRewrapsFromThere()
    {
        InputBuffer buffer = With("abcdef");
        var from = new List<int>();
        buffer.Changed += (_, index) => from.Add(index);

        buffer.Insert("g");
        buffer.MoveTo(2);
        buffer.DeleteForward();

        Assert.Equal([5, 1], from);
    }
}
