using BenchmarkDotNet.Attributes;
using TuiChat.Client.Core.Input;

namespace TuiChat.Client.Bench;

/// <summary>
/// The part of a keystroke that could grow with the text, without Terminal.Gui's screen work:
/// the edit in <see cref="InputBuffer"/> and what <see cref="TuiChat.Client.Tui.InputView"/>
/// asks the <see cref="InputLayout"/> after it (row count, cursor cell, the visible rows). The
/// input holds <see cref="Length"/> characters at 140 columns; an operation types one character
/// at the end and takes it back with Backspace.
/// </summary>
[MemoryDiagnoser]
public class InputEditingBenchmarks
{
    private InputBuffer _buffer = null!;
    private InputLayout _layout = null!;

    [Params(10, 1000, 4000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _buffer = new InputBuffer();
        _layout = new InputLayout(_buffer) { Width = 135 };
        const string words = "the quick brown fox jumps over the lazy dog ";
        _buffer.SetText(string.Concat(Enumerable.Repeat(words, Length / words.Length + 1))[..Length]);
    }

    [Benchmark]
    public int TypeAndErase()
    {
        _buffer.Insert("x");
        int cells = Measure();
        _buffer.DeleteBack();
        return cells + Measure();
    }

    /// <summary>What the view reads to draw: rows, the cursor, and the up to five rows shown.</summary>
    private int Measure()
    {
        int rows = _layout.RowCount;
        (int row, int column) = _layout.CursorCell();
        int shown = 0;
        for (int r = Math.Max(0, rows - 5); r < rows; r++)
        {
            shown += _layout.Row(r).Length;
        }
        return row + column + shown;
    }
}
