using TuiChat.Client.Core.ViewModels;
using TuiChat.Client.Tui;

namespace TuiChat.Client.Tests.Tui;

/// <summary>
/// The log pane's running row count: after any mix of appends, drops of the oldest line, history
/// pages put in front and lines replaced in the middle, every row shows what wrapping the lines
/// afresh shows.
/// </summary>
public sealed class LogLayoutTests
{
    private const int Width = 30;

    private static LogLine Line(int n, int words) => new()
    {
        MsgId = n,
        Time = DateTimeOffset.UnixEpoch,
        TimeText = "10:02",
        Kind = LineKind.Chat,
        From = "bob",
        Text = string.Join(' ', Enumerable.Range(0, words).Select(w => $"w{n}.{w}")),
    };

    /// <summary>Every row of a layout built from scratch over <paramref name="lines"/>.</summary>
    private static List<string> Fresh(IEnumerable<LogLine> lines)
    {
        var layout = new LogLayout();
        layout.Reset(lines, Width);
        return Enumerable.Range(0, layout.RowCount).Select(layout.RowText).ToList();
    }

    private static List<string> Rows(LogLayout layout) => Enumerable.Range(0, layout.RowCount).Select(layout.RowText).ToList();

    [Fact]
    public void AppendingAndDroppingTheOldest_KeepsEveryRowInPlace()
    {
        var layout = new LogLayout();
        layout.Reset([], Width);
        var lines = new List<LogLine>();
        for (int n = 0; n < 200; n++)
        {
            LogLine line = Line(n, 1 + n % 9);
            Assert.Equal(layout.RowCount, layout.FirstRowOf(lines.Count));
            layout.Insert(lines.Count, line);
            lines.Add(line);
            if (lines.Count > 50)
            {
                layout.RemoveAt(0);
                lines.RemoveAt(0);
            }
        }

        Assert.Equal(Fresh(lines), Rows(layout));
        Assert.Equal(50, layout.LineCount);
    }

    [Fact]
    public void APageInFront_AndLinesReplacedInTheMiddle_KeepEveryRowInPlace()
    {
        var lines = Enumerable.Range(100, 40).Select(n => Line(n, 1 + n % 7)).ToList();
        var layout = new LogLayout();
        layout.Reset(lines, Width);

        for (int i = 0; i < 20; i++)
        {
            // A history page arrives line by line at the front, oldest first.
            LogLine older = Line(i, 1 + i % 5);
            layout.Insert(i, older);
            lines.Insert(i, older);
        }
        foreach (int at in new[] { 57, 3, 30, 58 })
        {
            // A pending line confirmed: removed, and its confirmed form put in (maybe elsewhere).
            layout.RemoveAt(at);
            lines.RemoveAt(at);
            LogLine confirmed = Line(1000 + at, 4);
            layout.Insert(at - 1, confirmed);
            lines.Insert(at - 1, confirmed);
        }

        Assert.Equal(Fresh(lines), Rows(layout));
        for (int i = 0; i < lines.Count; i++)
        {
            Assert.Same(lines[i], layout.At(layout.FirstRowOf(i)).Entry.Line);
        }
    }

    [Fact]
    public void ContinuationRows_AreIndentedPastTheTime()
    {
        var layout = new LogLayout();
        layout.Reset([Line(1, 12)], Width);

        Assert.True(layout.RowCount > 1);
        Assert.StartsWith("10:02 bob: w1.0", layout.RowText(0), StringComparison.Ordinal);
        Assert.All(Enumerable.Range(1, layout.RowCount - 1), r => Assert.StartsWith("      w1.", layout.RowText(r), StringComparison.Ordinal));
    }
}
