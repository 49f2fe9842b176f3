using TuiChat.Client.Core.Input;

namespace TuiChat.Client.Core.Tests.Input;

public sealed class InputLayoutTests
{
    private static (InputBuffer Buffer, InputLayout Layout) Layout(string text, int width)
    {
        var buffer = new InputBuffer();
        var layout = new InputLayout(buffer) { Width = width };
        buffer.SetText(text);
        return (buffer, layout);
    }

    private static List<string> Rows(InputLayout layout) =>
        Enumerable.Range(0, layout.RowCount).Select(r => layout.Row(r).ToString()).ToList();

    [Fact]
    public void Rows_BreakAtLineFeeds_AndWhereTheNextClusterWouldNotFit()
    {
        var (_, layout) = Layout("abcdefgh\nxy中文", width: 5);

        Assert.Equal(["abcde", "fgh", "xy中", "文"], Rows(layout));
    }

    [Fact]
    public void ATrailingLineFeed_OpensAnEmptyRowForTheCursor()
    {
        var (_, layout) = Layout("one\n", width: 10);

        Assert.Equal(["one", ""], Rows(layout));
        Assert.Equal((1, 0), layout.CursorCell());
    }

    [Fact]
    public void Edits_AreRewrappedFromWhereTheyHappened()
    {
        var (buffer, layout) = Layout("abcdefghij", width: 4);
        Assert.Equal(["abcd", "efgh", "ij"], Rows(layout));

        buffer.MoveTo(1);
        buffer.Insert("中");
        Assert.Equal(["a中b", "cdef", "ghij"], Rows(layout));

        buffer.DeleteBack();
        Assert.Equal(["abcd", "efgh", "ij"], Rows(layout));
    }

    [Fact]
    public void CursorCell_AndIndexAt_CountCellsNotChars()
    {
        var (buffer, layout) = Layout("👍🏽ab\nx", width: 10);
        buffer.MoveTo(4 + 2); // after "👍🏽ab"

        Assert.Equal((0, 4), layout.CursorCell());
        Assert.Equal(5, layout.IndexAt(0, 3)); // the emoji takes columns 0-1, "a" column 2: column 3 is "b"
        Assert.Equal(8, layout.IndexAt(1, 5)); // past the end of "x": the row's end
    }

    [Theory]
    [InlineData("ab cd ef", 4)]
    [InlineData("中文 e\u0301 👨\u200D👩\u200D👧 🇧🇷 👍🏽 x", 5)]
    [InlineData("one\ntwo three\n", 6)]
    public void TypingAndErasingAtTheEnd_GivesTheRowsAndCursorOfAFreshLayout(string typed, int width)
    {
        var buffer = new InputBuffer();
        var layout = new InputLayout(buffer) { Width = width };
        var afresh = new InputBuffer();
        var afreshLayout = new InputLayout(afresh) { Width = width };
        // Char by char, even half a surrogate pair: a skin-tone modifier, a joiner or a combining
        // mark joins the cluster typed before it.
        foreach (string key in typed.Select(c => c.ToString()))
        {
            buffer.Insert(key);
            afresh.SetText(buffer.Span.ToString());
            Assert.Equal(Rows(afreshLayout), Rows(layout));
            Assert.Equal(afreshLayout.CursorCell(), layout.CursorCell());
        }
        while (buffer.DeleteBack())
        {
            afresh.SetText(buffer.Span.ToString());
            Assert.Equal(Rows(afreshLayout), Rows(layout));
            Assert.Equal(afreshLayout.CursorCell(), layout.CursorCell());
        }
    }
}
